"""scale_demo: the load test's school, grown from the demo without touching what exists."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from demo.families import FAMILY_NAMES
from demo.people import DEMO_PASSWORD, SCHOOL
from families.models import Family
from organisations.models import Membership


def test_needs_the_demo_first(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("scale_demo", families=5, stdout=StringIO())


def test_adds_only_the_missing_families_and_the_colleagues(db):
    call_command("load_demo", quiet_logins=True)
    before = Family.objects.filter(organisation__name=SCHOOL).count()
    args = {"families": before + 3, "observations_per_family": 2, "colleagues": 2}
    call_command("scale_demo", stdout=StringIO(), **args)
    call_command("scale_demo", stdout=StringIO(), **args)  # idempotent
    assert Family.objects.filter(organisation__name=SCHOOL).count() == before + 3
    colleague = Membership.objects.get(user__username="collega02", organisation__name=SCHOOL)
    assert colleague.role == "professional" and colleague.user.check_password(DEMO_PASSWORD)
    # Need-to-know: who logged about a generated family is in its team; the demo's own
    # families keep their teams (ib logged about Familie Mulder from outside it).
    generated = Family.objects.filter(organisation__name=SCHOOL).exclude(
        name__in=FAMILY_NAMES[SCHOOL]
    )
    for family in generated:
        observers = set(family.observations.values_list("observer_id", flat=True))
        team = set(family.team.filter(removed_at__isnull=True).values_list("user_id", flat=True))
        assert observers <= team
    mulder = Family.objects.get(name="Familie Mulder (groep 3 en 6)")
    assert not mulder.team.filter(user__username="ib").exists()
