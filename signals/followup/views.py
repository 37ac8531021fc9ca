from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from families.scoping import get_family_for_user
from organisations.models import AccessAction
from organisations.scoping import case_view
from signals.notes.models import NoteKind
from signals.notes.services import note_add


@case_view
@require_http_methods(["POST"])
def going_well(request, family_id):
    """One click: "niets nieuws, gaat goed" as a "wat goed gaat" note, so that silence about
    a family is a choice, not an oversight."""
    family = get_family_for_user(request, family_id)
    try:
        note = note_add(
            family=family,
            author=request.user,
            kind=NoteKind.GOING_WELL,
            text=_("Niets nieuws, gaat goed."),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(family.get_absolute_url())
    request.audit.record(AccessAction.CREATE, family=family, obj=note)
    messages.success(
        request,
        _("Vastgelegd bij %(family)s: niets nieuws, gaat goed.") % {"family": family.name},
    )
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect(family.get_absolute_url())
