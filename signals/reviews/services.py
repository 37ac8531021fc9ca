import copy
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from families.services import family_touch
from notifications.models import NotificationKind
from notifications.services import notify, resolve
from organisations.models import Membership
from organisations.shape import raise_errors, shape_errors
from signals.observations.models import Observation
from signals.observations.services import observation_amend
from signals.reviews.agreements import agreement_add, agreement_errors
from signals.reviews.models import AFWEGINGSVRAGEN, Agreement, Decision, Review

ANSWERS = {q.answer for q in AFWEGINGSVRAGEN}
REASONS = {q.reason for q in AFWEGINGSVRAGEN}

# Decisions that keep following the family: they get a next review date by default.
FOLLOWED_UP = (Decision.MONITOR, Decision.HELP_ARRANGED)


def default_next_review_on(today=None):
    """Today plus settings.STAP0_NEXT_REVIEW_WEEKS (6)."""
    today = today or timezone.localdate()
    return today + datetime.timedelta(weeks=settings.STAP0_NEXT_REVIEW_WEEKS)


def _check_weighing(decision, answers, errors):
    """The afwegingskader's logic: which decision the answers allow."""
    q1, q2, q3, q4, q5 = (answers.get(q.answer) for q in AFWEGINGSVRAGEN)
    if all(a is None for a in (q1, q2, q3, q4, q5)):
        return
    if q1 is None:
        errors["q1_suspicion"] = _("Beantwoord eerst vraag 1: is er een vermoeden?")
        return
    if q1 is False:
        if any(a is not None for a in (q2, q3, q4, q5)):
            errors["q2_unsafety"] = _(
                "Zonder vermoeden stopt de afweging na vraag 1: laat de andere vragen leeg."
            )
        if decision not in (Decision.CLOSED, Decision.MONITOR):
            errors["decision"] = _(
                "Zonder vermoeden van huiselijk geweld of kindermishandeling is het besluit "
                "'afgesloten' of 'blijven volgen'."
            )
        return
    if q2 is True:
        if any(a is not None for a in (q3, q4, q5)):
            errors["q3_can_help"] = _(
                "Bij acute of structurele onveiligheid stopt de afweging: melden bij Veilig "
                "Thuis. De volgende vragen beantwoord je samen met Veilig Thuis."
            )
        if decision != Decision.REPORT_VT:
            errors["decision"] = _(
                "Bij acute of structurele onveiligheid is het besluit: melden bij Veilig Thuis "
                "(0800-2000)."
            )
        return
    for answer in (q3, q4, q5):
        if answer is False and decision != Decision.REPORT_VT:
            errors["decision"] = _(
                "Als je onvoldoende hulp kunt bieden, de hulp niet wordt aanvaard of niet tot "
                "veiligheid leidt, is het besluit: melden bij Veilig Thuis."
            )
            return
        if answer is None:
            return


def _is_lead(lead, family):
    return (
        Membership.objects.leads().filter(user=lead, organisation=family.organisation_id).exists()
    )


def _refuse_unknown(weighing):
    unknown = set(weighing) - ANSWERS - REASONS
    if unknown:
        raise ValidationError(
            _("Onbekende velden: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )


def _assessment(family, known=None):
    """The family's assessment today; `known` when the caller computed it already today
    (the review page shows it above the form)."""
    from signals.accumulation import assess_family

    today = timezone.localdate()
    if known is not None and known.family.pk == family.pk and known.as_of == today:
        return known
    return assess_family(family, as_of=today)


def _state_left(family, assessment):
    """The family's status and score as this review leaves it: the acute flag it clears
    no longer counts."""
    from signals.accumulation import ACUTE, status_for

    status = assessment.status
    if status == ACUTE:
        status, _rule = status_for(
            score=assessment.score,
            distinct=assessment.distinct_risk_categories,
            acute=False,
            organisation=family.organisation,
        )
    return status, assessment.score


def walk_required(assessment):
    """Why this review must walk the afwegingskader (design.md), or "" when it need not: it
    would clear an acute flag, or the family is in accumulation."""
    from signals.accumulation import ACCUMULATION, ACUTE

    if assessment.status == ACUTE:
        return _(
            "Deze beoordeling heft een acuut signaal op. Loop daarom het afwegingskader door: "
            "beantwoord ten minste vraag 1 en schrijf je overwegingen op."
        )
    if assessment.status == ACCUMULATION:
        return _(
            "Bij dit gezin stapelen de risico's zich op. Loop daarom het afwegingskader door: "
            "beantwoord ten minste vraag 1 en schrijf je overwegingen op."
        )
    return ""


def _check_walk(assessment, review, errors):
    why = walk_required(assessment)
    if not why:
        return
    first = AFWEGINGSVRAGEN[0]
    if getattr(review, first.answer) is None:
        errors.setdefault(first.answer, []).append(why)
    elif not getattr(review, first.reason):
        errors.setdefault(first.reason, []).append(
            _("Schrijf je overwegingen bij vraag 1 op: daarop rust dit besluit.")
        )


def _check_veilig_thuis(review, errors):
    """A report to Veilig Thuis records when it was made; other decisions record none."""
    if review.decision == Decision.REPORT_VT:
        if review.vt_reported_on is None and "vt_reported_on" not in errors:
            errors["vt_reported_on"] = [_("Vul in op welke dag je bij Veilig Thuis hebt gemeld.")]
    elif review.vt_reported_on is not None or review.vt_reference:
        errors["vt_reported_on"] = [
            _(
                "Een meldingsdatum en kenmerk horen alleen bij het besluit 'melden bij Veilig "
                "Thuis'. Kies dat besluit, of laat ze leeg."
            )
        ]


def _new_agreements(review, family, agreements, errors):
    """Unsaved agreements of the review; their refusals go under "agreements", numbered."""
    found = []
    for n, item in enumerate(agreements, start=1):
        agreement = Agreement(
            review=review,
            family=family,
            what=item.get("what"),
            owner=item.get("owner"),
            due_on=item.get("due_on"),
        )
        for messages in agreement_errors(agreement).values():
            for message in ValidationError(messages).messages:
                errors.setdefault("agreements", []).append(
                    _("Afspraak %(n)d: %(message)s") % {"n": n, "message": message}
                )
        found.append(item)
    return found


def _current_lasting(assessment):
    return {obs.chain: obs for obs in assessment.lasting_factors}


def _check_lasting_ended(assessment, lasting_ended, errors):
    current = _current_lasting(assessment)
    for observation, ended_on in lasting_ended:
        if getattr(observation, "chain", None) not in current:
            errors.setdefault("lasting_ended", []).append(
                _("Dit is geen blijvende risicofactor van dit gezin die nu nog telt.")
            )
        elif ended_on is None:
            errors.setdefault("lasting_ended", []).append(
                _("Vul in sinds wanneer %(name)s niet meer van toepassing is.")
                % {"name": current[observation.chain].category.display_name}
            )


def _end_lasting(assessment, lasting_ended, lead):
    """Each lasting factor the review ends: a correction that sets its `ended_on`."""
    current = _current_lasting(assessment)
    for observation, ended_on in lasting_ended:
        observation_amend(
            original=current[observation.chain],
            observer=lead,
            ended_on=ended_on,
            reason=_("Bij de beoordeling: niet meer van toepassing."),
        )


@transaction.atomic
def review_record(
    *,
    family,
    lead,
    decision,
    rationale,
    next_review_on=None,
    confidential=None,
    vt_reported_on=None,
    vt_reference="",
    agreements=(),
    lasting_ended=(),
    assessment=None,
    **weighing,
) -> Review:
    """Record the lead's review; it clears the acute flags raised before it.

    `weighing`: q1_suspicion..q5_effective (True, False or None) and q1_reason..q5_reason;
    a review that clears an acute flag or is recorded during an accumulation must answer
    question 1 with its reasoning. A report to Veilig Thuis records `vt_reported_on` (and
    `vt_reference`, once known). `agreements`: [{"what", "owner" (a Membership), "due_on"}];
    `lasting_ended`: [(observation, date)] of current lasting risk factors that no longer
    apply, each ended by a correction. `assessment`: the family's assessment today, when the
    caller has it (the review page computes it to show it); otherwise computed here.

    `confidential` (only the leads read it; need-to-know): None takes the default, which is
    confidential for a decision to report to Veilig Thuis.
    """
    _refuse_unknown(weighing)
    if next_review_on is None and decision in FOLLOWED_UP:
        # Following a family means looking again: without a date, in a few weeks.
        next_review_on = default_next_review_on()
    review = Review(
        family=family,
        lead=lead,
        decision=decision,
        rationale=rationale,
        next_review_on=next_review_on,
        confidential=(
            decision == Decision.REPORT_VT if confidential is None else bool(confidential)
        ),
        vt_reported_on=vt_reported_on,
        vt_reference=vt_reference or "",
        **{name: weighing.get(name) for name in (*ANSWERS, *REASONS)},
    )
    errors = shape_errors(review)
    if "lead" not in errors and not _is_lead(lead, family):
        errors["lead"] = _("Alleen een aandachtsfunctionaris van deze organisatie kan beoordelen.")
    assessment = _assessment(family, known=assessment)
    if not errors:
        answers = {q: getattr(review, q) for q in ANSWERS}
        _check_weighing(review.decision, answers, errors)
        _check_walk(assessment, review, errors)
        _check_veilig_thuis(review, errors)
    agreements = _new_agreements(review, family, agreements, errors)
    lasting_ended = list(lasting_ended)
    _check_lasting_ended(assessment, lasting_ended, errors)
    raise_errors(errors)
    if lasting_ended:
        _end_lasting(assessment, lasting_ended, lead)
        assessment = _assessment(family)
    review.status_at_review, review.score_at_review = _state_left(family, assessment)
    review.save()
    for item in agreements:
        agreement_add(review=review, what=item["what"], owner=item["owner"], due_on=item["due_on"])
    family_touch(family=family)
    _notify_decision(review)
    # The lead looked: what asked them to (due, risen, acute) is done.
    resolve(
        family=family,
        kinds=[NotificationKind.REVIEW_DUE, NotificationKind.STATUS_UP, NotificationKind.ACUTE],
    )
    return review


def _notify_decision(review):
    """Whoever logged about the family hears of the decision ("Mijn signalen" shows it)."""
    family = review.family
    observers = (
        Observation.objects.filter(family=family).values_list("observer_id", flat=True).distinct()
    )
    with override(settings.LANGUAGE_CODE):  # stored text: the site's language
        # Need-to-know: a confidential review's decision (a report to Veilig Thuis) is the
        # leads' only; the notification says that there is one, not which.
        decision = _("vertrouwelijk") if review.confidential else str(review.get_decision_display())
    notify(
        kind=NotificationKind.DECISION,
        event_key=f"decision:{review.public_id}",
        url=f"{reverse('signals:my_signals')}#gezin-{family.public_id}",
        recipients=set(observers),
        family=family,
        actor=review.lead,
        detail=decision,
    )


@transaction.atomic
def review_vt_answer(*, review, lead, answer, answered_on, reference="") -> Review:
    """Veilig Thuis answered a report: its answer, when, and its reference if not known yet."""
    errors = {}
    if review.decision != Decision.REPORT_VT:
        raise ValidationError(_("Deze beoordeling is geen melding bij Veilig Thuis."))
    if not _is_lead(lead, review.family):
        errors["lead"] = _("Alleen een aandachtsfunctionaris van deze organisatie kan dit.")
    answered = copy.copy(review)  # the review stays as it was if this is refused
    answered.vt_answer = answer
    answered.vt_answered_on = answered_on
    if reference:
        answered.vt_reference = reference
    errors.update(
        shape_errors(
            answered,
            exclude=[
                f.name
                for f in Review._meta.fields
                if f.name not in ("vt_answer", "vt_answered_on", "vt_reference")
            ],
        )
    )
    if "vt_answer" not in errors and not answered.vt_answer:
        errors["vt_answer"] = [_("Schrijf op wat Veilig Thuis heeft geantwoord.")]
    if "vt_answered_on" not in errors and answered.vt_answered_on is None:
        errors["vt_answered_on"] = [_("Vul in wanneer het antwoord kwam.")]
    raise_errors(errors)
    review.vt_answer = answered.vt_answer
    review.vt_answered_on = answered.vt_answered_on
    review.vt_reference = answered.vt_reference
    review.save(update_fields=["vt_answer", "vt_answered_on", "vt_reference"])
    family_touch(family=review.family)
    return review
