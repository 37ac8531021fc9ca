"""When an acute flag is raised (design.md): by the first acute version, by a version that
makes the chain acute again, or by an acute version of a higher severity. A correction of
wording, date or a lower severity neither raises it again nor sends a second e-mail."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from signals import services
from signals.accumulation import assess_families, assess_family
from signals.models import LatestObservation, Review
from tests.factories import FamilyFactory, SignalCategoryFactory

TODAY = timezone.localdate


@pytest.fixture
def family(org_a):
    return FamilyFactory(organisation=org_a, name="Gezin Acuut")


@pytest.fixture
def acute(family, professional_a, lead_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        obs = services.observation_record(
            family=family,
            category=SignalCategoryFactory(kind="signal", weight=3),
            severity=2,
            observed_on=TODAY(),
            observer=professional_a,
            description="Kind vertelt over klappen thuis.",
            acute=True,
        )
    assert len(mail.outbox) == 1
    mail.outbox.clear()
    return obs


def review(family, lead):
    return Review.objects.create(
        family=family, lead=lead, decision="report_vt", rationale="Gemeld.", status_at_review=""
    )


def status(family):
    python = assess_family(family, as_of=TODAY()).status
    database = assess_families(type(family).objects.filter(pk=family.pk), as_of=TODAY()).get()
    assert python == database.status
    return python


def amend(obs, user, capture, **changes):
    with capture(execute=True):
        return services.observation_amend(
            original=obs, observer=user, reason="Correctie", **changes
        )


@pytest.mark.parametrize(
    "changes",
    [
        {"description": "Kind vertelt over klappen thuis, gisteren."},
        {"observed_on": TODAY() - datetime.timedelta(days=1)},
        {"severity": 1},
    ],
    ids=["wording", "date", "lower severity"],
)
def test_a_correction_that_does_not_raise_it_stays_cleared_and_sends_nothing(
    family, acute, professional_a, lead_a, django_capture_on_commit_callbacks, changes
):
    since = LatestObservation.objects.get(chain=acute.chain).acute_since
    review(family, lead_a)
    assert status(family) != "acute"
    amend(acute, professional_a, django_capture_on_commit_callbacks, **changes)
    assert LatestObservation.objects.get(chain=acute.chain).acute_since == since
    assert status(family) != "acute"
    assert mail.outbox == []


def test_a_higher_severity_raises_it_again_with_an_alert(
    family, acute, professional_a, lead_a, django_capture_on_commit_callbacks
):
    review(family, lead_a)
    version = amend(acute, professional_a, django_capture_on_commit_callbacks, severity=3)
    assert LatestObservation.objects.get(chain=acute.chain).acute_since == version.created_at
    assert status(family) == "acute"
    assert len(mail.outbox) == 1


def test_acute_again_after_a_version_that_was_not(
    family, acute, professional_a, lead_a, django_capture_on_commit_callbacks
):
    amend(acute, professional_a, django_capture_on_commit_callbacks, acute=False)
    assert LatestObservation.objects.get(chain=acute.chain).acute_since is None
    review(family, lead_a)
    assert mail.outbox == []
    again = amend(acute, professional_a, django_capture_on_commit_callbacks, acute=True)
    assert LatestObservation.objects.get(chain=acute.chain).acute_since == again.created_at
    assert status(family) == "acute"
    assert len(mail.outbox) == 1
