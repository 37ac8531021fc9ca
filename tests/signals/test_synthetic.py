"""The bulk fill (COPY on PostgreSQL, bulk_create on SQLite) leaves consistent data."""

from django.db import connection
from django.utils import timezone

from families.models import Family
from signals.accumulation import assess_families, assess_family
from signals.models import LatestObservation, Observation
from signals.observations import triggers
from signals.synthetic import generate

COLUMNS = ("chain", "observation_id", "risk", "severity", "weight", "observed_on", "acute_since")


def test_generated_history_has_every_chain_projected_and_amendments_on_originals(org_a, lead_a):
    generate(organisation=org_a, families=40, observations=700, observers=[lead_a], seed=3)
    observations = Observation.objects.filter(family__organisation=org_a)
    amendments = observations.filter(amends__isnull=False)
    assert observations.count() == 700 + 40 // 12 + amendments.count()
    assert amendments.count() == (700 + 40 // 12) // 33
    for amendment in amendments.select_related("amends"):
        assert amendment.chain == amendment.amends.chain
        assert amendment.amends.family_id == amendment.family_id
    # What the trigger wrote row by row is what a rebuild from the versions gives.
    written = sorted(LatestObservation.objects.values_list(*COLUMNS))
    assert len(written) == observations.values("chain").distinct().count()
    LatestObservation.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(triggers.REBUILD_LATEST)
    assert sorted(LatestObservation.objects.values_list(*COLUMNS)) == written
    # The contract: the aggregate says what the one-family assessment says.
    today = timezone.localdate()
    families = Family.objects.filter(organisation=org_a)
    by_aggregate = {f.pk: f.score for f in assess_families(families, as_of=today)}
    for family in families[:10]:
        assert assess_family(family, as_of=today).score == by_aggregate[family.pk]
