"""review_record: who may review, what a review needs, and the afwegingskader's logic."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from signals.accumulation import assess_family
from signals.models import Review
from signals.services import review_record
from tests.factories import FamilyFactory, SignalCategoryFactory, observation_add

TODAY = timezone.localdate


@pytest.fixture
def family(org_a, professional_a):
    family = FamilyFactory(organisation=org_a)
    observation_add(
        family=family,
        category=SignalCategoryFactory(weight=3),
        severity=3,
        observer=professional_a,
        acute=True,
    )
    return family


def test_review_clears_acute_and_keeps_the_status_it_left(family, lead_a):
    assert assess_family(family, as_of=TODAY()).status == "acute"
    review = review_record(
        family=family,
        lead=lead_a,
        decision="monitor",
        rationale="Gesproken met moeder.",
        next_review_on=TODAY() + datetime.timedelta(days=30),
        q1_suspicion=True,
        q1_reason="Meerdere zware signalen.",
        q2_unsafety=False,
        q2_reason="Kind is veilig bij oma.",
    )
    assert assess_family(family, as_of=TODAY()).status == "accumulation"
    assert (review.status_at_review, review.score_at_review) == ("accumulation", 9)


def test_rationale_is_required_also_when_not_reporting(family, lead_a):
    with pytest.raises(ValidationError) as exc:
        review_record(family=family, lead=lead_a, decision="monitor", rationale="   ")
    assert "rationale" in exc.value.message_dict
    assert not Review.objects.exists()


def test_only_a_lead_of_the_organisation(family, professional_a, lead_b):
    for person in (professional_a, lead_b):
        with pytest.raises(ValidationError) as exc:
            review_record(family=family, lead=person, decision="monitor", rationale="r")
        assert "lead" in exc.value.message_dict


def test_next_review_not_in_the_past(family, lead_a):
    with pytest.raises(ValidationError) as exc:
        review_record(
            family=family,
            lead=lead_a,
            decision="monitor",
            rationale="r",
            next_review_on=TODAY() - datetime.timedelta(days=1),
        )
    assert "next_review_on" in exc.value.message_dict


def test_unknown_decision(family, lead_a):
    with pytest.raises(ValidationError):
        review_record(family=family, lead=lead_a, decision="forget", rationale="r")


def test_unsafety_means_report_to_veilig_thuis(family, lead_a):
    with pytest.raises(ValidationError) as exc:
        review_record(
            family=family,
            lead=lead_a,
            decision="monitor",
            rationale="r",
            q1_suspicion=True,
            q2_unsafety=True,
        )
    assert "Veilig Thuis" in " ".join(exc.value.message_dict["decision"])
    review = review_record(
        family=family,
        lead=lead_a,
        decision="report_vt",
        rationale="Melding gedaan.",
        vt_reported_on=TODAY(),
        q1_suspicion=True,
        q1_reason="Letsel en angst om naar huis te gaan.",
        q2_unsafety=True,
        q2_reason="Letsel gezien.",
    )
    assert (review.q2_unsafety, review.q3_can_help) == (True, None)


def test_the_walk_stops_after_unsafety(family, lead_a):
    with pytest.raises(ValidationError) as exc:
        review_record(
            family=family,
            lead=lead_a,
            decision="report_vt",
            rationale="r",
            q1_suspicion=True,
            q2_unsafety=True,
            q3_can_help=True,
        )
    assert "q3_can_help" in exc.value.message_dict


def test_no_suspicion_closes_or_monitors(family, lead_a):
    with pytest.raises(ValidationError):
        review_record(
            family=family, lead=lead_a, decision="report_vt", rationale="r", q1_suspicion=False
        )
    review = review_record(
        family=family,
        lead=lead_a,
        decision="closed",
        rationale="Geen zorgen meer.",
        q1_suspicion=False,
        q1_reason="Het letsel bleek van een val op het schoolplein.",
    )
    assert review.decision == "closed"


def test_help_not_accepted_means_report(family, lead_a):
    with pytest.raises(ValidationError):
        review_record(
            family=family,
            lead=lead_a,
            decision="help_arranged",
            rationale="r",
            q1_suspicion=True,
            q2_unsafety=False,
            q3_can_help=True,
            q4_accepted=False,
        )
    review = review_record(
        family=family,
        lead=lead_a,
        decision="help_arranged",
        rationale="Hulp loopt.",
        q1_suspicion=True,
        q1_reason="Zorgen over de draagkracht van moeder.",
        q2_unsafety=False,
        q3_can_help=True,
        q4_accepted=True,
    )
    assert review.q4_accepted is True
