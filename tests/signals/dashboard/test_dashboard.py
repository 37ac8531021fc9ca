"""The lead's dashboard: order, filters, markers, pagination, access, cost."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from organisations.models import AccessLogEntry
from signals.accumulation import assess_family
from signals.models import Review
from signals.synthetic import generate
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    SignalCategoryFactory,
    observation_add,
)

URL = reverse("signals:dashboard")


def days_ago(n):
    return timezone.localdate() - datetime.timedelta(days=n)


@pytest.fixture
def heavy():
    return SignalCategoryFactory(weight=3)


@pytest.fixture
def families(org_a, professional_a, heavy):
    """acute (score 1), accumulation (score 9), attention (score 4), none (no observations)."""
    light = SignalCategoryFactory(weight=1)
    acute = FamilyFactory(organisation=org_a, name="Gezin Acuut")
    observation_add(family=acute, category=light, severity=1, observer=professional_a, acute=True)
    piling = FamilyFactory(organisation=org_a, name="Gezin Stapeling")
    observation_add(family=piling, category=heavy, severity=3, observer=professional_a)
    attention = FamilyFactory(organisation=org_a, name="Gezin Aandacht")
    observation_add(
        family=attention,
        category=SignalCategoryFactory(weight=2),
        severity=2,
        observer=professional_a,
    )
    quiet = FamilyFactory(organisation=org_a, name="Gezin Rustig")
    return {"acute": acute, "accumulation": piling, "attention": attention, "none": quiet}


def rows(response):
    return [f.name for f in response.context["families"]]


def test_lead_sees_families_ordered_by_status_then_score(client_lead_a, families):
    response = client_lead_a.get(URL)
    assert response.status_code == 200
    assert rows(response) == ["Gezin Acuut", "Gezin Stapeling", "Gezin Aandacht", "Gezin Rustig"]
    html = response.content.decode()
    assert "status-acute" in html
    assert "<polyline" in html and "<title>" in html
    assert reverse("signals:explanation", args=[families["acute"].public_id]) in html
    assert families["acute"].get_absolute_url() in html
    for row in response.context["families"]:
        expected = assess_family(row, as_of=timezone.localdate())
        assert (row.score, row.corroboration) == (expected.score, expected.corroboration)


def test_score_breaks_ties_within_a_status(client_lead_a, org_a, professional_a, heavy):
    low = FamilyFactory(organisation=org_a, name="A laag")
    observation_add(family=low, category=heavy, severity=3, observer=professional_a)
    high = FamilyFactory(organisation=org_a, name="B hoog")
    observation_add(family=high, category=heavy, severity=3, observer=professional_a)
    observation_add(family=high, category=heavy, severity=1, observer=professional_a)
    assert rows(client_lead_a.get(URL)) == ["B hoog", "A laag"]


def test_filter_on_status(client_lead_a, families):
    response = client_lead_a.get(URL, {"status": "attention"})
    assert rows(response) == ["Gezin Aandacht"]
    assert response.context["page"].paginator.count == 1


def test_unknown_filter_value_is_ignored_not_an_error(client_lead_a, families):
    response = client_lead_a.get(URL, {"status": "<script>", "marker": "nope"})
    assert response.status_code == 200
    assert len(rows(response)) == 4


def test_new_since_review_marker_clears_after_a_review_and_returns_when_it_rises(
    client_lead_a, families, lead_a, professional_a, heavy
):
    piling = families["accumulation"]
    # Never reviewed is a marker of its own, not "new since the last review".
    assert "Gezin Stapeling" in rows(client_lead_a.get(URL, {"marker": "never"}))
    assert "Gezin Stapeling" not in rows(client_lead_a.get(URL, {"marker": "new"}))
    Review.objects.create(
        family=piling,
        lead=lead_a,
        decision="monitor",
        rationale="r",
        status_at_review="accumulation",
    )
    for marker in ("never", "new", "risk"):
        assert "Gezin Stapeling" not in rows(client_lead_a.get(URL, {"marker": marker}))
    observation_add(family=piling, category=heavy, severity=1, observer=professional_a, acute=True)
    for marker in ("new", "risk"):
        assert "Gezin Stapeling" in rows(client_lead_a.get(URL, {"marker": marker}))


def test_overdue_check_and_transition_markers(client_lead_a, org_a, lead_a):
    today = timezone.localdate()
    overdue = FamilyFactory(organisation=org_a, name="Te laat")
    review = Review.objects.create(
        family=overdue,
        lead=lead_a,
        decision="monitor",
        rationale="r",
        next_review_on=today - datetime.timedelta(days=1),
    )
    FamilyFactory(organisation=org_a, name="Controle", long_term_support=True, next_check_on=today)
    turning = FamilyFactory(organisation=org_a, name="Overgang")
    ChildFactory(
        family=turning,
        birth_date=today.replace(year=today.year - 4)
        if not (today.month == 2 and today.day == 29)
        else datetime.date(today.year - 4, 2, 28),
    )
    FamilyFactory(organisation=org_a, name="Niets")
    for marker, expected in (("overdue", "Te laat"), ("check", "Controle")):
        response = client_lead_a.get(URL, {"marker": marker})
        assert rows(response) == [expected]
        assert response.context["page"].paginator.count == 1
    response = client_lead_a.get(URL, {"marker": "transition"})
    assert rows(response) == ["Overgang"]
    assert response.context["page"].paginator.count == 1
    assert "levensfase-overgang binnen 60 dagen" in response.content.decode()
    all_rows = {f.name: f for f in client_lead_a.get(URL).context["families"]}
    assert all_rows["Te laat"].review_overdue and not all_rows["Niets"].review_overdue
    assert all_rows["Te laat"].last_review_next_on == review.next_review_on
    assert all_rows["Controle"].check_due and not all_rows["Niets"].check_due
    assert all_rows["Overgang"].transition_soon and not all_rows["Niets"].transition_soon


def test_pagination_at_fifty_in_the_database(client_lead_a, org_a):
    for i in range(51):
        FamilyFactory(organisation=org_a, name=f"Gezin {i:03d}")
    first = client_lead_a.get(URL)
    assert len(rows(first)) == 50
    second = client_lead_a.get(URL, {"page": 2})
    assert rows(second) == ["Gezin 050"]


def test_a_filter_on_the_figures_pages_and_counts_in_the_same_way(client_lead_a, org_a, families):
    # The count of a status filter comes with the page's rows; it must page, count and fall
    # back on a page past the end or a page that is no number just like the plain list.
    for i in range(51):
        FamilyFactory(organisation=org_a, name=f"Gezin {i:03d}")
    first = client_lead_a.get(URL, {"status": "none"})
    assert len(rows(first)) == 50
    assert first.context["page"].paginator.count == 52  # with Gezin Rustig
    assert first.context["page"].paginator.num_pages == 2
    second = client_lead_a.get(URL, {"status": "none", "page": 2})
    assert rows(second) == ["Gezin 050", "Gezin Rustig"]
    assert second.context["page"].has_previous() and not second.context["page"].has_next()
    for page in ("99", str(10**30), "-1", "twee", ""):
        response = client_lead_a.get(URL, {"status": "none", "page": page})
        assert response.status_code == 200
        expected = rows(first) if page in ("-1", "twee", "") else rows(second)
        assert rows(response) == expected, page
        assert response.context["page"].paginator.count == 52
    nothing = client_lead_a.get(URL, {"status": "acute", "marker": "overdue", "page": 3})
    assert nothing.status_code == 200
    assert rows(nothing) == [] and nothing.context["page"].paginator.count == 0
    assert "0 gezinnen" in nothing.content.decode()


def test_one_access_log_entry_per_view_without_family(client_lead_a, families):
    before = AccessLogEntry.objects.count()
    client_lead_a.get(URL)
    new = AccessLogEntry.objects.count() - before
    entries = list(AccessLogEntry.objects.order_by("-id")[:new])
    assert [(e.action, e.family_public_id) for e in entries] == [("view", None)]


def test_professional_gets_403(client_professional_a, families):
    assert client_professional_a.get(URL).status_code == 403


def test_beheerder_gets_403(client_admin_a, families):
    assert client_admin_a.get(URL).status_code == 403


def test_lead_of_another_organisation_sees_none_of_these_families(client_lead_b, families):
    response = client_lead_b.get(URL)
    assert response.status_code == 200
    assert rows(response) == []
    assert "Gezin Acuut" not in response.content.decode()


def test_anonymous_is_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_post_is_not_allowed(client_lead_a):
    assert client_lead_a.post(URL).status_code == 405


def _queries_for(client, org, observer, families):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    generate(organisation=org, families=families, observations=families * 4, observers=[observer])
    client.get(URL)  # session and language settle
    counts = []
    for params in ({}, {"marker": "never"}):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, params)
        assert response.status_code == 200
        counts.append(len(captured))
    return counts


def test_same_number_of_queries_for_5_and_for_500_families(
    client_lead_a, org_a, lead_a, django_assert_max_num_queries
):
    # unfiltered, and filtered on the figures (their count comes with the page)
    few = _queries_for(client_lead_a, org_a, lead_a, 5)
    many = _queries_for(client_lead_a, org_a, lead_a, 495)
    assert few == many
    # The session, the page's one query (every family's figures, the rows and the counts),
    # its rows' trend, reasons, people (with Veilig Thuis: issue 21), agreements (with the
    # lead's own for "Mijn afspraken"), their "met ouders besproken" counts, the access log,
    # the menu (its three counts), the start panels (quiet families, invitations); on
    # PostgreSQL one more: the aggregate's transaction switches JIT off (SET LOCAL).
    with django_assert_max_num_queries(17 + (connection.vendor == "postgresql")):
        client_lead_a.get(URL)


def test_the_leads_own_agreements_come_in_the_rows_agreements_query(
    client_lead_a, org_a, lead_a, families
):
    """ "Mijn afspraken" above the working list: the lead's open agreements, read in the one
    query that finds the rows' overdue agreements (not a query of its own), also those of a
    family that is not on the page; not the finished ones."""
    from django.test.utils import CaptureQueriesContext

    from organisations.models import Membership
    from signals.models import Agreement
    from signals.reviews.agreements import agreement_add
    from signals.services import agreement_close

    mine = Membership.objects.get(user=lead_a, organisation=org_a)
    quiet = FamilyFactory(organisation=org_a, name="Gezin Rustig")
    review = Review.objects.create(family=quiet, lead=lead_a, decision="monitor", rationale="r")
    agreement_add(review=review, what="Bellen met school", owner=mine, due_on=days_ago(-5))
    done = agreement_add(review=review, what="Al gedaan", owner=mine, due_on=days_ago(-6))
    agreement_close(agreement=done, by=lead_a, done=True, note="Klaar.")
    client_lead_a.get(URL)  # session and language settle
    table = Agreement._meta.db_table
    with CaptureQueriesContext(connection) as captured:
        response = client_lead_a.get(URL, {"status": "acute"})  # the family is not on it
    html = response.content.decode()
    assert [f.name for f in response.context["families"]] == ["Gezin Acuut"]
    assert 'data-testid="my-agreements"' in html and "Bellen met school" in html
    assert "Al gedaan" not in html
    # (the working list's own query reads them too, for its marker: not counted)
    assert sum(q["sql"].startswith(f'SELECT "{table}".') for q in captured.captured_queries) == 1
