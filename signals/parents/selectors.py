"""Reads of talking with parents: what to prepare from, coverage, the summary's content."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from families.extensions import per_request
from organisations.scoping import scoped, scoped_within_file
from signals.accumulation import Bands, run_sql
from signals.catalogue.models import RISK_KINDS
from signals.notes.models import ColleagueNote, NoteKind
from signals.observations.models import LatestObservation, Observation, ParentsDiscussed
from signals.observations.selectors import attach_parents_views
from signals.parents.models import Conversation, CorrectionRequest, SummaryKind

# The shipped guide of openings: the project's own words, plain language (B1), Dutch first
# (English in locale/en). Each opening normalises, or gives the parents the lead.
OPENINGS = (
    (
        _("Beginnen bij wat goed gaat"),
        _("Ik zie dat uw kind graag bij ons is. Daar wil ik mee beginnen."),
    ),
    (
        _("Gewoon maken"),
        _(
            "Elke ouder loopt wel eens ergens tegenaan. Daarom vragen we het aan alle ouders: "
            "hoe gaat het thuis?"
        ),
    ),
    (
        _("Zeggen wat je zag, niet wat je denkt"),
        _(
            "Mij viel iets op. Ik wil u vertellen wat ik zag, en horen hoe u dat ziet. U kent "
            "uw kind het beste."
        ),
    ),
    (
        _("De ouders laten kiezen"),
        _("Wat vindt u het belangrijkste om vandaag over te praten?"),
    ),
    (
        _("Vragen naar hun kijk"),
        _("Herkent u dit? Hoe gaat het bij u thuis?"),
    ),
    (
        _("Samen verder"),
        _(
            "Wat zou u helpen? Wie in uw omgeving kan meedenken? Wat spreken we samen af, en "
            "wanneer praten we weer?"
        ),
    ),
)


@dataclass
class Preparation:
    going_well_observations: list
    going_well_notes: list
    risks: list  # the risk observations one may raise, each with `parents_view`
    openings: tuple = OPENINGS


def _for_parents(request, family):
    """The latest versions the user reads, without any confidential chain: nothing of a
    confidential entry reaches a conversation or the summary, not even for its author."""
    confidential = Observation.objects.filter(family=family, confidential=True).values("chain")
    readable = scoped(request, Observation.objects.filter(family=family)).values("chain")
    return (
        Observation.objects.for_family(family)
        .latest_versions()
        .filter(chain__in=readable)
        .exclude(chain__in=confidential)
        .select_related("category", "child")
        .order_by("-observed_on", "-created_at")
    )


def preparation(request, family):
    """What goes well first (protective factors, "wat goed gaat" notes), then the risks."""
    observations = list(_for_parents(request, family))
    notes = (
        scoped(request, ColleagueNote.objects.filter(family=family, kind=NoteKind.GOING_WELL))
        .filter(confidential=False)
        .order_by("-created_at")
    )
    risks = [o for o in observations if not o.category.kind == "protective"]
    return Preparation(
        going_well_observations=[o for o in observations if o.category.kind == "protective"],
        going_well_notes=list(notes[:20]),
        risks=attach_parents_views(risks),
    )


def raisable_observations(request, family):
    """The risk observations a conversation may raise (the prepare form's choices)."""
    return _for_parents(request, family).exclude(category__kind="protective")


def conversation_for(request, public_id):
    from organisations.scoping import get_scoped_or_404

    return get_scoped_or_404(
        request,
        Conversation.objects.select_related("family", "prepared_by", "recorded_by"),
        public_id=public_id,
    )


def raised_with_latest(conversation):
    """The raised observations, each with its chain's latest version (`latest`) and the
    parents' view beside it."""
    raised = list(conversation.raised.all())
    latest = {
        o.chain: o
        for o in Observation.objects.latest_versions()
        .filter(chain__in=[r.chain for r in raised])
        .select_related("category", "child")
    }
    attach_parents_views(latest.values())
    for item in raised:
        item.latest = latest.get(item.chain)
    return [r for r in raised if r.latest is not None]


def family_conversations(request, family):
    return scoped_within_file(request, Conversation.objects.all(), family).select_related(
        "prepared_by", "recorded_by"
    )


def family_conversations_once(request, family):
    """`family_conversations` with `raised_count` (how many concerns each raised), newest
    first, as a list read once per request: the family page's timeline and its "Met de
    ouders" panel both show them."""
    return per_request(
        request,
        ("family_conversations", family.pk),
        lambda: list(family_conversations(request, family).annotate(raised_count=Count("raised"))),
    )


def family_correction_requests(request, family):
    return scoped_within_file(request, CorrectionRequest.objects.all(), family).select_related(
        "recorded_by", "decided_by", "observation__category"
    )


def summary_lines(conversation):
    items = list(conversation.summary_items.all())
    return (
        [i.text for i in items if i.kind == SummaryKind.NOTICED],
        [i.text for i in items if i.kind == SummaryKind.GOING_WELL],
    )


def _current(organisation, as_of):
    """Risk observations (latest versions) that still count at `as_of`: in the widest age
    band."""
    bands = Bands.of(organisation, as_of)
    return Q(risk=True, observed_on__gte=bands.quarter, observed_on__lte=as_of)


def coverage_by_family(family_ids, *, organisation, as_of):
    """family id -> (discussed, current): how many current risk observations (`_current`)
    were discussed with the parents. One grouped query over LatestObservation (SQL text: as
    an ORM aggregate it took longer to compile than to run, on the working list's every
    view)."""
    ids = list(family_ids)
    if not ids:
        return {}
    bands = Bands.of(organisation, as_of)
    sql = (
        "SELECT lo.family_id, SUM(CASE WHEN lo.parents_discussed = %s THEN 1 ELSE 0 END),"  # noqa: S608
        f" COUNT(*) FROM {LatestObservation._meta.db_table} lo"
        f" WHERE lo.family_id IN ({', '.join(['%s'] * len(ids))}) AND lo.risk"
        " AND lo.observed_on >= %s AND lo.observed_on <= %s GROUP BY lo.family_id"
    )
    params = [ParentsDiscussed.YES.value, *ids, bands.quarter, as_of]
    return {pk: (yes, total) for pk, yes, total in run_sql(sql, params)}


def coverage_of(observations, *, organisation, as_of):
    """(discussed, current) as `coverage_by_family` counts it, from the latest version of
    each of one family's chains read already (with their categories): no query. The same
    rule: risk observations observed in the widest age band up to `as_of` (`_current`)."""
    quarter = Bands.of(organisation, as_of).quarter
    current = [
        o
        for o in observations
        if o.category.kind in RISK_KINDS and quarter <= o.observed_on <= as_of
    ]
    discussed = sum(o.parents_discussed == ParentsDiscussed.YES for o in current)
    return discussed, len(current)


def coverage(family, *, as_of):
    return coverage_by_family([family.pk], organisation=family.organisation, as_of=as_of).get(
        family.pk, (0, 0)
    )


def not_yet_discussed(status, discussed, total):
    """The marker "nog niet met ouders besproken": in accumulation, none of its current risk
    observations discussed with the parents."""
    return status == "accumulation" and total > 0 and discussed == 0


def conversation_agreements(conversation):
    return list(conversation.agreements.select_related("owner__user").order_by("due_on", "pk"))


def agreements_for_parents(conversation):
    """The agreements as the parents read them: what, by when, and who in words that name
    no colleague but the contact person ("u" for a parent, else the contact person or the
    organisation)."""
    family = conversation.family
    contact = family.contact_person
    rows = []
    for agreement in conversation_agreements(conversation):
        if agreement.parent_role:
            who = _("u")
        elif contact is not None and agreement.owner_id == contact.pk:
            who = contact.display_name
        else:
            who = family.organisation.name
        rows.append({"what": agreement.what, "who": who, "due_on": agreement.due_on})
    return rows
