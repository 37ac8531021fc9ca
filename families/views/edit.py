"""Creating a family and changing its name, contact person and support plan."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.formtools import call_service
from organisations.models import AccessAction
from organisations.scoping import case_view

from .. import services
from ..forms import FamilyForm
from ..scoping import get_family_for_user


@case_view
@require_http_methods(["GET", "POST"])
def family_create(request):
    membership = request.membership  # case_view: a professional or lead, here and now
    form = FamilyForm(request.POST or None, organisation=membership.organisation)
    if request.method == "POST" and form.is_valid():
        family = call_service(
            form,
            services.family_create,
            organisation=membership.organisation,
            created_by=request.user,
            **form.cleaned_data,
        )
        if family is not None:
            request.audit.record(AccessAction.CREATE, family=family, obj=family)
            messages.success(
                request,
                _("Het gezin is aangemaakt. Voeg nu de kinderen toe."),
            )
            return redirect(family)
    return render(
        request,
        "families/form.html",
        {"form": form, "title": _("Gezin toevoegen"), "cancel_url": "families:list"},
    )


@case_view
@require_http_methods(["GET", "POST"])
def family_edit(request, public_id):
    family = get_family_for_user(request, public_id)
    # The form writes its input onto the instance; the page keeps showing the saved name.
    family_name = family.name
    form = FamilyForm(request.POST or None, instance=family, organisation=family.organisation)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, services.family_update, family=family, **form.cleaned_data)
        if saved is not None:
            request.audit.record(AccessAction.CHANGE, family=family, obj=family)
            messages.success(request, _("De gegevens van het gezin zijn opgeslagen."))
            return redirect(family)
    return render(
        request,
        "families/form.html",
        {
            "form": form,
            "family": family,
            "family_name": family_name,
            "title": _("Gezin wijzigen"),
        },
    )
