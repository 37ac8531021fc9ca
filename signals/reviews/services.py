from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import Membership
from signals.reviews.models import Decision, Review

QUESTIONS = (
    ("q1_suspicion", "q1_reason"),
    ("q2_unsafety", "q2_reason"),
    ("q3_can_help", "q3_reason"),
    ("q4_accepted", "q4_reason"),
    ("q5_effective", "q5_reason"),
)


ANSWERS = {q for q, _r in QUESTIONS}


REASONS = {r for _q, r in QUESTIONS}


def _check_weighing(decision, answers, errors):
    """The afwegingskader's logic: which decision the answers allow."""
    q1, q2, q3, q4, q5 = (answers.get(q) for q, _r in QUESTIONS)
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


def _touch(family):
    try:
        from families.services import family_touch
    except ImportError:  # pragma: no cover - the families app provides it
        return
    family_touch(family=family)


@transaction.atomic
def review_record(
    *, family, lead, decision, rationale, next_review_on=None, confidential=None, **weighing
) -> Review:
    """Record the lead's review; it clears the acute flags logged before it.

    `confidential` (only the leads read it; need-to-know): None takes the default, which is
    confidential for a decision to report to Veilig Thuis.

    `weighing`: q1_suspicion..q5_effective (True, False or None) and q1_reason..q5_reason.
    """
    from signals.accumulation import ACUTE, assess_family, status_for

    unknown = set(weighing) - ANSWERS - REASONS
    if unknown:
        raise ValidationError(
            _("Onbekende velden: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    errors = {}
    is_lead = (
        lead is not None
        and getattr(lead, "is_authenticated", False)
        and Membership.objects.leads()
        .filter(user=lead, organisation=family.organisation_id)
        .exists()
    )
    if not is_lead:
        errors["lead"] = _("Alleen een aandachtsfunctionaris van deze organisatie kan beoordelen.")
    if decision not in Decision.values:
        errors["decision"] = _("Kies een besluit.")
    rationale = (rationale or "").strip()
    if "\x00" in rationale:
        errors["rationale"] = _("Tekst bevat ongeldige tekens.")
    elif not rationale:
        errors["rationale"] = _(
            "Schrijf de onderbouwing op: ook een besluit om niet te melden houdt zijn redenen."
        )
    if next_review_on is not None and next_review_on < timezone.localdate():
        errors["next_review_on"] = _("De volgende beoordeling kan niet in het verleden liggen.")
    answers = {q: weighing.get(q) for q in ANSWERS}
    for q, value in answers.items():
        if value not in (True, False, None):
            errors[q] = _("Kies ja of nee.")
    reasons = {r: (weighing.get(r) or "").strip() for r in REASONS}
    for r, text in reasons.items():
        if "\x00" in text:
            errors[r] = _("Tekst bevat ongeldige tekens.")
    if not errors:
        _check_weighing(decision, answers, errors)
    if errors:
        raise ValidationError(errors)

    assessment = assess_family(family, as_of=timezone.localdate())
    status = assessment.status
    if status == ACUTE:  # this review clears it
        status, _rule = status_for(
            score=assessment.score,
            distinct=assessment.distinct_risk_categories,
            acute=False,
            organisation=family.organisation,
        )
    review = Review(
        family=family,
        lead=lead,
        decision=decision,
        rationale=rationale,
        next_review_on=next_review_on,
        confidential=(
            decision == Decision.REPORT_VT if confidential is None else bool(confidential)
        ),
        status_at_review=status,
        score_at_review=assessment.score,
        **answers,
        **reasons,
    )
    try:
        review.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from exc
    review.save()
    _touch(family)
    return review
