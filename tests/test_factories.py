"""The factories make data that obeys the same rules as real data."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from families.models import Family
from organisations.models import Membership, Role
from signals.models import Observation, SignalCategory
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    ObservationFactory,
    SignalCategoryFactory,
    UserFactory,
)


@pytest.mark.django_db
def test_observation_factory_records_through_the_service():
    family = FamilyFactory()
    before = Family.objects.get(pk=family.pk).last_activity_at
    obs = ObservationFactory(family=family)
    assert Observation.objects.get() == obs
    assert obs.chain == obs.public_id  # the first version of its own chain
    assert obs.category.kind == "risk" and obs.category.organisation is None
    assert obs.observed_on == timezone.localdate()
    assert Membership.objects.get(user=obs.observer).organisation == family.organisation
    assert Membership.objects.get(user=obs.observer).role == Role.PROFESSIONAL
    # the service's side effect: the family's retention clock moved
    assert Family.objects.get(pk=family.pk).last_activity_at != before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "make"),
    [
        ("observed_on", lambda: {"observed_on": timezone.localdate() + datetime.timedelta(days=1)}),
        ("observer", lambda: {"observer": UserFactory()}),  # no member of the organisation
        ("child", lambda: {"child": ChildFactory()}),  # a child of another family
        ("acute", lambda: {"acute": True, "category": SignalCategoryFactory(kind="protective")}),
        ("description", lambda: {"description": "   "}),
    ],
)
def test_observation_factory_is_refused_what_the_service_refuses(field, make):
    with pytest.raises(ValidationError) as refused:
        ObservationFactory(**make())
    assert field in refused.value.message_dict
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_observation_factory_without_the_shipped_catalogue():
    # Transactional tests flush the catalogue that a migration loads: then a risk factor is made.
    SignalCategory.objects.all().delete()
    obs = ObservationFactory()
    assert obs.category.kind == "risk" and SignalCategory.objects.get() == obs.category
