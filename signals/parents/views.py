from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from families.scoping import get_family_for_user
from organisations.formtools import call_service
from organisations.models import AccessAction
from organisations.scoping import LEAD_ROLES, case_view, get_scoped_or_404
from signals.observations import services as observation_services
from signals.observations.models import Observation
from signals.observations.selectors import attach_parents_views, readable_family_observations
from signals.parents import selectors, services
from signals.parents.forms import (
    CorrectionDecisionForm,
    CorrectionRequestForm,
    ParentsViewForm,
    PrepareForm,
    RecordForm,
    SummaryForm,
)
from signals.parents.models import CorrectionRequest
from signals.reviews.selectors import agreement_owners


def _data(request):
    """The POST's data, also when every field was left empty (then still a bound form)."""
    return request.POST if request.method == "POST" else None


@case_view
@require_http_methods(["GET", "POST"])
def conversation_prepare(request, family_id):
    """Prepare a conversation with the parents: what goes well first, then the observations
    to raise, each with the catalogue's "wat je kunt vragen", and the guide of openings."""
    family = get_family_for_user(request, family_id)
    form = PrepareForm(
        _data(request), observations=selectors.raisable_observations(request, family)
    )
    if request.method == "POST" and form.is_valid():
        conversation = call_service(
            form,
            services.conversation_prepare,
            family=family,
            prepared_by=request.user,
            observations=form.cleaned_data["observations"],
            planned_on=form.cleaned_data["planned_on"],
            preparation_note=form.cleaned_data["preparation_note"],
        )
        if conversation is not None:
            request.audit.record(AccessAction.CREATE, family=family, obj=conversation)
            messages.success(
                request, _("Het gesprek is voorbereid. Leg het vast als het gevoerd is.")
            )
            return redirect(conversation.get_absolute_url())
    request.audit.record(AccessAction.VIEW, family=family)
    return render(
        request,
        "signals/parents/prepare.html",
        {
            "family": family,
            "form": form,
            "preparation": selectors.preparation(request, family),
        },
    )


@case_view
@require_http_methods(["GET", "POST"])
def conversation(request, public_id):
    """One conversation: its preparation, and the form to record it (once), or the record."""
    conversation = selectors.conversation_for(request, public_id)
    family = conversation.family
    raised = selectors.raised_with_latest(conversation)
    form = None
    if not conversation.is_recorded:
        initial = {"held_on": timezone.localdate(), "with_parents": True}
        form = RecordForm(
            _data(request),
            raised=raised,
            members=agreement_owners(family.organisation),
            initial=initial,
        )
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Dit gesprek is al vastgelegd."))
            return redirect(conversation.get_absolute_url())
        if form.is_valid():
            recorded = call_service(
                form,
                services.conversation_record,
                conversation=conversation,
                recorded_by=request.user,
                responses=form.responses(),
                agreements=form.agreements(),
                **form.record_fields(),
            )
            if recorded is not None:
                request.audit.record(AccessAction.CHANGE, family=family, obj=conversation)
                messages.success(
                    request,
                    _("Het gesprek is vastgelegd; de besproken observaties staan op besproken."),
                )
                return redirect(conversation.get_absolute_url())
    request.audit.record(AccessAction.VIEW, family=family, obj=conversation)
    noticed, going_well = selectors.summary_lines(conversation)
    return render(
        request,
        "signals/parents/conversation.html",
        {
            "family": family,
            "conversation": conversation,
            "raised": raised,
            "form": form,
            "preparation": selectors.preparation(request, family),
            "has_summary": bool(noticed or going_well),
            "agreements": selectors.conversation_agreements(conversation),
        },
    )


def _summary_form(request, conversation, data=None):
    raised = selectors.raised_with_latest(conversation)
    preparation = selectors.preparation(request, conversation.family)
    going_well = [
        *(o.category.display_name for o in preparation.going_well_observations),
        *(_("notitie: %(text)s") % {"text": n.text[:80]} for n in preparation.going_well_notes),
    ]
    noticed, well = selectors.summary_lines(conversation)
    initial = {"language": conversation.summary_language}
    initial.update({f"noticed_{n}": text for n, text in enumerate(noticed)})
    initial.update({f"going_well_{n}": text for n, text in enumerate(well)})
    sources = [r.latest.category.display_name for r in raised]
    return SummaryForm(
        data,
        initial=initial,
        noticed_sources=sources + [None] * max(0, len(noticed) - len(sources)),
        going_well_sources=going_well + [None] * max(0, len(well) - len(going_well)),
    )


@case_view
@require_http_methods(["GET", "POST"])
def conversation_summary(request, public_id):
    """Write the summary for the parents: tick what to tell, in words for them."""
    conversation = selectors.conversation_for(request, public_id)
    form = _summary_form(request, conversation, _data(request))
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.summary_save,
            conversation=conversation,
            by=request.user,
            language=form.cleaned_data["language"],
            noticed=form.texts("noticed"),
            going_well=form.texts("going_well"),
        )
        if saved is not None:
            request.audit.record(AccessAction.CHANGE, family=conversation.family, obj=conversation)
            messages.success(
                request, _("De samenvatting is opgeslagen. Druk hem af voor de ouders.")
            )
            return redirect(reverse("signals:conversation_summary_print", args=[public_id]))
    request.audit.record(AccessAction.VIEW, family=conversation.family, obj=conversation)
    return render(
        request,
        "signals/parents/summary_form.html",
        {"conversation": conversation, "family": conversation.family, "form": form},
    )


@case_view
@require_http_methods(["GET"])
def conversation_summary_print(request, public_id):
    """The printable summary for the parents (A4), in the language chosen for them. It
    leaves the file: logged as an export."""
    conversation = selectors.conversation_for(request, public_id)
    family = conversation.family
    noticed, going_well = selectors.summary_lines(conversation)
    contact = family.contact_person
    request.audit.record(AccessAction.EXPORT, family=family, obj=conversation)
    language = conversation.summary_language
    if language not in services.summary_languages():
        language = "nl"
    with translation.override(language):
        return render(
            request,
            "signals/parents/summary_print.html",
            {
                "family": family,
                "conversation": conversation,
                "noticed": noticed,
                "going_well": going_well,
                "agreements": selectors.agreements_for_parents(conversation),
                "contact": contact,
                "organisation": family.organisation,
                "language": language,
            },
        )


@case_view
@require_http_methods(["GET", "POST"])
def parents_view_add(request, public_id):
    """The parents' own view on one observation, shown beside it wherever it is shown."""
    observation = get_scoped_or_404(
        request,
        Observation.objects.latest_versions().select_related("family", "category"),
        chain__in=Observation.objects.filter(public_id=public_id).values("chain"),
    )
    family = get_family_for_user(request, observation.family.public_id)
    form = ParentsViewForm(_data(request))
    if request.method == "POST" and form.is_valid():
        view = call_service(
            form,
            observation_services.parents_view_add,
            observation=observation,
            recorded_by=request.user,
            text=form.cleaned_data["text"],
        )
        if view is not None:
            request.audit.record(AccessAction.CREATE, family=family, obj=view)
            messages.success(request, _("De visie van de ouders staat bij de observatie."))
            return redirect(family.get_absolute_url())
    request.audit.record(AccessAction.VIEW, family=family, obj=observation)
    attach_parents_views([observation])
    return render(
        request,
        "signals/parents/parents_view_form.html",
        {"form": form, "family": family, "observation": observation},
    )


@case_view
@require_http_methods(["GET", "POST"])
def correction_request_create(request, family_id):
    family = get_family_for_user(request, family_id)
    form = CorrectionRequestForm(
        _data(request), observations=readable_family_observations(request, family)
    )
    if request.method == "POST" and form.is_valid():
        correction = call_service(
            form,
            services.correction_request_record,
            family=family,
            recorded_by=request.user,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            received_on=form.cleaned_data["received_on"],
            observation=form.cleaned_data["observation"],
        )
        if correction is not None:
            request.audit.record(AccessAction.CREATE, family=family, obj=correction)
            messages.success(
                request, _("Het verzoek is vastgelegd; een aandachtsfunctionaris besluit.")
            )
            return redirect(correction.get_absolute_url())
    request.audit.record(AccessAction.VIEW, family=family)
    return render(request, "signals/parents/correction_form.html", {"form": form, "family": family})


@case_view
@require_http_methods(["GET", "POST"])
def correction_request(request, public_id):
    """A parent's correction request; a lead decides it (once), with the reasoning."""
    correction = get_scoped_or_404(
        request,
        CorrectionRequest.objects.select_related(
            "family", "recorded_by", "decided_by", "observation__category"
        ),
        public_id=public_id,
    )
    family = correction.family
    is_lead = request.membership.role in LEAD_ROLES
    form = None
    if is_lead and not correction.is_decided:
        form = CorrectionDecisionForm(_data(request))
    if request.method == "POST":
        if not is_lead:
            raise PermissionDenied
        if form is None:
            messages.error(request, _("Over dit verzoek is al besloten."))
            return redirect(correction.get_absolute_url())
        if form.is_valid():
            decided = call_service(
                form,
                services.correction_request_decide,
                request=correction,
                lead=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
            if decided is not None:
                request.audit.record(AccessAction.REVIEW, family=family, obj=decided)
                messages.success(request, _("Het besluit is vastgelegd."))
                return redirect(decided.get_absolute_url())
    request.audit.record(AccessAction.VIEW, family=family, obj=correction)
    return render(
        request,
        "signals/parents/correction.html",
        {"correction": correction, "family": family, "form": form, "is_lead": is_lead},
    )
