"""The demo's reviews: a piling-up family reviewed with agreements (one overdue), the family
of vraagstuk 2 reviewed and followed with the mother's LVB still counting, and the acute
family left for the lead."""

from django.core.management import call_command
from django.utils import timezone

from demo.people import SCHOOL
from families.models import Family
from organisations.models import Organisation
from signals.accumulation import assess_family
from signals.dashboard.selectors import page_details, page_of
from signals.models import Agreement, Review


def test_the_demo_working_list(db):
    call_command("load_demo", quiet_logins=True)
    call_command("load_demo", quiet_logins=True)  # idempotent
    today = timezone.localdate()
    organisation = Organisation.objects.get(name=SCHOOL)
    families = Family.objects.filter(organisation=organisation)
    page, counts = page_of(families, organisation=organisation, today=today)
    rows = list(page.object_list)
    page_details(rows, organisation=organisation, today=today)
    by_name = {f.name: f for f in rows}

    # Acute first, never reviewed: the lead sees it first.
    assert rows[0].status == "acute" and rows[0].last_review_at is None
    assert counts["acute"] == 1 and counts["waiting"] >= 4

    # Reviewed twelve days ago through the afwegingskader; an agreement overdue and a new
    # risk since: it waits, and says why.
    visser = by_name["Familie Visser (groep 4)"]
    assert visser.status == "accumulation" and not visser.new_since_review
    assert visser.section.name == "waiting"
    assert {"agreement_overdue", "new_risk"} <= {name for name, _label in visser.markers}
    assert Review.objects.get(family=visser).q1_reason

    # Vraagstuk 2: the mother's LVB, logged over a year ago, still counts in full.
    jansen = by_name["Familie Jansen (groep 3)"]
    assert jansen.section.name == "followed" and jansen.last_review_label == "blijven volgen"
    assert jansen.reasons[0] == ("Verstandelijke beperking bij ouder", True)
    (lvb,) = assess_family(jansen, as_of=today).lasting_factors
    assert lvb.category.code == "parent-intellectual-disability"
    assert (today - lvb.observed_on).days > 365

    # Never reviewed is its own marker.
    assert any(
        "never_reviewed" in {n for n, _l in f.markers} for f in rows if f.status == "accumulation"
    )
    agreements = Agreement.objects.filter(family__organisation=organisation)
    assert agreements.count() == 5
    assert agreements.filter(due_on__lt=today).count() == 1
    assert {a.owner.user.username for a in agreements} == {"ib", "leerkracht", "lead"}
