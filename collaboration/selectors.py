"""What one organisation may see of another, step by step (the README's data map):
after a match only that the other is involved and how to reach its contact person; with
consent on both sides also the contact and the other's agreements (what, who, by when; not
those of a confidential review) and, with the wider scope on both sides, per domain the
number of current risk observations about the matched child, the entries whose author chose
"delen met ketenpartners", and the pile-up."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Q

from signals.accumulation import assess_family, status_for
from signals.models import Agreement, Observation

from . import tokens
from .models import Consent, ConsentScope, InvolvementSignal, Match
from .services import contact_line, region_of


@dataclass
class SharedView:
    match: Match
    own: InvolvementSignal
    other: InvolvementSignal
    other_organisation: str
    other_contact: str
    own_consent: Consent | None
    other_consent: Consent | None
    both_consented: bool = False
    domains_shared: bool = False
    other_domains: list = field(default_factory=list)  # [(domain label, count)]
    other_category_ids: set = field(default_factory=set)
    other_score: object = 0
    other_agreements: list = field(default_factory=list)  # [SharedAgreement]
    other_entries: list = field(default_factory=list)  # [SharedEntry]


@dataclass(frozen=True)
class SharedAgreement:
    what: str
    who: str
    due_on: object
    status: str


@dataclass(frozen=True)
class SharedEntry:
    observed_on: object
    category: str
    description: str


def _agreements(family):
    """The family's agreements as another organisation may read them with consent: not those
    of a confidential review (a report to Veilig Thuis), which only the leads read."""
    rows = (
        Agreement.objects.filter(family=family, review__confidential=False)
        .select_related("owner__user")
        .order_by("due_on", "pk")
    )
    return [
        SharedAgreement(
            what=a.what,
            who=a.owner.user.get_full_name() or a.owner.user.get_username(),
            due_on=a.due_on,
            status=a.get_status_display(),
        )
        for a in rows
    ]


def _shared_entries(family, child_id):
    """The latest versions whose author chose "delen met ketenpartners", about the matched
    child or the family as a whole; never a confidential one (the database refuses both)."""
    rows = (
        Observation.objects.filter(family=family, shared_with_partners=True, confidential=False)
        .filter(Q(child_id=child_id) | Q(child__isnull=True))
        .latest_versions()
        .select_related("category")
        .order_by("-observed_on", "-pk")
    )
    return [SharedEntry(o.observed_on, o.category.display_name, o.description) for o in rows]


def _live_consent(match, organisation_id):
    return Consent.objects.live().filter(match=match, organisation_id=organisation_id).first()


def _about_child(assessment, child_id):
    """The counting risk observations of `assessment` about the matched child or the
    family as a whole (never about a brother or sister who was not matched)."""
    return [c for c in assessment.counting if c.observation.child_id in (None, child_id)]


def shared_views(family, *, as_of):
    """One SharedView per live match of a child of `family`."""
    if not tokens.enabled():
        return []
    # Most families have no match: a narrow query says so. The matches themselves come with
    # six related rows each (a dozen joins, ~2 ms of Python to compile and read on the
    # family page, and the planner's work on the database), asked only when there are some.
    ids = list(
        Match.objects.live()
        .filter(Q(first__family=family) | Q(second__family=family))
        .values_list("pk", flat=True)
    )
    if not ids:
        return []
    matches = (
        Match.objects.filter(pk__in=ids)
        .select_related(
            "first__organisation",
            "second__organisation",
            "first__family__contact_person__user",
            "second__family__contact_person__user",
            "first__raised_by",
            "second__raised_by",
        )
        .order_by("created_at", "pk")
    )
    views = []
    for match in matches:
        own, other = match.own_and_other(family.organisation)
        # Both must still take part in the region.
        if region_of(other.organisation) is None or region_of(own.organisation) is None:
            continue
        own_consent = _live_consent(match, own.organisation_id)
        other_consent = _live_consent(match, other.organisation_id)
        view = SharedView(
            match=match,
            own=own,
            other=other,
            other_organisation=other.organisation.name,
            other_contact=contact_line(other),
            own_consent=own_consent,
            other_consent=other_consent,
        )
        view.both_consented = own_consent is not None and other_consent is not None
        view.domains_shared = view.both_consented and all(
            c.scope == ConsentScope.DOMAINS for c in (own_consent, other_consent)
        )
        if view.both_consented:
            view.other_agreements = _agreements(other.family)
        if view.domains_shared:
            view.other_entries = _shared_entries(other.family, other.child_id)
            counting = _about_child(assess_family(other.family, as_of=as_of), other.child_id)
            per_domain = Counter(c.observation.category.get_domain_display() for c in counting)
            view.other_domains = sorted(per_domain.items())
            view.other_category_ids = {c.observation.category_id for c in counting}
            view.other_score = sum((c.points for c in counting), 0)
        views.append(view)
    return views


@dataclass
class PileUp:
    distinct: int
    score: object
    status: str
    rule: str
    crosses: bool
    organisations: list


def pile_up(family, views, *, as_of):
    """The joint picture of this family and every other side that shares per domain: the
    combined distinct risk categories, and whether they cross this organisation's
    thresholds. None when no other side shares."""
    sharing = [v for v in views if v.domains_shared]
    if not sharing:
        return None
    own = assess_family(family, as_of=as_of)
    categories = {c.observation.category_id for c in own.counting}
    score = own.score
    for view in sharing:
        categories |= view.other_category_ids
        score += view.other_score
    status, rule = status_for(
        score=score, distinct=len(categories), acute=False, organisation=family.organisation
    )
    return PileUp(
        distinct=len(categories),
        score=score,
        status=status,
        rule=rule,
        crosses=status in ("accumulation", "acute"),
        organisations=[v.other_organisation for v in sharing],
    )
