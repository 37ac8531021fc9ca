import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from families.models import Child, Family
from families.selectors import (
    age_label,
    age_on,
    date_turning,
    families_with_transition_within,
    upcoming_transitions,
)
from tests.factories import ChildFactory, FamilyFactory


def child(birth_date, name="Kind"):
    return Child(first_name=name, birth_date=birth_date)


def phases(children, today, within_days=183):
    return [
        (t.child.first_name, t.age, t.date, t.days_until)
        for t in upcoming_transitions(children, today=today, within_days=within_days)
    ]


TODAY = datetime.date(2026, 6, 15)


def test_turning_4_tomorrow():
    kid = child(datetime.date(2022, 6, 16))
    assert phases([kid], TODAY) == [("Kind", 4, datetime.date(2026, 6, 16), 1)]


def test_turning_4_today_counts_with_zero_days():
    kid = child(datetime.date(2022, 6, 15))
    assert phases([kid], TODAY) == [("Kind", 4, TODAY, 0)]


def test_turned_4_yesterday_is_past():
    assert phases([child(datetime.date(2022, 6, 14))], TODAY) == []


def test_window_edge_is_included_and_a_day_later_is_not():
    assert phases([child(datetime.date(2014, 6, 25))], TODAY, within_days=10) == [
        ("Kind", 12, datetime.date(2026, 6, 25), 10)
    ]
    assert phases([child(datetime.date(2014, 6, 26))], TODAY, within_days=10) == []


def test_all_three_phases_sorted_by_date():
    children = [
        child(datetime.date(2008, 9, 1), "Anna"),  # 18 on 1 Sept
        child(datetime.date(2014, 7, 1), "Bas"),  # 12 on 1 July
        child(datetime.date(2022, 8, 1), "Cas"),  # 4 on 1 Aug
    ]
    assert [(name, age) for name, age, *_ in phases(children, TODAY)] == [
        ("Bas", 12),
        ("Cas", 4),
        ("Anna", 18),
    ]


def test_29_february_birth_turns_4_on_28_february_in_a_common_year():
    kid = child(datetime.date(2024, 2, 29))
    assert date_turning(kid.birth_date, 4) == datetime.date(2028, 2, 29)  # 2028 is a leap year
    assert date_turning(kid.birth_date, 2) == datetime.date(2026, 2, 28)
    born_2020 = child(datetime.date(2020, 2, 29))
    # 2032 is a leap year: 29 February; 2038 is not: 28 February.
    assert date_turning(born_2020.birth_date, 12) == datetime.date(2032, 2, 29)
    assert date_turning(born_2020.birth_date, 18) == datetime.date(2038, 2, 28)


def test_29_february_child_seen_from_february_in_a_common_year():
    kid = child(datetime.date(2012, 2, 29))  # turns 18 in 2030, not a leap year
    on_27 = phases([kid], datetime.date(2030, 2, 27), within_days=1)
    assert on_27 == [("Kind", 18, datetime.date(2030, 2, 28), 1)]
    assert phases([kid], datetime.date(2030, 3, 1)) == []
    assert age_on(kid.birth_date, datetime.date(2030, 2, 27)) == 17
    assert age_on(kid.birth_date, datetime.date(2030, 2, 28)) == 18


def test_29_february_child_in_a_leap_year_turns_on_29_february():
    kid = child(datetime.date(2020, 2, 29))
    assert phases([kid], datetime.date(2032, 2, 28), within_days=1) == [
        ("Kind", 12, datetime.date(2032, 2, 29), 1)
    ]


def test_beyond_the_window_is_not_shown():
    kid = child(datetime.date(2022, 12, 16))  # turns 4 on 16 Dec 2026: 184 days ahead
    assert phases([kid], TODAY, within_days=183) == []
    assert phases([kid], TODAY, within_days=184) == [("Kind", 4, datetime.date(2026, 12, 16), 184)]


def test_transitions_unpack_as_the_contract_tuple():
    kid = child(datetime.date(2022, 6, 16))
    (found,) = upcoming_transitions([kid], today=TODAY, within_days=10)
    who, label, day, days_until = found
    assert (who, day, days_until) == (kid, datetime.date(2026, 6, 16), 1)
    assert "basisschool" in str(label)


def test_database_helper_finds_families_once(db):
    family = FamilyFactory()
    ChildFactory(family=family, birth_date=datetime.date(2022, 6, 16))
    ChildFactory(family=family, birth_date=datetime.date(2014, 6, 20))
    quiet = FamilyFactory()
    ChildFactory(family=quiet, birth_date=datetime.date(2019, 1, 1))
    found = families_with_transition_within(Family.objects.all(), today=TODAY, days=60)
    assert list(found) == [family]


# Birth dates around the edges: 29 February, year ends, and the window boundaries.
birth_dates = st.one_of(
    st.dates(min_value=datetime.date(2004, 1, 1), max_value=datetime.date(2027, 12, 31)),
    st.sampled_from([datetime.date(y, 2, 29) for y in (2004, 2008, 2012, 2016, 2020, 2024)]),
)
todays = st.one_of(
    st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2030, 12, 31)),
    st.sampled_from(
        [datetime.date(2028, 2, 28), datetime.date(2028, 2, 29), datetime.date(2030, 2, 28)]
    ),
)


@settings(
    max_examples=100,
    deadline=None,
    # The database is shared between examples; each example empties it first.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(births=st.lists(birth_dates, min_size=1, max_size=6), today=todays, days=st.integers(0, 400))
def test_database_helper_agrees_with_upcoming_transitions(org_a, births, today, days):
    Family.objects.all().delete()
    expected = set()
    for index, birth in enumerate(births):
        family = Family.objects.create(organisation=org_a, name=f"Gezin {index}")
        kid = Child.objects.create(family=family, first_name="K", birth_date=birth)
        if upcoming_transitions([kid], today=today, within_days=days):
            expected.add(family.pk)
    found = families_with_transition_within(Family.objects.all(), today=today, days=days)
    assert set(found.values_list("pk", flat=True)) == expected


def test_age_label_in_months_under_two_and_years_after():
    assert age_label(datetime.date(2025, 8, 15), TODAY) == "10 maanden"
    assert age_label(datetime.date(2026, 6, 1), TODAY) == "0 maanden"
    assert age_label(datetime.date(2024, 6, 16), TODAY) == "23 maanden"
    assert age_label(datetime.date(2024, 6, 15), TODAY) == "2 jaar"
    assert age_label(datetime.date(2018, 6, 16), TODAY) == "7 jaar"
