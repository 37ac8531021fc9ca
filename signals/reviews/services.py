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
from signals.reviews.models import AFWEGINGSVRAGEN, Decision, Review

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


def _state_left(family):
    """The family's status and score as this review leaves it: the acute flag it clears
    no longer counts."""
    from signals.accumulation import ACUTE, assess_family, status_for

    assessment = assess_family(family, as_of=timezone.localdate())
    status = assessment.status
    if status == ACUTE:
        status, _rule = status_for(
            score=assessment.score,
            distinct=assessment.distinct_risk_categories,
            acute=False,
            organisation=family.organisation,
        )
    return status, assessment.score


@transaction.atomic
def review_record(
    *, family, lead, decision, rationale, next_review_on=None, confidential=None, **weighing
) -> Review:
    """Record the lead's review; it clears the acute flags logged before it.

    `confidential` (only the leads read it; need-to-know): None takes the default, which is
    confidential for a decision to report to Veilig Thuis.

    `weighing`: q1_suspicion..q5_effective (True, False or None) and q1_reason..q5_reason.
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
        **{name: weighing.get(name) for name in (*ANSWERS, *REASONS)},
    )
    errors = shape_errors(review)
    if "lead" not in errors and not _is_lead(lead, family):
        errors["lead"] = _("Alleen een aandachtsfunctionaris van deze organisatie kan beoordelen.")
    if not errors:
        answers = {q: getattr(review, q) for q in ANSWERS}
        _check_weighing(review.decision, answers, errors)
    raise_errors(errors)
    review.status_at_review, review.score_at_review = _state_left(family)
    review.save()
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
        decision = str(review.get_decision_display())
    notify(
        kind=NotificationKind.DECISION,
        event_key=f"decision:{review.public_id}",
        url=f"{reverse('signals:my_signals')}#gezin-{family.public_id}",
        recipients=set(observers),
        family=family,
        actor=review.lead,
        detail=decision,
    )
