"""Invitations: the beheerder invites, resends and revokes; the colleague accepts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations import invitations as service
from organisations.account_forms import AcceptForm, InvitationForm
from organisations.formtools import call_service
from organisations.models import AccessAction, Invitation
from organisations.scoping import ADMIN_ROLES, admin_view, require_role


def _invitation(request, public_id):
    """An invitation of the current organisation (another's is a 404), for its beheerder."""
    membership = require_role(request, ADMIN_ROLES)
    return get_object_or_404(
        Invitation.objects.filter(organisation=membership.organisation), public_id=public_id
    )


@admin_view
@require_http_methods(["GET", "POST"])
def invite(request):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = call_service(
            form,
            service.invitation_create,
            organisation=request.organisation,
            invited_by=request.user,
            **form.cleaned_data,
        )
        if invitation is not None:
            request.audit.record(AccessAction.INVITE, obj=invitation)
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s. De link is 72 uur geldig.")
                % {"email": invitation.email},
            )
            return redirect("organisations:people")
    return render(request, "organisations/invite.html", {"form": form})


@admin_view
@require_http_methods(["POST"])
def invitation_resend(request, public_id):
    invitation = _invitation(request, public_id)
    try:
        service.invitation_resend(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        request.audit.record(AccessAction.INVITE, obj=invitation)
        messages.success(
            request,
            _("Een nieuwe link is verstuurd naar %(email)s; de vorige werkt niet meer.")
            % {"email": invitation.email},
        )
    return redirect("organisations:people")


@admin_view
@require_http_methods(["POST"])
def invitation_revoke(request, public_id):
    invitation = _invitation(request, public_id)
    try:
        service.invitation_revoke(invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        request.audit.record(AccessAction.CHANGE, obj=invitation)
        messages.success(
            request,
            _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email},
        )
    return redirect("organisations:people")


def _suggested_username(email):
    local = email.split("@", 1)[0]
    return "".join(c for c in local if c.isalnum() or c in "._-+")[:150]


@login_not_required
@require_http_methods(["GET", "POST"])
def accept(request, token):
    """The link from the e-mail: choose a password (a new account) or, for someone who
    already has an account with this address, log in and join."""
    invitation = service.invitation_for_token(token)
    if invitation is None:
        return render(request, "organisations/invitation_invalid.html")
    account = service.account_for(invitation)
    context = {"invitation": invitation, "organisation": invitation.organisation}
    user = request.user
    if user.is_authenticated:
        if account is None or account.pk != user.pk:
            return render(request, "organisations/invitation_other_account.html", context)
        return _accept_existing(request, invitation, user, context)
    if account is not None:
        login_url = f"{reverse('login')}?{urlencode({'next': request.path})}"
        return render(
            request,
            "organisations/invitation_login_first.html",
            {**context, "login_url": login_url},
        )
    form = AcceptForm(
        request.POST or None, initial={"username": _suggested_username(invitation.email)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = call_service(
            form,
            service.invitation_accept_new,
            invitation=invitation,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            password=data["password1"],
        )
        if membership is not None:
            who, org = membership.user, membership.organisation
            request.audit.record(AccessAction.CREATE, obj=membership, user=who, organisation=org)
            messages.success(
                request,
                _(
                    "Je account is klaar. Log in met je gebruikersnaam %(username)s en je "
                    "nieuwe wachtwoord."
                )
                % {"username": membership.user.get_username()},
            )
            return redirect("login")
    return render(request, "organisations/invitation_accept.html", {**context, "form": form})


def _accept_existing(request, invitation, user, context):
    if request.method == "POST":
        try:
            membership = service.invitation_accept_existing(invitation=invitation, user=user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("home")
        org = membership.organisation
        request.audit.record(AccessAction.CREATE, obj=membership, organisation=org)
        messages.success(
            request,
            _("Je werkt nu ook in %(organisation)s.") % {"organisation": invitation.organisation},
        )
        return redirect("organisations:switch")
    return render(request, "organisations/invitation_join.html", context)
