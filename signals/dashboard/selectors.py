"""The lead's working list: every family of the organisation in one of four sections (acuut,
wacht op jou, gevolgd, rustig), by urgency within each, with the reason it is there.

One query finds the page: every family's figures once (`figures_sql`: those of
`assess_families`, as a derived table), their markers and section from its columns, the
counts on top beside each row (window functions). A fixed few more give what the fifty
shown rows say (their figures, trend, the categories that weigh most, contact person,
agreements, Veilig Thuis), whatever the number of families.
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from families.models import Child, Family
from families.selectors import families_with_transition_within, transition_birth_windows
from organisations.links import url_maker
from organisations.models import Membership
from organisations.scoping import LEAD_ROLES, scoped
from signals.accumulation import (
    ACUTE,
    FIGURES,
    MARKED_COLUMNS,
    MARKERS,
    STATUS_LABELS,
    STATUS_RANK,
    Bands,
    band_quarters_sql,
    corroborators_by_family,
    counting_since_sql,
    figures_sql,
    marked_sql,
    markers_for,
    remembered,
    run_sql,
    score_series_by_family,
    settings_key,
)
from signals.catalogue.models import SignalCategory
from signals.dashboard import trend
from signals.dashboard.markup import html, html_join
from signals.observations.models import LatestObservation
from signals.reviews.models import Agreement, Decision, Review

PAGE_SIZE = 50
STATUS_BY_RANK = {rank: name for name, rank in STATUS_RANK.items()}
TRANSITION_DAYS = 60
# The categories a row names as its reason.
REASON_CATEGORIES = 3


@dataclass(frozen=True)
class Section:
    name: str
    rank: int
    label: str
    help: str


SECTIONS = (
    Section(
        "acute",
        3,
        gettext_lazy("Acuut"),
        gettext_lazy("Een acuut signaal dat nog niet beoordeeld is: eerst."),
    ),
    Section(
        "waiting",
        2,
        gettext_lazy("Wacht op jou"),
        gettext_lazy(
            "Nog nooit beoordeeld terwijl er stapeling of aandacht is, een nieuw risico sinds "
            "de laatste beoordeling, een beoordeling, afspraak of controle die te laat is."
        ),
    ),
    Section(
        "followed",
        1,
        gettext_lazy("Gevolgd"),
        gettext_lazy("Beoordeeld, niets nieuws, en de volgende datum ligt nog voor je."),
    ),
    Section("quiet", 0, gettext_lazy("Rustig"), gettext_lazy("Geen zorgen die nu op je wachten.")),
)
SECTION_BY_NAME = {s.name: s for s in SECTIONS}
SECTION_BY_RANK = {s.rank: s for s in SECTIONS}

# Why a family waits, in words (the row's markers).
MARKER_LABELS = {
    "never_reviewed": gettext_lazy("nog nooit beoordeeld"),
    "new_since_review": gettext_lazy("nieuw sinds laatste beoordeling"),
    "new_risk": gettext_lazy("nieuw risico sinds laatste beoordeling"),
    "review_overdue": gettext_lazy("beoordeling te laat"),
    "agreement_overdue": gettext_lazy("afspraak te laat"),
    "check_due": gettext_lazy("controle te laat"),
    "transition_soon": gettext_lazy("levensfase-overgang binnen 60 dagen"),
}


def _agreement_overdue(today):
    """Whether an agreement of the family is past its date (a column the sections read)."""
    return Exists(Agreement.objects.overdue(today).filter(family=OuterRef("pk")))


def _section_sql(row="m"):
    """SQL: the section of a row of `marked` (with m_agreement_overdue), and its params."""
    waiting = " OR ".join(f"{row}.m_{name} = 1" for name in (*MARKERS, "agreement_overdue"))
    return (
        f"CASE WHEN {row}.status_rank = {STATUS_RANK[ACUTE]} THEN {SECTION_BY_NAME['acute'].rank}"
        f" WHEN {waiting} THEN {SECTION_BY_NAME['waiting'].rank}"
        f" WHEN {row}.last_review_next_on >= %s"
        f" OR ({row}.long_term_support AND {row}.next_check_on > %s)"
        f" THEN {SECTION_BY_NAME['followed'].rank}"
        f" ELSE {SECTION_BY_NAME['quiet'].rank} END"
    )


# Marker filters: the marker each one filters on.
MARKER_FILTERS = {
    "never": "never_reviewed",
    "new": "new_since_review",
    "risk": "new_risk",
    "overdue": "review_overdue",
    "agreement": "agreement_overdue",
    "check": "check_due",
}

ORDER = "s.section_rank DESC, s.status_rank DESC, s.score_quarters DESC, s.name, s.id"


@dataclass
class Filters:
    section: str = ""
    status: str = ""
    marker: str = ""

    @classmethod
    def of(cls, form):
        if not form.is_valid():
            return cls()
        data = form.cleaned_data
        return cls(data.get("section") or "", data.get("status") or "", data.get("marker") or "")

    def where(self):
        """(SQL conditions on the working list's rows s, params)."""
        conditions, params = ["1 = 1"], []
        if self.section:
            conditions.append("s.section_rank = %s")
            params.append(SECTION_BY_NAME[self.section].rank)
        if self.status:
            conditions.append("s.status_rank = %s")
            params.append(STATUS_RANK[self.status])
        if self.marker in MARKER_FILTERS:
            conditions.append(f"s.m_{MARKER_FILTERS[self.marker]} = 1")
        return " AND ".join(conditions), params

    def families(self, families, *, today):
        """`families` narrowed before the figures: a life-phase transition in its window (a
        subquery of its own: joining children would multiply the observation rows)."""
        if self.marker == "transition":
            within = families_with_transition_within(families, today=today, days=TRANSITION_DAYS)
            return families.filter(pk__in=within.values("pk"))
        return families


def worklist_sql(families, *, organisation, today, filters=None):
    """(sql, params) of the working list: every family's section, the counts of the whole
    list beside each row (window functions), best first. The figures are computed once, in a
    derived table; sections, markers and counts read its columns."""
    filters = filters or Filters()
    families = filters.families(families, today=today)
    table, table_params = _marked_worklist(families, organisation=organisation, today=today)
    where, where_params = filters.where()
    counts = ", ".join(
        f"SUM(CASE WHEN s.section_rank = {section.rank} THEN 1 ELSE 0 END) OVER ()"
        f" AS in_{section.name}"
        for section in SECTIONS
    )
    sql = (
        f"SELECT s.*, COUNT(*) OVER () AS rows_in_total, {counts}"  # noqa: S608
        f" FROM (SELECT m.*, {_section_sql()} AS section_rank FROM ({table}) m) s"
        f" WHERE {where} ORDER BY {ORDER}"
    )
    return sql, [today, today, *table_params, *where_params]


def _marked_worklist(families, *, organisation, today):
    """`marked_sql` of the working list's columns: the derived table of every family's
    figures (`figures_sql`: the figures of `assess_families`, aggregated per family before
    any join), whether an agreement is past its date, and the markers; compiled once per set
    of families (their query's SQL and parameters), day and settings of the organisation.
    Building and compiling it took 10 ms of each request; compiling `families` takes a
    fraction of one."""
    key = ("worklist", families.db, today, settings_key(organisation))
    key += families.query.sql_with_params()

    def build():
        annotated = families.annotate(agreement_overdue=_agreement_overdue(today))
        fields = [c for c in (*MARKED_COLUMNS, *ROW_COLUMNS) if c not in FIGURES]
        inner, inner_params = figures_sql(
            annotated, organisation=organisation, as_of=today, fields=fields
        )
        return marked_sql(
            inner,
            inner_params,
            today=today,
            extra=[("m_agreement_overdue", "t.agreement_overdue", [])],
        )

    return remembered(key, build)


def dashboard_families(request):
    return scoped(request, Family.objects.all(), roles=LEAD_ROLES)


# A page number past this is past any organisation's end (and would overflow OFFSET).
MAX_PAGE = 100_000


# What a row of the page needs besides MARKED_COLUMNS: the family's own fields that the
# page shows, and the figures it prints.
ROW_COLUMNS = (
    *("public_id", "organisation_id", "contact_person_id", "agreement_overdue"),
    *("distinct_risk_categories", "last_review_decision", "last_review_status"),
)
FAMILY_FIELDS = (
    *("id", "public_id", "name", "organisation_id", "contact_person_id"),
    *("long_term_support", "next_check_on"),
)
DATES = {"next_check_on", "last_review_next_on", "vt_reported_on"}
MOMENTS = {"last_review_at", "last_risk_logged_at", "created_at"}


def _fetch(sql, params):
    """(column names, rows) of SQL text."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [column[0] for column in cursor.description], cursor.fetchall()


def _read(name, value):
    """A value as the ORM would give it (SQLite returns dates, times and UUIDs as text)."""
    if value is None:
        return None
    if name == "public_id" and not isinstance(value, uuid.UUID):
        return uuid.UUID(str(value))
    if name in DATES and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    if name in MOMENTS:
        moment = parse_datetime(value) if isinstance(value, str) else value
        return timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment
    if name == "long_term_support":
        return bool(value)
    return value


def _family(names, row):
    """A Family with its figures, from one row of the working list's query."""
    values = {name: _read(name, value) for name, value in zip(names, row, strict=True)}
    # from_db takes the values in the order of the model's fields.
    loaded = [f.attname for f in Family._meta.concrete_fields if f.attname in FAMILY_FIELDS]
    family = Family.from_db(connection.alias, loaded, [values[name] for name in loaded])
    for name in (*MARKED_COLUMNS, *ROW_COLUMNS, "section_rank"):
        if name not in FAMILY_FIELDS:
            setattr(family, name, values[name])
    family.score = Decimal(family.score_quarters) / 4
    family.status = STATUS_BY_RANK[family.status_rank]
    return family


def page_of(families, *, organisation, today, filters=None, number=1):
    """(page `number` of the working list, PAGE_SIZE a page, as `Paginator.get_page` gives
    it, its families with their figures; {section name: how many families it holds}).

    One query finds the page, its fifty families' figures and the counts (the aggregate over
    every family runs once). A page past the end (or not a number) falls back like
    `get_page` does.
    """
    sql, params = worklist_sql(families, organisation=organisation, today=today, filters=filters)
    try:
        number = min(max(int(number), 1), MAX_PAGE)
    except (TypeError, ValueError):
        number = 1

    def rows(n):
        return _fetch(f"{sql} LIMIT %s OFFSET %s", [*params, PAGE_SIZE, (n - 1) * PAGE_SIZE])

    names, found = rows(number)
    if not found and number > 1:  # past the last page: count, and show the last page
        _names, ((total,),) = _fetch(f"SELECT COUNT(*) FROM ({sql}) p", params)  # noqa: S608
        number = max(1, -(-total // PAGE_SIZE))
        names, found = rows(number) if total else (names, [])
    first = dict(zip(names, found[0], strict=True)) if found else {}
    counts = {s.name: int(first.get(f"in_{s.name}") or 0) for s in SECTIONS}
    paginator = Paginator(range(first.get("rows_in_total") or 0), PAGE_SIZE)
    return Page([_family(names, row) for row in found], number, paginator), counts


def _reasons(ids, *, bands):
    """{family id: [(category name, lasting and current)]}: the categories that weigh most
    at `bands.as_of`, heaviest first, REASON_CATEGORIES at most. (SQL text: as ORM
    expressions it took longer to compile than to run.)"""
    if not ids:
        return {}
    today = bands.as_of
    english = (get_language() or "nl").startswith("en")
    band, band_params = band_quarters_sql(bands)
    counting, counting_params = counting_since_sql(bands.quarter)
    current = "lo.lasting AND (lo.ended_on IS NULL OR lo.ended_on > %s)"
    sql = (
        f"SELECT lo.family_id, c.name, c.name_en, CASE WHEN {current} THEN 1 ELSE 0 END,"  # noqa: S608
        f" SUM(lo.severity * lo.weight * ({band}))"
        f" FROM {LatestObservation._meta.db_table} lo"
        f" JOIN {SignalCategory._meta.db_table} c ON c.id = lo.category_id"
        f" WHERE lo.family_id IN ({', '.join(['%s'] * len(ids))}) AND lo.risk"
        f" AND lo.observed_on <= %s AND {counting}"
        # Grouped by what the CASE reads, not by the CASE: its parameter would make it
        # another expression than the one selected under server-side binding.
        " GROUP BY lo.family_id, c.id, c.name, c.name_en, lo.lasting, lo.ended_on"
    )
    params = [today, *band_params, *ids, today, *counting_params]
    per_family = {pk: {} for pk in ids}
    for family_id, name, name_en, current_now, quarters in run_sql(sql, params):
        name = (english and name_en) or name
        total, was_current = per_family[family_id].get(name, (0, False))
        per_family[family_id][name] = (total + (quarters or 0), was_current or bool(current_now))
    reasons = {}
    for pk, merged in per_family.items():
        order = sorted(merged.items(), key=lambda kv: (-kv[1][0], kv[0]))
        reasons[pk] = [(name, current) for name, (q, current) in order if q][:REASON_CATEGORIES]
    return reasons


def _people_and_transitions(ids, *, today):
    """{family id: (contact person's name or "", a life-phase transition within 60 days, the
    day of its latest report to Veilig Thuis that has no answer yet or None)}: one query (SQL
    text; the transitions' windows are `transition_birth_windows`)."""
    if not ids:
        return {}
    windows, params = [], []
    for _age, after, until in transition_birth_windows(today=today, days=TRANSITION_DAYS):
        windows.append("(c.birth_date > %s AND c.birth_date <= %s)")
        params += [after, until]
    family, child = Family._meta.db_table, Child._meta.db_table
    membership = Membership._meta.db_table
    user = get_user_model()._meta.db_table
    # The latest report without an answer (latest logged, the higher id on a tie).
    report = (
        f"(SELECT r.{{column}} FROM {Review._meta.db_table} r WHERE r.family_id = f.id"  # noqa: S608
        " AND r.decision = %s AND r.vt_answer = '' ORDER BY r.created_at DESC, r.id DESC"
        " LIMIT 1)"
    )
    sql = (
        f"SELECT f.id, EXISTS (SELECT 1 FROM {child} c WHERE c.family_id = f.id"  # noqa: S608
        f" AND ({' OR '.join(windows)})), u.first_name, u.last_name, u.username,"
        f" {report.format(column='vt_reported_on')}, {report.format(column='created_at')}"
        f" FROM {family} f LEFT JOIN {membership} m ON m.id = f.contact_person_id"
        f" LEFT JOIN {user} u ON u.id = m.user_id"
        f" WHERE f.id IN ({', '.join(['%s'] * len(ids))})"
    )
    params += [Decision.REPORT_VT.value] * 2
    found = {}
    for pk, transition, first, last, username, reported_on, at in run_sql(sql, [*params, *ids]):
        name = f"{first or ''} {last or ''}".strip() or (username or "")
        awaiting = None
        if at is not None:  # a report that waits for an answer
            awaiting = _read("vt_reported_on", reported_on) or _read("created_at", at).date()
        found[pk] = (name, bool(transition), awaiting)
    return found


def _agreements(ids, *, today, membership=None):
    """({family id: its open agreements past their date}, the open agreements of
    `membership` ("Mijn afspraken")): one query, earliest first."""
    overdue = {pk: [] for pk in ids}
    wanted = Q(family_id__in=ids, due_on__lt=today)
    if membership is not None:
        # Those of the organisation's families, as `scoped` gives them to a lead.
        wanted |= Q(owner=membership, family__organisation_id=membership.organisation_id)
    mine = []
    found = (
        Agreement.objects.open()
        .filter(wanted)
        .select_related("owner__user", "family")
        .order_by("due_on", "pk")
    )
    for agreement in found:
        if agreement.family_id in overdue and agreement.due_on < today:
            overdue[agreement.family_id].append(agreement)
        if membership is not None and agreement.owner_id == membership.pk:
            mine.append(agreement)
    return overdue, mine


class _Words:
    """What the rows say in words, translated once per page rather than on each of fifty
    rows (a plural once per number)."""

    def __init__(self):
        self.trend_title = _("Score per maand, laatste 12 maanden (%(range)s)")
        self.score = _("score %(score)s")
        self.status = {name: str(label) for name, label in STATUS_LABELS.items()}
        self.markers = {name: str(label) for name, label in MARKER_LABELS.items()}
        self._plurals = {}
        self._decisions = {}

    def risks(self, n):
        return self._once(("risks", n), lambda: ngettext("%(n)d risico", "%(n)d risico's", n))

    def colleagues(self, n):
        return self._once(
            ("colleagues", n), lambda: ngettext("%(n)d collega", "%(n)d collega's", n)
        )

    def _once(self, key, words):
        if key not in self._plurals:
            self._plurals[key] = words() % {"n": key[1]}
        return self._plurals[key]

    def decision(self, value):
        if not value:
            return ""
        if value not in self._decisions:
            self._decisions[value] = str(Decision(value).label)
        return self._decisions[value]


def page_details(families, *, organisation, today, membership=None):
    """Trend, reason, people, agreements and markers of the families on one page: a fixed
    few queries. Returns the open agreements of `membership` ("Mijn afspraken")."""
    ids = [f.pk for f in families]
    dates = trend.monthly_dates(today)
    series_by_id = score_series_by_family(ids, organisation=organisation, dates=dates)
    people = corroborators_by_family(ids, organisation=organisation, as_of=today)
    reasons = _reasons(ids, bands=Bands.of(organisation, today))
    contacts = _people_and_transitions(ids, today=today)
    overdue, mine = _agreements(ids, today=today, membership=membership)
    ceiling = organisation.accumulation_threshold
    family_url, explanation_url, conversation_url = _urls()
    words = _Words()
    for family in families:
        family.url = family_url(family.public_id)
        family.explanation_url = explanation_url(family.public_id)
        family.conversation_url = conversation_url(family.public_id)
        series = series_by_id[family.pk]
        title = words.trend_title % {"range": trend.describe(dates, series)}
        family.trend_svg = trend.sparkline(series, title=title, ceiling=ceiling)
        family.corroboration = len(people[family.pk])
        family.figures = " · ".join(
            (
                words.score % {"score": trend.number(family.score)},
                words.risks(family.distinct_risk_categories),
                words.colleagues(family.corroboration),
            )
        )
        family.contact_name, family.transition_soon, family.vt_reported_on = contacts.get(
            family.pk, ("", False, None)
        )
        family.status_label = words.status[family.status]
        family.section = SECTION_BY_RANK[family.section_rank]
        family.reasons = reasons.get(family.pk, [])
        family.overdue_agreements = overdue[family.pk]
        family.agreement_overdue = bool(family.overdue_agreements)
        markers_for(family, today=today)
        family.markers = [
            (name, label) for name, label in words.markers.items() if getattr(family, name, False)
        ]
        family.last_review_label = words.decision(family.last_review_decision)
        family.awaits_vt = family.vt_reported_on is not None
    return mine


# One row of the working list (templates/signals/dashboard.html puts it in its section).
ROW = (
    '<tr data-family="{public_id}" class="worklist-row">'
    '<th scope="row" class="fw-normal worklist-family">'
    '<a class="fw-semibold" href="{url}">{name}</a> {markers} '
    '<span class="d-block small worklist-reason" data-testid="reason">{reason}</span></th>'
    '<td data-label="{l_status}"><span class="badge status-{status}">{status_label}</span>'
    ' <span class="small">{figures}</span></td>'
    '<td data-label="{l_contact}" class="small">{contact}</td>'
    '<td data-label="{l_decision}" class="small">{decision}</td>'
    '<td data-label="{l_next}" class="small text-nowrap">{next}</td>'
    '<td data-label="{l_parents}" class="small text-nowrap" data-testid="parents-discussed">'
    '{parents}<br><a href="{conversation_url}">{l_conversation}<span class="visually-hidden">'
    " {l_prepare}: {name}</span></a></td>"
    '<td data-label="{l_trend}">{trend}</td>'
    '<td class="worklist-why"><a href="{explanation_url}">{l_why}'
    '<span class="visually-hidden"> {name}</span></a></td></tr>'
)


def rows_html(families, labels):
    """Each row of the page as HTML, once its markers are complete (the parents' marker
    comes last). As template nodes, fifty rows cost more than the query that found them
    (1,300 Python calls a row; here about 300)."""
    constants = {f"l_{name}": conditional_escape(text) for name, text in labels.items()}
    for family in families:
        family.row_html = html(
            ROW,
            public_id=family.public_id,
            url=family.url,
            name=family.name,
            markers=_markers_html(family),
            reason=_reason_html(family, labels),
            status=family.status,
            status_label=family.status_label,
            figures=family.figures,
            contact=family.contact_name or labels["nobody"],
            decision=_decision_html(family, labels),
            next=_next_html(family),
            parents=family.parents_line,
            conversation_url=family.conversation_url,
            trend=family.trend_svg,
            explanation_url=family.explanation_url,
            **constants,
        )


def _decision_html(family, labels):
    if not family.last_review_at:
        return html('<span class="text-body-secondary">{}</span>', labels["not_yet"])
    return html(
        '{} <span class="text-body-secondary text-nowrap">{}</span>',
        family.last_review_label,
        date_format(timezone.localtime(family.last_review_at), "j-n-Y"),
    )


def _next_html(family):
    if not family.last_review_next_on:
        return mark_safe('<span class="text-body-secondary">—</span>')
    late = mark_safe(' class="text-danger fw-semibold"') if family.review_overdue else ""
    return html("<span{}>{}</span>", late, date_format(family.last_review_next_on, "j-n-Y"))


def _markers_html(family):
    badges = html_join(
        "", '<span class="badge marker-{}">{}</span> ', ((n, label) for n, label in family.markers)
    )
    if family.awaits_vt:
        text = _("gemeld bij Veilig Thuis %(date)s, wacht op reactie") % {
            "date": date_format(family.vt_reported_on, "j-n")
        }
        badges += html('<span class="badge text-bg-light border">{}</span>', text)
    return html('<span class="worklist-markers">{}</span>', badges) if badges else ""


def _reason_html(family, labels):
    if family.reasons:
        lasting = html(" ({})", labels["lasting"])
        names = html_join(
            ", ", "{}{}", ((name, lasting if current else "") for name, current in family.reasons)
        )
        text = html("{}: {}", labels["weighs"], names)
    else:
        text = html('<span class="text-body-secondary">{}</span>', labels["no_risks"])
    if family.overdue_agreements:
        items = html_join(
            "; ",
            "{} ({}, {})",
            (
                (Truncator(a.what).chars(60), a.who, date_format(a.due_on, "j-n"))
                for a in family.overdue_agreements
            ),
        )
        text += html('<span class="d-block text-danger">{}: {}</span>', labels["overdue"], items)
    return text


def _urls():
    """(family page, explanation, conversation with the parents) URL makers: each reversed
    once per page, not per row."""
    return (
        url_maker("families:detail"),
        url_maker("signals:explanation"),
        url_maker("signals:conversation_prepare"),
    )


def column_labels():
    """The table's column names, once per page (on a phone each cell says its column)."""
    return {
        "status": _("Status"),
        "contact": _("Contactpersoon"),
        "decision": _("Laatste besluit"),
        "next": _("Volgende beoordeling"),
        "parents": _("Met ouders besproken"),
        "trend": _("Verloop 12 maanden"),
        "weighs": _("Weegt het zwaarst"),
        "lasting": _("blijvend"),
        "nobody": _("nog niemand"),
        "not_yet": _("nog niet"),
        "no_risks": _("geen risico's die nu meetellen"),
        "overdue": _("Afspraak te laat"),
        "why": _("waarom?"),
        "conversation": _("gesprek"),
        "prepare": _("met ouders voorbereiden"),
    }


def counts_line(counts):
    """The counts on top: (section, number) in the sections' order, and the total."""
    return [(s, counts[s.name]) for s in SECTIONS], sum(counts.values())
