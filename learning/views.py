"""Learning together: the consultations (casusoverleg) and the team's page "wat werkte".

For the organisation's professionals and leads (the beheerder sees none); preparing a
consultation and recording its outcomes is for a lead or an intern begeleider. A vignette
links back to its family only for whoever reads that family's file (need-to-know)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from families.models import Family
from families.scoping import with_file_access
from organisations.formtools import call_service
from organisations.models import AccessAction
from organisations.scoping import LEAD_ROLES, case_view, get_scoped_or_404, scoped
from signals.accumulation import STATUS_LABELS, assess_families
from signals.catalogue.models import SignalCategory
from signals.reviews.models import Decision
from signals.reviews.selectors import agreement_owners

from . import selectors, services
from .forms import (
    ApproveForm,
    ConsultationForm,
    OutcomeForm,
    SentencesForm,
    StoryForm,
    WhatWorkedFilterForm,
)
from .models import Consultation, Vignette, WhatWorked, WhatWorkedStatus
from .vignettes import status_label

DECISIONS = dict(Decision.choices)


def _require_preparer(request):
    if not services.may_prepare(request.membership):
        raise PermissionDenied


@case_view
@require_http_methods(["GET"])
def consultations(request):
    items = scoped(request, Consultation.objects.all())
    request.audit.record(AccessAction.VIEW, object_type="consultations")
    return render(
        request,
        "learning/consultations.html",
        {"consultations": items, "may_prepare": services.may_prepare(request.membership)},
    )


def _working_list(request):
    """The families whose file the preparer reads, most worrying first (the working list)."""
    families = scoped(request, Family.objects.all())
    today = timezone.localdate()
    rows = list(
        assess_families(families, as_of=today, organisations=[request.organisation]).order_by(
            "-status_rank", "-score", "name"
        )
    )
    for family in rows:
        family.status_label = STATUS_LABELS.get(family.status, family.status)
    return rows


@case_view
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    _require_preparer(request)
    form = ConsultationForm(request.POST or None, families=_working_list(request))
    if request.method == "POST" and form.is_valid():
        consultation = call_service(
            form,
            services.consultation_create,
            organisation=request.organisation,
            prepared_by=request.user,
            **form.cleaned_data,
        )
        if consultation is not None:
            request.audit.record(AccessAction.CREATE, obj=consultation)
            messages.success(request, _("Het overleg is voorbereid: lees de casussen na."))
            return redirect(consultation)
    return render(request, "learning/consultation_form.html", {"form": form})


def _consultation(request, public_id):
    return get_scoped_or_404(request, Consultation.objects.all(), public_id=public_id)


def _vignettes(request, consultation):
    vignettes = list(
        consultation.vignettes.select_related("family", "follow_up_by__user").prefetch_related(
            "agreements"
        )
    )
    readable = set(
        with_file_access(request, Family.objects.filter(pk__in=[v.family_id for v in vignettes]))
        .filter(reads_file=True)
        .values_list("pk", flat=True)
    )
    for vignette in vignettes:
        # Need-to-know: the way back to the family only for its team and the leads.
        vignette.family_url = (
            vignette.family.get_absolute_url() if vignette.family_id in readable else None
        )
        vignette.status_text = status_label(vignette.draft.get("status", ""))
        for decision in vignette.draft.get("tried", {}).get("decisions", []):
            decision["decision_label"] = DECISIONS.get(decision["decision"], "")
    return vignettes


@case_view
@require_http_methods(["GET"])
def consultation(request, public_id):
    consultation = _consultation(request, public_id)
    may_prepare = services.may_prepare(request.membership)
    vignettes = _vignettes(request, consultation)
    _log(request, AccessAction.VIEW, consultation, vignettes)
    if may_prepare:
        for vignette in vignettes:
            vignette.form = SentencesForm(
                initial={"sentences": vignette.sentences}, prefix=str(vignette.public_id)
            )
    return render(
        request,
        "learning/consultation.html",
        {"consultation": consultation, "vignettes": vignettes, "may_prepare": may_prepare},
    )


@case_view
@require_http_methods(["GET"])
def consultation_print(request, public_id):
    consultation = _consultation(request, public_id)
    vignettes = _vignettes(request, consultation)
    _log(request, AccessAction.PRINT, consultation, vignettes)
    return render(
        request,
        "learning/consultation_print.html",
        {"consultation": consultation, "vignettes": vignettes},
    )


def _log(request, action, consultation, vignettes):
    """One entry per family of the consultation: a vignette is drawn from the family's file,
    so the family's access log shows who read or printed it (without names, but still)."""
    for vignette in vignettes:
        request.audit.record(action, family=vignette.family, obj=consultation)


def _vignette(request, public_id):
    return get_scoped_or_404(
        request,
        Vignette.objects.select_related("consultation__organisation", "family__organisation"),
        public_id=public_id,
    )


@case_view
@require_POST
def vignette_sentences(request, public_id):
    vignette = _vignette(request, public_id)
    _require_preparer(request)
    form = SentencesForm(request.POST, prefix=str(vignette.public_id))
    saved = None
    if form.is_valid():
        saved = call_service(
            form,
            services.vignette_sentences_set,
            vignette=vignette,
            by=request.user,
            **form.cleaned_data,
        )
    if saved is not None:
        request.audit.record(AccessAction.CHANGE, obj=vignette)
        messages.success(request, _("De zinnen van de casus zijn opgeslagen."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect(vignette.consultation)


@case_view
@require_http_methods(["GET", "POST"])
def vignette_outcome(request, public_id):
    vignette = _vignette(request, public_id)
    _require_preparer(request)
    form = OutcomeForm(request.POST or None, members=agreement_owners(request.organisation))
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.outcome_record, vignette=vignette, by=request.user, **form.cleaned_data
        )
        if saved is not None:
            request.audit.record(AccessAction.CREATE, family=vignette.family, obj=vignette)
            messages.success(request, _("De uitkomst staat in het dossier van het gezin."))
            return redirect(vignette.consultation)
    request.audit.record(AccessAction.VIEW, family=vignette.family, obj=vignette)
    vignette.status_text = status_label(vignette.draft.get("status", ""))
    return render(request, "learning/outcome_form.html", {"form": form, "vignette": vignette})


# What worked


@case_view
@require_http_methods(["GET"])
def what_worked(request):
    categories = SignalCategory.objects.available_to(request.organisation).order_by("name")
    form = WhatWorkedFilterForm(request.GET or None, categories=categories)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "category": form.category_objects.get(data["category"]),
            "age_band": data["age"],
            "query": data["q"].strip(),
        }
    items = selectors.approved_items(request, **filters)
    is_lead = request.membership.role in LEAD_ROLES
    request.audit.record(
        AccessAction.SEARCH if filters else AccessAction.VIEW, object_type="what_worked"
    )
    return render(
        request,
        "learning/what_worked.html",
        {
            "form": form,
            "items": items,
            "invitations": selectors.my_invitations(request, written=True).select_related("family"),
            "to_approve": selectors.to_approve(request).select_related("family") if is_lead else [],
        },
    )


def _item(request, public_id):
    return get_scoped_or_404(
        request,
        WhatWorked.objects.select_related("family__organisation", "invited__user", "organisation"),
        public_id=public_id,
    )


@case_view
@require_http_methods(["GET", "POST"])
def what_worked_write(request, public_id):
    item = _item(request, public_id)
    if not services.may_write(request.user, item):
        raise PermissionDenied
    form = StoryForm(request.POST or None, initial={"story": item.story})
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.what_worked_write, item=item, by=request.user, **form.cleaned_data
        )
        if saved is not None:
            request.audit.record(AccessAction.CREATE, family=item.family, obj=item)
            messages.success(
                request,
                _("Dank je. De aandachtsfunctionaris maakt er een versie zonder namen van."),
            )
            return redirect("learning:what_worked")
    request.audit.record(AccessAction.VIEW, family=item.family, obj=item)
    return render(request, "learning/what_worked_write.html", {"form": form, "item": item})


@case_view
@require_http_methods(["GET", "POST"])
def what_worked_approve(request, public_id):
    item = _item(request, public_id)
    if request.membership.role not in LEAD_ROLES:
        raise PermissionDenied
    categories = SignalCategory.objects.available_to(request.organisation).order_by("name")
    form = ApproveForm(request.POST or None, categories=categories)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form, services.what_worked_approve, item=item, by=request.user, **form.cleaned_data
        )
        if saved is not None:
            request.audit.record(AccessAction.REVIEW, family=item.family, obj=item)
            messages.success(request, _("Goedgekeurd: het staat op de pagina wat werkte."))
            return redirect("learning:what_worked")
    request.audit.record(AccessAction.VIEW, family=item.family, obj=item)
    return render(
        request,
        "learning/what_worked_approve.html",
        {"form": form, "item": item, "written": item.status == WhatWorkedStatus.WRITTEN},
    )
