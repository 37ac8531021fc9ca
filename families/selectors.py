"""Reads about families: life-phase transitions of the children, the family list, search.

Life phases: starting school at 4, secondary school at 12, adulthood at 18. Where a
child's group is known, they are dated as schools date them: school starts the day after
the fourth birthday, and secondary school the summer after groep 8 (not the twelfth
birthday).
A child born on 29 February turns a year older on 28 February in a year that
is not a leap year (the day before 1 March, so the age is never reached late);
every function here uses that same rule, in Python and in the database.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from organisations.models import Role

from .models import AccessRequest, AccessRequestStatus, Child, GlassBreak, TeamMember

LIFE_PHASES = (
    (4, _("naar de basisschool (4 jaar)")),
    (12, _("naar de middelbare school (12 jaar)")),
    (18, _("volwassen (18 jaar)")),
)


# Dutch summer holidays start between early and late July depending on the region; the
# marker takes the middle of July.
SCHOOL_YEAR_END = (7, 15)
SECONDARY_AGE = 12
# "groep 8", "Groep 7b", "8": a group of primary school (1 to 8).
GROUP_PATTERN = r"^\s*(groep\s*)?{n}([^0-9]|$)"
_GROUP = re.compile(GROUP_PATTERN.format(n="([1-8])"), re.IGNORECASE)
SECONDARY_LABEL = _("naar de middelbare school (na groep 8)")


def primary_group(group_name):
    """The primary-school group (1-8) named by `group_name`, or None."""
    found = _GROUP.match(group_name or "")
    return int(found.group(2)) if found else None


def school_year_end(today):
    """The end of the school year that `today` falls in (after it: the next one's)."""
    end = datetime.date(today.year, *SCHOOL_YEAR_END)
    return end if today <= end else datetime.date(today.year + 1, *SCHOOL_YEAR_END)


def summer_after_groep_8(group, today):
    """When a child in `group` this school year leaves primary school."""
    end = school_year_end(today)
    return end.replace(year=end.year + 8 - group)


def transition_date(child, age, today):
    """The date of the life phase `age` for `child`, as a school dates it where it can."""
    if age == SECONDARY_AGE:
        group = primary_group(child.group_name)
        if group is not None:
            return summer_after_groep_8(group, today)
    day = date_turning(child.birth_date, age)
    if age == 4 and child.group_name:
        return day + datetime.timedelta(days=1)  # school starts the day after
    return day


def birthday_in(birth_date, year):
    """The child's birthday in `year`; 29 February becomes 28 February in a non-leap year."""
    try:
        return birth_date.replace(year=year)
    except ValueError:
        # Born on 29 February, and `year` is not a leap year: we take 28 February.
        return datetime.date(year, 2, 28)


def date_turning(birth_date, age):
    """The date on which a child born on `birth_date` turns `age`."""
    return birthday_in(birth_date, birth_date.year + age)


def age_on(birth_date, day):
    """Completed years on `day` (with the 28 February rule for 29 February births)."""
    years = day.year - birth_date.year
    if day < birthday_in(birth_date, day.year):
        years -= 1
    return years


def age_label(birth_date, day):
    """'10 maanden' for a baby or toddler under two, '8 jaar' after that."""
    years = age_on(birth_date, day)
    if years >= 2:
        return ngettext("%(n)d jaar", "%(n)d jaar", years) % {"n": years}
    months = (day.year - birth_date.year) * 12 + day.month - birth_date.month
    if day.day < birth_date.day:
        months -= 1
    months = max(months, 0)
    return ngettext("%(n)d maand", "%(n)d maanden", months) % {"n": months}


def add_months(day, months):
    """`day` plus a number of calendar months, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def six_months_ahead(today):
    """How many days the family page looks ahead for transitions: six calendar months."""
    return (add_months(today, 6) - today).days


@dataclass(frozen=True)
class Transition:
    child: Child
    label: str
    date: datetime.date
    days_until: int
    age: int

    # Also usable as the tuple (child, label, date, days_until) the contract names.
    def __iter__(self):
        return iter((self.child, self.label, self.date, self.days_until))

    def __getitem__(self, index):
        return tuple(self)[index]

    def __len__(self):
        return 4


def upcoming_transitions(children, *, today, within_days):
    """Life-phase transitions of `children` from today up to and including today + within_days.

    A child who turns 4 today is included (days_until 0); one who turns 4 on
    today + within_days too. Sorted by date, then by the child's first name.
    """
    last = today + datetime.timedelta(days=within_days)
    found = []
    for child in children:
        for age, label in LIFE_PHASES:
            day = transition_date(child, age, today)
            if age == SECONDARY_AGE and primary_group(child.group_name) is not None:
                label = SECONDARY_LABEL
            if today <= day <= last:
                found.append(Transition(child, label, day, (day - today).days, age))
    return sorted(found, key=lambda t: (t.date, t.child.first_name, t.age))


def latest_birth_date_at_age(age, day):
    """The latest birth date of a child who is at least `age` years old on `day`."""
    try:
        latest = day.replace(year=day.year - age)
    except ValueError:
        # `day` is 29 February and that year back is no leap year.
        latest = datetime.date(day.year - age, 2, 28)
    # A 29 February child turns `age` on 28 February of a non-leap year, so on
    # 28 February it may already count although born a day "later".
    following = latest + datetime.timedelta(days=1)
    if date_turning(following, age) <= day:
        latest = following
    return latest


def transition_birth_windows(*, today, days):
    """Per life phase the birth dates (after, up to and including) that reach it in the window.

    A child reaches age N between today and today + days (both included) iff
    birth_date is in (latest(N, yesterday), latest(N, today + days)], with
    latest = latest_birth_date_at_age.
    """
    yesterday = today - datetime.timedelta(days=1)
    last = today + datetime.timedelta(days=days)
    return [
        (age, latest_birth_date_at_age(age, yesterday), latest_birth_date_at_age(age, last))
        for age, _label in LIFE_PHASES
    ]


def children_with_transition_within(queryset, *, today, days):
    """The children of `queryset` with a transition within `days`, as `transition_date`
    dates them, in the database."""
    last = today + datetime.timedelta(days=days)
    in_primary = Q(group_name__iregex=GROUP_PATTERN.format(n="[1-8]"))
    condition = Q()
    for age, after, until in transition_birth_windows(today=today, days=days):
        window = Q(birth_date__gt=after, birth_date__lte=until)
        if age == 4:
            # With a group, school starts the day after: the birthday one day earlier.
            earlier = transition_birth_windows(today=today - datetime.timedelta(days=1), days=days)[
                0
            ]
            window = (Q(group_name="") & window) | (
                ~Q(group_name="") & Q(birth_date__gt=earlier[1], birth_date__lte=earlier[2])
            )
        elif age == SECONDARY_AGE:
            groups = [g for g in range(1, 9) if today <= summer_after_groep_8(g, today) <= last]
            by_group = Q(pk__in=[])
            for group in groups:
                by_group |= Q(group_name__iregex=GROUP_PATTERN.format(n=group))
            window = (~in_primary & window) | by_group
        condition |= window
    return queryset.filter(condition)


def families_with_transition_within(queryset, *, today, days):
    """Families of `queryset` with a child reaching 4, 12 or 18 within `days`, in the database.

    The same window as `upcoming_transitions(children, today=today, within_days=days)`.
    """
    children = children_with_transition_within(
        Child.objects.filter(family=OuterRef("pk")), today=today, days=days
    )
    return queryset.filter(Exists(children))


def search_families(queryset, query):
    """Families whose name or one of whose children's first names contains `query`."""
    query = (query or "").strip()
    if not query:
        return queryset
    by_child = Child.objects.filter(family=OuterRef("pk"), first_name__icontains=query)
    return queryset.filter(Q(name__icontains=query) | Q(Exists(by_child)))


def family_list(queryset):
    """The family list's rows, in a fixed number of queries."""
    return queryset.select_related("contact_person__user").prefetch_related("children")


# Need-to-know: the team, access requests, files opened with "nu openen" ---------------


def access_requests_decided_by(membership):
    """The access requests that `membership` decides: as a lead all of the organisation's,
    as a contact person those for their families."""
    requests = AccessRequest.objects.filter(family__organisation_id=membership.organisation_id)
    if membership.role != Role.LEAD:
        requests = requests.filter(family__contact_person=membership)
    return requests


def open_access_requests_for(membership):
    return access_requests_decided_by(membership).filter(status=AccessRequestStatus.PENDING)


def access_request_badge(request):
    """The menu's count of open access requests (organisations.hooks.menu_badges)."""
    membership = request.membership
    if not membership.sees_cases:
        return {}
    return {"access_request_count": open_access_requests_for(membership)}  # counted by the menu


def family_team(family, *, open_requests=True):
    """The team panel: who is in the team and why, who left it (a trace), the files opened
    with "nu openen" that are still open, and the open access requests (without a query
    `[]` if not `open_requests`: the panel shows them only to who manages the team)."""
    rows = list(
        TeamMember.objects.filter(family=family)
        .select_related("user", "added_by", "removed_by")
        .order_by("added_at", "pk")
    )
    return {
        "members": [m for m in rows if m.removed_at is None],
        "removed": [m for m in rows if m.removed_at is not None],
        "open_glass": list(
            GlassBreak.objects.filter(family=family, expires_at__gt=timezone.now())
            .select_related("user")
            .order_by("-opened_at")
        ),
        "open_requests": (
            list(
                AccessRequest.objects.filter(family=family, status=AccessRequestStatus.PENDING)
                .select_related("requested_by")
                .order_by("created_at")
            )
            if open_requests
            else []
        ),
    }
