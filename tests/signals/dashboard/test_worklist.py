"""The dashboard as the lead's working list: counts on top, four sections by urgency, and on
every row why it is there, who the contact person is, the last decision and the next date."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import Family
from organisations.models import Membership, Organisation
from signals.accumulation import assess_family
from signals.models import Review, SignalCategory
from signals.services import observation_record, review_record
from tests.factories import FamilyFactory, SignalCategoryFactory, observation_add

URL = reverse("signals:dashboard")
TODAY = timezone.localdate


def ago(days):
    return TODAY() - datetime.timedelta(days=days)


@pytest.fixture
def world(org_a, lead_a, professional_a):
    """Acute; never reviewed in accumulation; reviewed and followed; reviewed, a new risk
    since; reported to Veilig Thuis and followed; quiet."""
    debts = SignalCategoryFactory(name="Schulden", weight=3, lasting=True)
    fights = SignalCategoryFactory(name="Ruzie thuis", weight=2)
    hunger = SignalCategoryFactory(name="Honger", weight=1, kind="signal")
    contact = Membership.objects.get(user=professional_a, organisation=org_a)
    families = {}

    def family(name, **kwargs):
        families[name] = FamilyFactory(organisation=org_a, name=name, **kwargs)
        return families[name]

    observation_add(
        family=family("Acuut"), category=hunger, severity=1, observer=professional_a, acute=True
    )
    piling = family("Stapeling", contact_person=contact)
    observation_record(
        family=piling,
        category=debts,
        severity=3,
        observed_on=ago(400),
        observer=professional_a,
        description="Deurwaarder.",
    )
    observation_add(family=piling, category=fights, severity=2, observer=professional_a)
    observation_add(family=piling, category=hunger, severity=1, observer=professional_a)
    followed = family("Gevolgd")
    observation_add(family=followed, category=fights, severity=2, observer=professional_a)
    review_record(
        family=followed,
        lead=lead_a,
        decision="monitor",
        rationale="r",
        next_review_on=TODAY() + datetime.timedelta(days=30),
    )
    new_risk = family("Nieuw risico")
    review_record(
        family=new_risk,
        lead=lead_a,
        decision="monitor",
        rationale="r",
        next_review_on=TODAY() + datetime.timedelta(days=30),
    )
    observation_add(family=new_risk, category=hunger, severity=1, observer=professional_a)
    reported = family("Gemeld")
    review_record(
        family=reported,
        lead=lead_a,
        decision="report_vt",
        rationale="r",
        vt_reported_on=TODAY(),
        next_review_on=TODAY() + datetime.timedelta(days=30),
        q1_suspicion=True,
        q1_reason="r",
        q2_unsafety=True,
    )
    family("Rustig")
    return families


def sections(response):
    return {f.name: f.section.name for f in response.context["families"]}


def test_sections_in_order_with_the_counts_on_top(client_lead_a, world):
    response = client_lead_a.get(URL)
    assert sections(response) == {
        "Acuut": "acute",
        "Stapeling": "waiting",
        "Nieuw risico": "waiting",
        "Gevolgd": "followed",
        "Gemeld": "followed",
        "Rustig": "quiet",
    }
    names = [f.name for f in response.context["families"]]
    assert names[0] == "Acuut" and names[-1] == "Rustig"
    assert names.index("Stapeling") < names.index("Nieuw risico")  # by urgency: status, score
    counts = response.content.decode().split('data-testid="worklist-counts"')[1].split("</p>")[0]
    for text in ("1 acuut", "2 wachten op jou", "2 gevolgd", "6 gezinnen"):
        assert text in counts


def test_every_row_says_why_who_what_and_when(client_lead_a, world, professional_a):
    response = client_lead_a.get(URL)
    rows = {f.name: f for f in response.context["families"]}
    piling = rows["Stapeling"]
    assert [name for name, _current in piling.reasons] == ["Schulden", "Ruzie thuis", "Honger"]
    assert piling.reasons[0] == ("Schulden", True)  # lasting, and still counting
    assert piling.contact_name == professional_a.get_full_name()
    # in accumulation and none of its concerns discussed with the parents (issue 14)
    assert [name for name, _label in piling.markers] == ["never_reviewed", "parents_not_yet"]
    assert [name for name, _label in rows["Nieuw risico"].markers] == ["new_risk"]
    assert rows["Gemeld"].awaits_vt
    html = response.content.decode()
    assert "Weegt het zwaarst: Schulden (blijvend), Ruzie thuis, Honger" in html
    assert "nog nooit beoordeeld" in html
    assert "wacht op reactie" in html
    assert "blijven volgen" in html  # the last decision
    assert (TODAY() + datetime.timedelta(days=30)).strftime("%-d-%-m-%Y") in html


def test_the_section_filter_and_its_counts(client_lead_a, world):
    response = client_lead_a.get(URL, {"section": "waiting"})
    assert set(sections(response)) == {"Stapeling", "Nieuw risico"}
    assert "met dit filter" in response.content.decode()
    response = client_lead_a.get(URL, {"section": "followed", "status": "none"})
    assert set(sections(response)) == {"Gemeld"}


def test_overdue_review_and_check_make_a_reviewed_family_wait(client_lead_a, world, lead_a):
    followed = world["Gevolgd"]
    Review.objects.filter(family=followed).update(next_review_on=ago(1))
    assert sections(client_lead_a.get(URL))["Gevolgd"] == "waiting"
    quiet = world["Rustig"]
    quiet.long_term_support, quiet.next_check_on = True, ago(2)
    quiet.save()
    response = client_lead_a.get(URL, {"marker": "check"})
    assert sections(response) == {"Rustig": "waiting"}
    assert "controle te laat" in response.content.decode()


def test_the_lists_follow_a_change_of_thresholds_and_bands_at_once(
    client_lead_a, world, org_a, professional_a
):
    # The working list's and the family list's SQL is compiled once per day and settings
    # (issue 21): a lead who changes the thresholds or the bands sees the new statuses on
    # the next request, as the explanation (Python) works them out, and back again.
    def statuses():
        rows = client_lead_a.get(URL).context["families"]
        return {f.name: f.status for f in rows}

    def badges():
        page = client_lead_a.get(reverse("families:list")).context["page"]
        return {f.name: [css for _label, css in f.badges] for f in page.object_list}

    def expected():
        org_a.refresh_from_db()
        return {
            name: assess_family(Family.objects.get(pk=f.pk), as_of=TODAY()).status
            for name, f in world.items()
        }

    def as_badges(found):
        return {name: [] if s == "none" else [f"status-{s}"] for name, s in found.items()}

    # half its points at the default bands (none); in full once the full band is 120 days
    observation_add(
        family=world["Rustig"],
        category=SignalCategory.objects.get(name="Ruzie thuis"),
        severity=2,
        observed_on=ago(100),
        observer=professional_a,
    )
    before = statuses()
    assert before == expected() and before["Stapeling"] == "accumulation"
    assert before["Rustig"] == "none"
    assert badges() == as_badges(before)
    changes = (
        ({"accumulation_threshold": 100, "distinct_threshold": 50}, "Stapeling", "attention"),
        ({"band_full_days": 120}, "Rustig", "attention"),
        ({"attention_threshold": 20}, "Rustig", "none"),
    )
    for change, name, status in changes:
        Organisation.objects.filter(pk=org_a.pk).update(**change)
        now = expected()
        assert now[name] == status
        assert statuses() == now
        assert badges() == as_badges(now)
    Organisation.objects.filter(pk=org_a.pk).update(
        accumulation_threshold=8,
        attention_threshold=4,
        distinct_threshold=4,
        band_full_days=90,
        band_half_days=180,
        band_quarter_days=365,
    )
    assert statuses() == before
    assert badges() == as_badges(before)


def test_a_report_to_veilig_thuis_waits_until_it_is_answered(client_lead_a, world, lead_a):
    # Read with the contact person in one query (issue 21): the day of the latest report
    # without an answer, and no marker once Veilig Thuis answered.
    from signals.services import review_vt_answer

    reported = world["Gemeld"]
    rows = {f.name: f for f in client_lead_a.get(URL).context["families"]}
    assert rows["Gemeld"].vt_reported_on == TODAY()
    assert not rows["Gevolgd"].awaits_vt and rows["Gevolgd"].vt_reported_on is None
    review = Review.objects.get(family=reported)
    review_vt_answer(review=review, lead=lead_a, answer="Onderzoek gestart.", answered_on=TODAY())
    rows = {f.name: f for f in client_lead_a.get(URL).context["families"]}
    assert not rows["Gemeld"].awaits_vt and rows["Gemeld"].vt_reported_on is None
    assert "wacht op reactie" not in client_lead_a.get(URL).content.decode()


@pytest.mark.django_db(transaction=True)
def test_aggregates_are_tuned_for_the_transaction_only():
    # PostgreSQL: no JIT and room for the working list's window in memory (work_mem), set
    # for the view's transaction alone; nothing on SQLite.
    from django.db import connection, transaction

    from signals.accumulation import AGGREGATE_WORK_MEM, tune_for_aggregates

    if connection.vendor != "postgresql":
        with transaction.atomic():
            tune_for_aggregates()  # does nothing, and does not fail
        return

    def setting(name):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting(%s)", [name])
            return cursor.fetchone()[0]

    before = setting("work_mem")
    with transaction.atomic():
        tune_for_aggregates()
        assert setting("jit") == "off"
        assert setting("work_mem") == AGGREGATE_WORK_MEM
    assert setting("work_mem") == before
