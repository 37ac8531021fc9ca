"""The demo's reviews: one piling-up family reviewed, the acute family left for the lead."""

from django.core.management import call_command
from django.utils import timezone

from demo.people import SCHOOL
from families.models import Family
from signals.accumulation import assess_families, markers_for
from signals.models import Review


def test_demo_reviews_one_piling_up_family_and_leaves_the_acute_one(db):
    call_command("load_demo", quiet_logins=True)
    call_command("load_demo", quiet_logins=True)  # idempotent
    today = timezone.localdate()
    rows = [
        markers_for(f, today=today)
        for f in assess_families(
            Family.objects.filter(organisation__name=SCHOOL), as_of=today
        ).order_by("-status_rank", "-score_quarters")
    ]
    reviewed = Review.objects.filter(family__organisation__name=SCHOOL)
    assert reviewed.count() == 1
    family = next(f for f in rows if f.pk == reviewed.get().family_id)
    assert family.status == "accumulation" and not family.new_since_review
    assert rows[0].status == "acute" and rows[0].last_review_at is None
    assert any(f.new_since_review for f in rows if f.status == "accumulation")
