"""Need-to-know from outside the team: ask for access, or open the file at once ("nu
openen", break the glass); the contact person and the leads decide on the requests."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.formtools import call_service
from organisations.models import AccessAction
from organisations.scoping import case_view, get_scoped_or_404

from .. import selectors, services
from ..forms import AccessDecisionForm, AccessRequestForm, GlassBreakForm
from ..models import AccessRequest, AccessRequestStatus
from ..scoping import get_family_to_find, reads_file_now


def _already_reads(request, family):
    messages.info(request, _("Je kunt dit dossier al lezen."))
    return redirect(family)


@case_view
@require_http_methods(["GET", "POST"])
def access_request(request, public_id):
    """ "Toegang vragen": the contact person and the leads decide."""
    family = get_family_to_find(request, public_id)
    if reads_file_now(request, family):
        return _already_reads(request, family)
    pending = AccessRequest.objects.filter(
        family=family, requested_by=request.user, status=AccessRequestStatus.PENDING
    ).first()
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        asked = call_service(
            form,
            services.access_request_create,
            family=family,
            requested_by=request.user,
            reason=form.cleaned_data["reason"],
        )
        if asked is not None:
            request.audit.record(AccessAction.ACCESS_REQUEST, family=family, obj=asked)
            messages.success(
                request,
                _(
                    "Je verzoek is verstuurd. De vaste contactpersoon of de "
                    "aandachtsfunctionaris beslist; je ziet het gezin dan open in de lijst."
                ),
            )
            return redirect("families:list")
    return render(
        request,
        "families/access_request.html",
        {"family": family, "form": form, "pending": pending},
    )


@case_view
@require_http_methods(["GET", "POST"])
def break_glass(request, public_id):
    """ "Nu openen": when it cannot wait, the file opens for 24 hours with a written reason."""
    family = get_family_to_find(request, public_id)
    if reads_file_now(request, family):
        return _already_reads(request, family)
    form = GlassBreakForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        opening = call_service(
            form,
            services.glass_break_open,
            family=family,
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
        if opening is not None:
            request.audit.record(AccessAction.BREAK_GLASS, family=family, obj=opening)
            messages.warning(
                request,
                _("Het dossier is nu voor je open. De aandachtsfunctionaris hoort ervan."),
            )
            return redirect(family)
    return render(
        request,
        "families/break_glass.html",
        {"family": family, "form": form, "hours": services.GLASS_BREAK_HOURS},
    )


@case_view
@require_http_methods(["GET"])
def access_requests(request):
    """The open requests this contact person or lead decides, and the user's own requests."""
    decide = list(
        selectors.open_access_requests_for(request.membership)
        .select_related("family", "requested_by")
        .order_by("created_at", "pk")
    )
    for item in decide:
        item.form = AccessDecisionForm(prefix=str(item.public_id))
    mine = (
        AccessRequest.objects.filter(
            requested_by=request.user, family__organisation=request.organisation
        )
        .select_related("family", "decided_by")
        .order_by("-created_at", "-pk")[:20]
    )
    return render(request, "families/access_requests.html", {"decide": decide, "mine": mine})


@case_view
@require_http_methods(["POST"])
def access_request_decide(request, public_id):
    asked = get_scoped_or_404(
        request,
        selectors.access_requests_decided_by(request.membership).select_related(
            "family", "requested_by"
        ),
        public_id=public_id,
    )
    form = AccessDecisionForm(request.POST, prefix=str(asked.public_id))
    if form.is_valid():
        decided = call_service(
            form,
            services.access_request_decide,
            access_request=asked,
            decided_by=request.user,
            grant=form.cleaned_data["decision"] == AccessDecisionForm.GRANT,
            note=form.cleaned_data["note"],
        )
        if decided is not None:
            request.audit.record(AccessAction.ACCESS_DECISION, family=asked.family, obj=decided)
            name = asked.requested_by.get_full_name() or asked.requested_by.get_username()
            if decided.status == AccessRequestStatus.GRANTED:
                text = _("%(name)s hoort nu bij het team van %(family)s.")
            else:
                text = _("Het verzoek van %(name)s voor %(family)s is geweigerd.")
            messages.success(request, text % {"name": name, "family": asked.family.name})
            return redirect("families:access_requests")
    for error in form.errors.values():
        for message in error:
            messages.error(request, message)
    return redirect("families:access_requests")
