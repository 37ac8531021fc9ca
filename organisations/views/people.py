from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations import services
from organisations.forms import MembershipForm, PersonForm, ThresholdsForm
from organisations.formtools import call_service
from organisations.models import Membership
from organisations.scoping import ADMIN_ROLES, admin_view, get_scoped_or_404, lead_view, scoped


@admin_view
@require_http_methods(["GET"])
def people(request):
    memberships = scoped(request, Membership.objects.select_related("user"), roles=ADMIN_ROLES)
    invitations = request.organisation.invitations.open().select_related("invited_by")
    return render(
        request,
        "organisations/people.html",
        {
            "memberships": memberships.order_by("-is_active", "user__first_name", "user__username"),
            "invitations": invitations.order_by("email"),
            "now": timezone.now(),
        },
    )


@admin_view
@require_http_methods(["GET", "POST"])
def person_add(request):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = call_service(
            form, services.person_add, organisation=request.organisation, **form.cleaned_data
        )
        if added is not None:
            messages.success(
                request, _("%(name)s is toegevoegd.") % {"name": form.cleaned_data["first_name"]}
            )
            return redirect("organisations:people")
    return render(
        request, "organisations/person_form.html", {"form": form, "title": _("Persoon toevoegen")}
    )


@admin_view
@require_http_methods(["GET", "POST"])
def membership_edit(request, public_id):
    membership = get_scoped_or_404(
        request, Membership.objects.select_related("user"), roles=ADMIN_ROLES, public_id=public_id
    )
    form = MembershipForm(request.POST or None, instance=membership)
    if request.method == "POST" and form.is_valid():
        if membership == request.membership and (
            form.cleaned_data["role"] != membership.role or not form.cleaned_data["is_active"]
        ):
            form.add_error(None, _("Je kunt je eigen rol niet wijzigen of jezelf uitschakelen."))
        elif call_service(
            form, services.membership_update, membership=membership, **form.cleaned_data
        ):
            messages.success(request, _("Opgeslagen."))
            return redirect("organisations:people")
    return render(
        request,
        "organisations/person_form.html",
        {"form": form, "title": membership.display_name, "membership_obj": membership},
    )


@lead_view
@require_http_methods(["GET", "POST"])
def thresholds(request):
    organisation = request.organisation
    form = ThresholdsForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.thresholds_update, organisation=organisation, **form.cleaned_data
        )
        if saved is not None:
            messages.success(request, _("De drempels zijn opgeslagen."))
            return redirect("organisations:thresholds")
    return render(request, "organisations/thresholds.html", {"form": form})
