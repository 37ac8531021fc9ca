"""Lost phone: the beheerder resets a colleague's second factor (never their own)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations import accounts
from organisations.formtools import call_service
from organisations.mfa import confirmed_totp, remaining_backup_codes
from organisations.models import AccessAction, Membership
from organisations.scoping import ADMIN_ROLES, admin_view, get_scoped_or_404


@admin_view
@require_http_methods(["GET", "POST"])
def mfa_reset(request, public_id):
    membership = get_scoped_or_404(
        request, Membership.objects.select_related("user"), roles=ADMIN_ROLES, public_id=public_id
    )
    if membership.user_id == request.user.pk:
        # Your own second factor is never reset by yourself: ask another beheerder.
        raise PermissionDenied
    # A confirmation without fields: a refusal shows on this page, above the button.
    form = forms.Form(request.POST if request.method == "POST" else None)
    mailed = None
    if form.is_bound:
        mailed = call_service(
            form, accounts.second_factor_reset, membership=membership, by=request.user
        )
    if mailed is not None:
        request.audit.record(AccessAction.MFA_RESET, obj=membership)
        name = membership.display_name
        if mailed:
            text = _(
                "De tweestapsverificatie van %(name)s is hersteld. %(name)s heeft daarover "
                "een e-mail gekregen en stelt het bij de volgende inlog opnieuw in."
            )
            messages.success(request, text % {"name": name})
        else:
            text = _(
                "De tweestapsverificatie van %(name)s is hersteld, maar er kon geen e-mail "
                "worden verstuurd. Laat het %(name)s zelf weten."
            )
            messages.warning(request, text % {"name": name})
        return redirect("organisations:people")
    return render(
        request,
        "organisations/mfa_reset.html",
        {
            "membership_obj": membership,
            "has_device": confirmed_totp(membership.user) is not None,
            "backup_codes": remaining_backup_codes(membership.user),
            "form": form,
        },
    )
