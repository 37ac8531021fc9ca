"""A lead exports one family's complete file: a print-ready page and JSON. Both are logged."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from families.scoping import get_family_for_user
from organisations.models import AccessAction
from organisations.scoping import LEAD_ROLES, lead_view

from .export import family_file


@lead_view
@require_http_methods(["GET"])
def family_export(request, public_id):
    family = get_family_for_user(request, public_id, roles=LEAD_ROLES)
    data = family_file(family, request)
    request.audit.record(AccessAction.PRINT, family=family)
    return render(
        request,
        "dossier/export.html",
        {"family": family, "file": data, "generated_at": timezone.now()},
    )


@lead_view
@require_http_methods(["GET"])
def family_export_json(request, public_id):
    family = get_family_for_user(request, public_id, roles=LEAD_ROLES)
    data = family_file(family, request)
    data["exported_at"] = timezone.now().isoformat()
    data["exported_by"] = request.user.get_full_name() or request.user.get_username()
    request.audit.record(AccessAction.EXPORT, family=family)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="stap0-gezin-{family.public_id}.json"'
    return response
