"""Transitions dated as schools date them, where the child's group is known."""

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from families.models import Child
from families.selectors import (
    children_with_transition_within,
    primary_group,
    summer_after_groep_8,
    upcoming_transitions,
)
from tests.factories import ChildFactory, FamilyFactory

TODAY = datetime.date(2026, 3, 1)


def test_group_names():
    assert primary_group("groep 8") == 8
    assert primary_group("Groep 7b") == 7
    assert primary_group(" 3 ") == 3
    assert primary_group("peuters") is None
    assert primary_group("groep 10") is None
    assert primary_group("") is None


def test_secondary_school_is_the_summer_after_groep_8_not_the_twelfth_birthday():
    # Turns 12 in October 2026, but leaves groep 8 this summer.
    kid = Child(first_name="Eva", birth_date=datetime.date(2014, 10, 3), group_name="groep 8")
    [t] = upcoming_transitions([kid], today=TODAY, within_days=200)
    assert t.age == 12 and t.date == datetime.date(2026, 7, 15)
    assert "groep 8" in str(t.label)
    # In groep 7 it is a year later.
    assert summer_after_groep_8(7, TODAY) == datetime.date(2027, 7, 15)
    # After the summer the next school year counts.
    assert summer_after_groep_8(8, datetime.date(2026, 9, 1)) == datetime.date(2027, 7, 15)


def test_without_a_group_the_birthday_counts():
    kid = Child(first_name="Eva", birth_date=datetime.date(2014, 4, 3))
    [t] = upcoming_transitions([kid], today=TODAY, within_days=60)
    assert t.date == datetime.date(2026, 4, 3)


def test_school_starts_the_day_after_the_fourth_birthday():
    kid = Child(first_name="Tim", birth_date=datetime.date(2022, 3, 10), group_name="peuters")
    [t] = upcoming_transitions([kid], today=TODAY, within_days=30)
    assert t.age == 4 and t.date == datetime.date(2026, 3, 11)


groups = st.sampled_from(
    ["", "peuters", "groep 1", "groep 4", "Groep 7b", "groep 8", "8", "groep 10"]
)
births = st.dates(datetime.date(2007, 1, 1), datetime.date(2025, 12, 31))
todays = st.dates(datetime.date(2025, 1, 1), datetime.date(2028, 12, 31))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kids=st.lists(st.tuples(births, groups), min_size=1, max_size=5),
    today=todays,
    days=st.integers(0, 400),
)
def test_the_database_agrees_with_upcoming_transitions(org_a, kids, today, days):
    Child.objects.all().delete()
    family = FamilyFactory(organisation=org_a)
    children = [ChildFactory(family=family, birth_date=b, group_name=g) for b, g in kids]
    expected = {t.child.pk for t in upcoming_transitions(children, today=today, within_days=days)}
    found = set(
        children_with_transition_within(Child.objects.all(), today=today, days=days).values_list(
            "pk", flat=True
        )
    )
    assert found == expected
