import pytest
from django.utils import timezone

from families.services import family_update
from organisations.models import Membership
from signals import services
from signals.models import SignalCategory
from tests.factories import ChildFactory, FamilyFactory


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def risk():
    return SignalCategory.objects.filter(kind="risk", organisation__isnull=True).order_by("pk")


@pytest.fixture
def family(org_a):
    family = FamilyFactory(organisation=org_a, name="Gezin Volgen")
    ChildFactory(family=family, first_name="Mila")
    return family


@pytest.fixture
def contact(family, professional_a):
    """professional_a becomes the family's fixed contact person."""
    family_update(family=family, contact_person=Membership.objects.get(user=professional_a))
    return professional_a


def record(family, observer, category, *, severity=2, acute=False, **extra):
    return services.observation_record(
        family=family,
        category=category,
        severity=severity,
        observed_on=timezone.localdate(),
        observer=observer,
        description="Gezien op school.",
        acute=acute,
        **extra,
    )
