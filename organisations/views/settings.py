"""The organisation's setting for need-to-know: a lead's choice, and logged."""

import copy

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations import services
from organisations.forms import FileAccessForm
from organisations.formtools import call_service
from organisations.models import AccessAction
from organisations.scoping import lead_view


@lead_view
@require_http_methods(["GET", "POST"])
def file_access(request):
    organisation = request.organisation
    was = organisation.everyone_reads_all_families
    # An unchecked box sends nothing: an empty POST is still a choice ("uit").
    data = request.POST if request.method == "POST" else None
    # The form fills a copy: a refused choice must not linger on the request's organisation.
    form = FileAccessForm(data, instance=copy.copy(organisation))
    if request.method == "POST" and form.is_valid():
        now = form.cleaned_data["everyone_reads_all_families"]
        changed = call_service(
            form,
            services.file_access_update,
            organisation=organisation,
            everyone_reads_all_families=now,
        )
        if changed is not None:
            if now != was:
                request.audit.record(AccessAction.SETTING_CHANGE, obj=organisation)
            if now:
                messages.success(request, _("Iedereen in je organisatie ziet nu alle gezinnen."))
            else:
                messages.success(
                    request,
                    _(
                        "Need-to-know staat aan: een dossier is voor het team en de "
                        "aandachtsfunctionaris."
                    ),
                )
            return redirect("organisations:file_access")
    return render(request, "organisations/file_access.html", {"form": form})
