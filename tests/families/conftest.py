import datetime

import pytest
from django.utils import timezone

from families import services


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def family_a(org_a, professional_a, today):
    family = services.family_create(
        organisation=org_a, name="Familie Jansen", created_by=professional_a
    )
    services.child_add(
        family=family,
        first_name="Noor",
        birth_date=today - datetime.timedelta(days=8 * 365),
        group_name="groep 5",
    )
    return family


@pytest.fixture
def family_b(org_b, professional_b):
    return services.family_create(
        organisation=org_b, name="Familie Bakker", created_by=professional_b
    )
