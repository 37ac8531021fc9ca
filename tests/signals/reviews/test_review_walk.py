"""A review that clears an acute flag or is recorded during an accumulation walks the
afwegingskader; a report to Veilig Thuis records when and its reference, later its answer;
a review can end a lasting risk factor and ends in agreements."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from organisations.models import AccessLogEntry, Membership
from signals.accumulation import assess_family
from signals.models import Agreement, LatestObservation, Review
from signals.reviews import agreements as agreements_module
from signals.services import observation_record, review_record, review_vt_answer
from tests.factories import FamilyFactory, SignalCategoryFactory, observation_add

TODAY = timezone.localdate
WALK = {"q1_suspicion": True, "q1_reason": "Signalen van meerdere collega's."}


def family_with(org, observer, *, severity, weight, acute=False, name="Gezin"):
    family = FamilyFactory(organisation=org, name=name)
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=weight),
        severity=severity,
        observer=observer,
        acute=acute,
    )
    return family


@pytest.fixture
def acute_family(org_a, professional_a):
    return family_with(org_a, professional_a, severity=1, weight=1, acute=True)


@pytest.fixture
def piling_family(org_a, professional_a):
    return family_with(org_a, professional_a, severity=3, weight=3)


@pytest.fixture
def attention_family(org_a, professional_a):
    return family_with(org_a, professional_a, severity=2, weight=2)


def test_clearing_acute_without_the_walk_is_refused(acute_family, lead_a):
    with pytest.raises(ValidationError) as exc:
        review_record(family=acute_family, lead=lead_a, decision="talk_parents", rationale="r")
    assert "acuut" in " ".join(exc.value.message_dict["q1_suspicion"])
    with pytest.raises(ValidationError) as exc:
        review_record(
            family=acute_family,
            lead=lead_a,
            decision="talk_parents",
            rationale="r",
            q1_suspicion=True,
        )
    assert "q1_reason" in exc.value.message_dict
    assert not Review.objects.exists()
    assert assess_family(acute_family, as_of=TODAY()).status == "acute"


def test_during_an_accumulation_too_but_not_for_attention(piling_family, attention_family, lead_a):
    with pytest.raises(ValidationError) as exc:
        review_record(family=piling_family, lead=lead_a, decision="monitor", rationale="r")
    assert "stapelen" in " ".join(exc.value.message_dict["q1_suspicion"])
    review_record(family=piling_family, lead=lead_a, decision="monitor", rationale="r", **WALK)
    review_record(family=attention_family, lead=lead_a, decision="monitor", rationale="r")


def test_a_report_to_veilig_thuis_records_when_and_later_the_answer(acute_family, lead_a, lead_b):
    base = {
        "family": acute_family,
        "lead": lead_a,
        "rationale": "Gemeld.",
        "q2_unsafety": True,
        "q2_reason": "Letsel.",
        **WALK,
    }
    with pytest.raises(ValidationError) as exc:
        review_record(decision="report_vt", **base)
    assert "vt_reported_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        review_record(
            family=acute_family,
            lead=lead_a,
            decision="monitor",
            rationale="r",
            vt_reported_on=TODAY(),
            **WALK,
        )
    assert "vt_reported_on" in exc.value.message_dict
    review = review_record(decision="report_vt", vt_reported_on=TODAY(), **base)
    assert review.awaits_vt and review.vt_reference == ""
    with pytest.raises(ValidationError):
        review_vt_answer(review=review, lead=lead_b, answer="a", answered_on=TODAY())
    with pytest.raises(ValidationError) as exc:
        review_vt_answer(review=review, lead=lead_a, answer="", answered_on=None)
    assert {"vt_answer", "vt_answered_on"} <= set(exc.value.message_dict)
    review_vt_answer(
        review=review,
        lead=lead_a,
        answer="Veilig Thuis start onderzoek.",
        answered_on=TODAY(),
        reference="VT-2026-0042",
    )
    review.refresh_from_db()
    assert (review.vt_answer, review.vt_reference, review.awaits_vt) == (
        "Veilig Thuis start onderzoek.",
        "VT-2026-0042",
        False,
    )


def test_the_answer_page(client_lead_a, client_professional_a, acute_family, lead_a):
    review = review_record(
        family=acute_family,
        lead=lead_a,
        decision="report_vt",
        rationale="Gemeld.",
        vt_reported_on=TODAY(),
        q2_unsafety=True,
        q2_reason="Letsel.",
        **WALK,
    )
    url = reverse("signals:review_vt_answer", args=[review.public_id])
    family_page = client_lead_a.get(acute_family.get_absolute_url()).content.decode()
    assert "wacht op reactie" in family_page and url in family_page
    assert client_professional_a.get(url).status_code == 403
    response = client_lead_a.post(
        url, {"vt_answer": "Onderzoek gestart.", "vt_answered_on": TODAY().isoformat()}
    )
    assert response.status_code == 302
    assert AccessLogEntry.objects.filter(action="change", object_id=str(review.public_id)).exists()
    assert (
        "Onderzoek gestart." in client_lead_a.get(acute_family.get_absolute_url()).content.decode()
    )


def test_agreements_are_recorded_with_the_review_and_their_owners_told(
    attention_family, lead_a, professional_a, colleague_a, org_a, professional_b
):
    heard = []
    listener = agreements_module.assigned.register(lambda agreement: heard.append(agreement))
    try:
        mine = Membership.objects.get(user=professional_a, organisation=org_a)
        theirs = Membership.objects.get(user=colleague_a, organisation=org_a)
        due = TODAY() + datetime.timedelta(days=14)
        review = review_record(
            family=attention_family,
            lead=lead_a,
            decision="talk_parents",
            rationale="r",
            agreements=[
                {"what": "Gesprek met moeder", "owner": mine, "due_on": due},
                {"what": "Wijkteam bellen", "owner": theirs, "due_on": due},
            ],
        )
    finally:
        agreements_module.assigned._providers.remove(listener)
    assert [(a.what, a.owner) for a in review.agreements.order_by("pk")] == [
        ("Gesprek met moeder", mine),
        ("Wijkteam bellen", theirs),
    ]
    assert [a.what for a in heard] == ["Gesprek met moeder", "Wijkteam bellen"]
    stranger = Membership.objects.get(user=professional_b)
    for item in (
        {"what": "x", "owner": stranger, "due_on": due},
        {"what": "x", "owner": mine, "due_on": TODAY() - datetime.timedelta(days=1)},
        {"what": "", "owner": mine, "due_on": due},
    ):
        with pytest.raises(ValidationError) as exc:
            review_record(
                family=attention_family,
                lead=lead_a,
                decision="monitor",
                rationale="r",
                agreements=[item],
            )
        assert "Afspraak 1:" in " ".join(exc.value.message_dict["agreements"])
    assert Agreement.objects.count() == 2


def test_a_review_ends_a_lasting_factor(org_a, lead_a, professional_a):
    family = FamilyFactory(organisation=org_a)
    debts = SignalCategoryFactory(name="Schulden", weight=2, lasting=True)
    obs = observation_record(
        family=family,
        category=debts,
        severity=2,
        observer=professional_a,
        observed_on=TODAY() - datetime.timedelta(days=300),
        description="Veel aanmaningen.",
    )
    assert assess_family(family, as_of=TODAY()).score == 4
    review = review_record(
        family=family,
        lead=lead_a,
        decision="monitor",
        rationale="Schulden geregeld.",
        lasting_ended=[(obs, TODAY() - datetime.timedelta(days=200))],
    )
    latest = LatestObservation.objects.get(chain=obs.chain)
    assert latest.ended_on == TODAY() - datetime.timedelta(days=200)
    assert latest.observation.amend_reason and latest.observation.observer == lead_a
    assert (review.status_at_review, review.score_at_review) == ("none", 1)  # ¼ × 4


def test_the_form_page_walks_and_ends(client_lead_a, org_a, lead_a, professional_a, colleague_a):
    family = FamilyFactory(organisation=org_a, name="Gezin Formulier")
    lvb = SignalCategoryFactory(name="LVB moeder", weight=3, lasting=True)
    obs = observation_record(
        family=family,
        category=lvb,
        severity=3,
        observer=professional_a,
        observed_on=TODAY() - datetime.timedelta(days=400),
        description="Moeder: LVB.",
    )
    url = reverse("signals:review_create", args=[family.public_id])
    page = client_lead_a.get(url)
    html = page.content.decode()
    assert "Afwegingskader (verplicht)" in html  # score 9: an accumulation
    assert "Wat is acute en structurele onveiligheid?" in html
    assert "LVB moeder" in html and "nog van toepassing" in html
    form = page.context["form"]
    owner = next(
        m for m in form.fields["agreement_1_owner"].objects.values() if m.user == colleague_a
    )
    data = {
        "decision": "help_arranged",
        "rationale": "Wijkteam is betrokken.",
        "q1_suspicion": "yes",
        "q1_reason": "LVB en weinig steun.",
        "q2_unsafety": "no",
        f"lasting_{obs.chain.hex}": "yes",
        "agreement_1_what": "Huisbezoek met wijkteam",
        "agreement_1_owner": str(owner.public_id),
        "agreement_1_due_on": (TODAY() + datetime.timedelta(days=7)).isoformat(),
    }
    # A half-filled agreement is named, nothing is saved.
    response = client_lead_a.post(url, {**data, "agreement_2_what": "Nog iets"})
    assert response.status_code == 400
    assert "Kies wie de afspraak uitvoert." in response.content.decode()
    assert client_lead_a.post(url, data).status_code == 302
    agreement = Agreement.objects.get()
    assert (agreement.what, agreement.owner.user) == ("Huisbezoek met wijkteam", colleague_a)
    assert LatestObservation.objects.get(chain=obs.chain).ended_on is None  # still applies


@pytest.mark.parametrize(
    ("answers", "step"),
    [
        ({"q3_can_help": "no"}, 3),
        ({"q3_can_help": "yes", "q4_accepted": "no"}, 4),
        ({"q3_can_help": "yes", "q4_accepted": "yes", "q5_effective": "no"}, 5),
    ],
)
def test_without_script_the_server_says_where_the_walk_stops(
    client_lead_a, attention_family, answers, step
):
    url = reverse("signals:review_create", args=[attention_family.public_id])
    data = {"decision": "monitor", "rationale": "r", "q1_suspicion": "yes", "q2_unsafety": "no"}
    response = client_lead_a.post(url, {**data, **answers})
    assert response.status_code == 400
    assert response.context["stop"] == step
    html = response.content.decode()
    assert f'data-stop-for="{step}">' in html  # shown; the other reasons stay hidden
    assert all(f'data-stop-for="{n}" hidden>' in html for n in (2, 3, 4, 5) if n != step)
    assert "Melden bij Veilig Thuis" in html
    assert not Review.objects.exists()


def test_a_refused_review_reads_the_family_s_observations_once(client_lead_a, acute_family):
    """The service refuses it (clearing an acute flag without the walk) after the form took
    it: it checks and the page shows one assessment, as the empty form's page computes one
    (the service's own checks of the review's shape come on top)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def observation_reads(queries):
        return sum('FROM "stap0signals_observation"' in q["sql"] for q in queries)

    url = reverse("signals:review_create", args=[acute_family.public_id])
    client_lead_a.get(url)  # the first request also settles the session
    with CaptureQueriesContext(connection) as shown:
        assert client_lead_a.get(url).status_code == 200
    with CaptureQueriesContext(connection) as refused:
        response = client_lead_a.post(url, {"decision": "talk_parents", "rationale": "r"})
    assert response.status_code == 400
    assert "acuut" in response.content.decode()  # the service's refusal, on the page
    assert not Review.objects.exists()
    assert observation_reads(shown) == observation_reads(refused) == 1
