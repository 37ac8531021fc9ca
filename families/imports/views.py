"""The beheerder's import: upload, choose the columns, check, import, see the result."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.formtools import call_service
from organisations.models import AccessAction
from organisations.scoping import ADMIN_ROLES, admin_view, require_role

from ..models import Child
from . import services
from .forms import MappingForm, UploadForm
from .models import PupilImport
from .parsing import MAX_BYTES

PREVIEW_ROWS = 100
SAMPLES = 3


def _pupil_import(request, public_id):
    """An import of the current organisation (another's is a 404), for its beheerder."""
    membership = require_role(request, ADMIN_ROLES)
    imports = PupilImport.objects.filter(organisation=membership.organisation)
    return get_object_or_404(imports, public_id=public_id)


@admin_view
@require_http_methods(["GET", "POST"])
def upload(request):
    posted = request.method == "POST"
    form = UploadForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        # Read into memory and parse; the file itself is never stored.
        data = uploaded.read(MAX_BYTES + 1)
        pupil_import = call_service(
            form,
            services.import_upload,
            organisation=request.organisation,
            created_by=request.user,
            data=data,
            file_name=uploaded.name,
        )
        if pupil_import is not None:
            request.audit.record(AccessAction.CREATE, obj=pupil_import)
            return redirect("families:import_mapping", import_id=pupil_import.public_id)
    recent = PupilImport.objects.filter(
        organisation=request.organisation, imported_at__isnull=False
    )[:5]
    return render(request, "families/import_upload.html", {"form": form, "recent": recent})


def _samples(pupil_import):
    """A few values of each column, so that the user sees what a column holds."""
    samples = [[] for _ in pupil_import.headers]
    for _line, cells, _extra in pupil_import.rows:
        for i, value in enumerate(cells):
            if value and len(samples[i]) < SAMPLES:
                samples[i].append(value)
        if all(len(s) >= SAMPLES for s in samples):
            break
    return samples


@admin_view
@require_http_methods(["GET", "POST"])
def mapping(request, import_id):
    pupil_import = _pupil_import(request, import_id)
    if pupil_import.imported_at is not None:
        return redirect("families:import_result", import_id=pupil_import.public_id)
    initial = {
        k: ("" if v is None else str(v)) for k, v in services.mapping_of(pupil_import).items()
    }
    form = MappingForm(request.POST or None, headers=pupil_import.headers, initial=initial)
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        mapped = call_service(form, services.import_map, pupil_import=pupil_import, mapping=mapping)
        if mapped is not None:
            return redirect("families:import_preview", import_id=pupil_import.public_id)
    columns = list(zip(pupil_import.headers, _samples(pupil_import), strict=True))
    return render(
        request,
        "families/import_mapping.html",
        {"form": form, "pupil_import": pupil_import, "columns": columns},
    )


@admin_view
@require_http_methods(["GET", "POST"])
def preview(request, import_id):
    pupil_import = _pupil_import(request, import_id)
    if pupil_import.imported_at is not None:
        return redirect("families:import_result", import_id=pupil_import.public_id)
    try:
        services.check_mapping(services.mapping_of(pupil_import), pupil_import.headers)
    except ValidationError:
        messages.warning(request, _("Kies eerst welke kolom wat is."))
        return redirect("families:import_mapping", import_id=pupil_import.public_id)
    # A confirmation without fields: a refusal shows on this page, above the button.
    form = forms.Form(request.POST if request.method == "POST" else None)
    done = None
    if form.is_bound:
        done = call_service(form, services.import_run, pupil_import=pupil_import)
    if done is not None:
        org = request.organisation
        request.audit.record(AccessAction.IMPORT, obj=done)
        for pid in done.touched_families:
            request.audit.record(AccessAction.IMPORT, family_public_id=pid, organisation=org)
        messages.success(request, _("De import is klaar."))
        return redirect("families:import_result", import_id=done.public_id)
    rows = services.rows_of(pupil_import)
    the_plan = services.plan(request.organisation, rows)
    ok_rows = [r for r in rows if r.ok]
    chosen = services.mapping_of(pupil_import)
    return render(
        request,
        "families/import_preview.html",
        {
            "pupil_import": pupil_import,
            "plan": the_plan,
            "rows_total": len(rows),
            "ok_count": len(ok_rows),
            "error_rows": the_plan.errors,
            "ok_rows": [(r, the_plan.status.get(r.line)) for r in ok_rows[:PREVIEW_ROWS]],
            "more_rows": max(0, len(ok_rows) - PREVIEW_ROWS),
            "has_numbers": chosen["pupil_number"] is not None,
            "has_family_column": chosen["family_key"] is not None
            or (chosen["postcode"] is not None and chosen["house_number"] is not None),
            "form": form,
        },
    )


@admin_view
@require_http_methods(["GET"])
def result(request, import_id):
    pupil_import = _pupil_import(request, import_id)
    if pupil_import.imported_at is None:
        return redirect("families:import_preview", import_id=pupil_import.public_id)
    left_ids = pupil_import.summary.get("left", [])
    left = (
        Child.objects.filter(family__organisation=request.organisation, public_id__in=left_ids)
        .select_related("family")
        .order_by("group_name", "first_name")
    )
    return render(
        request,
        "families/import_result.html",
        {"pupil_import": pupil_import, "summary": pupil_import.summary, "left": left},
    )
