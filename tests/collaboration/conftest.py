import datetime

import pytest
from django.utils import timezone

from collaboration.services import region_add, region_create, region_opt_in
from families.services import child_add, family_create, family_update
from organisations.models import Membership

KEY = "test-match-key-0123456789abcdef-0123456789"
BIRTH = datetime.date(2019, 5, 14)


@pytest.fixture(autouse=True)
def match_key(settings):
    settings.STAP0_MATCH_KEY = KEY
    return KEY


@pytest.fixture
def region(org_a, org_b, lead_a, lead_b):
    region = region_create(name="Gemeente Zuidstad")
    for org, lead in ((org_a, lead_a), (org_b, lead_b)):
        region_add(region=region, organisation=org)
        region_opt_in(organisation=org, lead=lead, take_part=True)
    return region


def _family(org, professional, name, *, first_name="Sem", last_name="Jansen"):
    contact = Membership.objects.get(organisation=org, user=professional)
    family = family_create(organisation=org, name=name, created_by=professional)
    family_update(family=family, contact_person=contact)
    child = child_add(family=family, first_name=first_name, last_name=last_name, birth_date=BIRTH)
    return family, child


@pytest.fixture
def family_a(org_a, professional_a):
    return _family(org_a, professional_a, "Zeldzaamnaam-A")


@pytest.fixture
def family_b(org_b, professional_b):
    # The same child as the consultatiebureau writes it: accents and a space differ.
    return _family(org_b, professional_b, "Gezin B", first_name="sém", last_name="Jan sen")


@pytest.fixture
def today():
    return timezone.localdate()
