"""Events that requests emit: an answer, a decision, an acute signal, a status that rose;
and the review's default next date."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import Family
from families.services import team_add
from notifications.models import Notification, NotificationKind
from organisations.models import Organisation
from organisations.services import thresholds_update
from signals import services
from signals.models import SignalCategory
from signals.reviews.services import default_next_review_on
from tests.factories import FamilyFactory
from tests.signals.followup.conftest import record

K = NotificationKind


def of_kind(kind):
    return Notification.objects.filter(kind=kind)


def test_an_answer_tells_the_one_who_asked_with_a_link_to_mijn_vragen(
    family, professional_a, colleague_a, lead_a, client_professional_a
):
    # Alice asks from within the family's file: she is in its team.
    team_add(family=family, user=professional_a, added_by=lead_a, note="Mentor van Mila.")
    look = services.look_request_create(
        family=family, requested_by=professional_a, requested_from=colleague_a, message="?"
    )
    services.look_request_answer(request=look, author=colleague_a, kind="advice", text="Bel.")
    notification = of_kind(K.ANSWER).get()
    assert notification.recipient == professional_a
    assert notification.url == f"{reverse('signals:my_questions')}#vraag-{look.public_id}"
    assert "Annet" in notification.message() and "Gezin Volgen" in notification.message()
    page = client_professional_a.get(reverse("families:list"))
    assert page.context["notification_count"] == 1


def test_a_decision_tells_everyone_who_logged_about_the_family_once(
    family, risk, professional_a, colleague_a, lead_a, client_professional_a
):
    record(family, professional_a, risk[0])
    record(family, professional_a, risk[1])
    record(family, colleague_a, risk[2])
    record(family, lead_a, risk[3])  # the lead who decides is not told
    # Four risks pile up: the review walks the afwegingskader (at least question 1).
    review = services.review_record(
        family=family,
        lead=lead_a,
        decision="talk_parents",
        rationale="Gesprek plannen.",
        q1_suspicion=True,
        q1_reason="Vier zorgen van drie collega's.",
    )
    told = of_kind(K.DECISION)
    assert sorted(told.values_list("recipient__username", flat=True)) == ["alice", "annet"]
    notification = told.get(recipient=professional_a)
    assert notification.detail == "gesprek met ouders"
    assert notification.url.endswith(f"#gezin-{family.public_id}")
    assert notification.event_key == f"decision:{review.public_id}"
    # "Mijn signalen" shows the decision: opening it reads the notification.
    page = client_professional_a.get(reverse("signals:my_signals"))
    assert f'id="gezin-{family.public_id}"' in page.content.decode()
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_no_decision_news_across_organisations(family, org_b, professional_b, lead_a, risk):
    other = FamilyFactory(organisation=org_b)
    record(other, professional_b, risk[0])
    services.review_record(family=family, lead=lead_a, decision="closed", rationale="Klaar.")
    assert not Notification.objects.exists()


def test_an_acute_signal_tells_every_lead_once_per_raise(
    family, risk, professional_a, lead_a, org_a
):
    from organisations.models import Role
    from tests.factories import MembershipFactory, UserFactory

    second_lead = UserFactory(username="lotte")
    MembershipFactory(user=second_lead, organisation=org_a, role=Role.LEAD)
    acute = record(family, professional_a, risk[0], severity=2, acute=True)
    told = of_kind(K.ACUTE)
    assert sorted(told.values_list("recipient__username", flat=True)) == ["lena", "lotte"]
    assert told.first().url == reverse("signals:explanation", args=[family.public_id])
    # A correction of the wording raises nothing new; a more severe version does.
    services.observation_amend(original=acute, observer=professional_a, reason="typo")
    assert told.count() == 2
    services.observation_amend(original=acute, observer=professional_a, reason="erger", severity=3)
    assert told.count() == 4


def test_a_status_that_rises_tells_the_leads_once_per_step(
    family, risk, professional_a, lead_a, org_a
):
    weight_two = [c for c in risk if c.weight == 2][:3]
    assert len(weight_two) == 3
    record(family, professional_a, weight_two[0], severity=2)  # 4 points: attention
    told = of_kind(K.STATUS_UP)
    assert list(told.values_list("detail", flat=True)) == ["aandacht"]
    assert told.get().recipient == lead_a
    record(family, professional_a, weight_two[0], severity=1)  # still attention: nothing new
    assert told.count() == 1
    record(family, professional_a, weight_two[1], severity=2)  # 10 points: accumulation
    assert sorted(told.values_list("detail", flat=True)) == ["aandacht", "stapeling"]
    assert list(told.unread().values_list("detail", flat=True)) == ["stapeling"]
    # A review resolves them; the same status after it is not news.
    services.review_record(
        family=family,
        lead=lead_a,
        decision="monitor",
        rationale="We volgen het.",
        q1_suspicion=False,
        q1_reason="Geen vermoeden.",
    )
    assert not told.unread().exists()
    record(family, professional_a, weight_two[2], severity=1)
    assert told.count() == 2


def test_each_observation_tells_the_rise_by_the_thresholds_and_the_family_of_that_moment(
    family, risk, professional_a, lead_a, org_a
):
    """The check after an observation follows what decides the status then: thresholds a
    lead just changed (the same day), the family's own observations and last review; never
    another family's answer."""
    weight_two = [c for c in risk if c.weight == 2][:2]
    protective = SignalCategory.objects.filter(kind="protective", organisation__isnull=True)[0]
    other = FamilyFactory(organisation=org_a, name="Gezin Anders")
    told = of_kind(K.STATUS_UP)
    record(family, professional_a, weight_two[0], severity=1)  # 2 points: below attention (4)
    assert not told.exists()
    # A lead lowers the thresholds; the next observation (a new request) tells at once.
    thresholds_update(
        organisation=Organisation.objects.get(pk=org_a.pk),
        attention_threshold=2,
        accumulation_threshold=4,
    )
    family = Family.objects.get(pk=family.pk)
    record(family, professional_a, protective, severity=1)
    assert told.get().event_key == f"status_up:{family.public_id}:attention:-"
    # Another family of the organisation, the same day and thresholds, has its own status.
    other = Family.objects.get(pk=other.pk)
    record(other, professional_a, protective, severity=1)
    assert told.count() == 1
    record(other, professional_a, weight_two[0], severity=1)
    assert told.filter(family=other).get().event_key == f"status_up:{other.public_id}:attention:-"
    # After a review at attention, a rise to accumulation is news of that review's period.
    review = services.review_record(
        family=family,
        lead=lead_a,
        decision="monitor",
        rationale="We volgen het.",
        q1_suspicion=False,
        q1_reason="Geen vermoeden.",
    )
    record(family, professional_a, weight_two[1], severity=1)  # 4 points: accumulation
    rise = told.filter(family=family, read_at__isnull=True).get()
    assert rise.event_key == f"status_up:{family.public_id}:accumulation:{review.public_id}"
    assert rise.detail == "stapeling"


def test_a_review_resolves_what_asked_the_lead_to_look(family, risk, professional_a, lead_a):
    record(family, professional_a, risk[0], severity=3, acute=True)
    assert of_kind(K.ACUTE).unread().count() == 1
    services.review_record(
        family=family,
        lead=lead_a,
        decision="monitor",
        rationale="Gezien.",
        q1_suspicion=False,
        q1_reason="Uitgezocht: geen vermoeden.",
    )
    assert not of_kind(K.ACUTE).unread().exists()


@pytest.mark.parametrize(
    ("decision", "weeks"),
    [("monitor", 6), ("help_arranged", 6), ("talk_parents", None), ("closed", None)],
)
def test_following_up_gets_a_next_review_date_by_default(family, lead_a, decision, weeks):
    review = services.review_record(family=family, lead=lead_a, decision=decision, rationale="r")
    expected = timezone.localdate() + datetime.timedelta(weeks=weeks) if weeks else None
    assert review.next_review_on == expected


def test_a_chosen_date_is_kept_and_the_weeks_are_a_setting(family, lead_a, settings):
    chosen = timezone.localdate() + datetime.timedelta(days=10)
    review = services.review_record(
        family=family, lead=lead_a, decision="monitor", rationale="r", next_review_on=chosen
    )
    assert review.next_review_on == chosen
    settings.STAP0_NEXT_REVIEW_WEEKS = 2
    assert default_next_review_on() == timezone.localdate() + datetime.timedelta(weeks=2)


def test_the_review_form_says_so(client_lead_a, family):
    page = client_lead_a.get(reverse("signals:review_create", args=[family.public_id]))
    assert "Leeg bij “blijven volgen” of “hulp georganiseerd”: over 6 weken." in (
        page.content.decode()
    )
