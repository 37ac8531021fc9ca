"""Long-term support: "controle vastleggen", the check that clears "controle te laat"."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.formtools import call_service
from organisations.models import AccessAction
from organisations.scoping import case_view

from .. import services
from ..forms import SupportCheckForm
from ..scoping import get_family_for_user


@case_view
@require_http_methods(["GET", "POST"])
def check_create(request, public_id):
    family = get_family_for_user(request, public_id)
    form = SupportCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = call_service(
            form,
            services.support_check_record,
            family=family,
            recorded_by=request.user,
            **form.cleaned_data,
        )
        if check is not None:
            request.audit.record(AccessAction.CREATE, family=family, obj=check)
            if check.next_check_on:
                messages.success(
                    request,
                    _("De controle is vastgelegd. Volgende controle: %(date)s.")
                    % {"date": check.next_check_on.strftime("%d-%m-%Y")},
                )
            else:
                messages.success(request, _("De controle is vastgelegd."))
            return redirect(family)
    return render(
        request,
        "families/check_form.html",
        {
            "form": form,
            "family": family,
            "next_check": services.next_check_after(family, form.fields["checked_on"].initial)
            if not form.is_bound and form.fields["checked_on"].initial
            else None,
            "recent": list(family.checks.select_related("recorded_by")[:3]),
        },
    )
