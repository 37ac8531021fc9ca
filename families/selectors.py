"""Reads about families: life-phase transitions of the children, the family list, search.

Life phases: starting school at 4, secondary school at 12, adulthood at 18.
A child born on 29 February turns a year older on 28 February in a year that
is not a leap year (the day before 1 March, so the age is never reached late);
every function here uses that same rule, in Python and in the database.
"""

import calendar
import datetime
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
            day = date_turning(child.birth_date, age)
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
    condition = Q()
    for _age, after, until in transition_birth_windows(today=today, days=days):
        condition |= Q(birth_date__gt=after, birth_date__lte=until)
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
    return {"access_request_count": open_access_requests_for(membership).count()}


def family_team(family):
    """The team panel: who is in the team and why, who left it (a trace), the files opened
    with "nu openen" that are still open, and the open access requests."""
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
        "open_requests": list(
            AccessRequest.objects.filter(family=family, status=AccessRequestStatus.PENDING)
            .select_related("requested_by")
            .order_by("created_at")
        ),
    }
