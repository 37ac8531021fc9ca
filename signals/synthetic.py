"""Synthetic histories in bulk, for the benchmark and the load test: no per-row queries.

Families (with a child each) and observations spread over `days` across the catalogue:
about 15% protective factors, some amendments, a few acute signals, a lasting risk factor
(a circumstance, logged once) in about one family in twelve, a few reviews with agreements
(some overdue). Deterministic for a given seed. Names and texts are invented.

On PostgreSQL the observations go in with COPY (psycopg 3), streamed, so that a region of
200 organisations or one organisation of 1.5 million rows fills in minutes. COPY fires the
row triggers like INSERT does: the immutability trigger does not concern inserts, and the
LatestObservation trigger keeps every chain's row, so the projection is right afterwards.
"""

import datetime
import itertools
import random
import uuid

from django.db import connection, transaction
from django.utils import timezone

from families.models import Child, Family
from organisations.models import Membership
from signals.models import (
    RISK_KINDS,
    Agreement,
    Decision,
    Kind,
    Observation,
    ParentsDiscussed,
    Review,
    SignalCategory,
)

# A lasting circumstance is logged once for a family, not again and again like an event.
LASTING_SHARE = 1 / 12

BATCH = 2000
CHILD_NAMES = ["Noor", "Sem", "Emma", "Daan", "Yara", "Liam", "Mila", "Adam", "Sara", "Finn"]
DESCRIPTIONS = [
    "Komt vaak zonder ontbijt naar school en is moe in de ochtend.",
    "Vertelt dat het thuis onrustig is; ouders hebben veel ruzie.",
    "Trekt zich terug in de groep en schrikt van onverwachte geluiden.",
    "Moeder vertelt dat het financieel zwaar is sinds de verhuizing.",
    "Oma haalt het kind elke woensdag op en is een vast aanspreekpunt.",
    "Deze maand vaak afwezig zonder afmelding.",
]


@transaction.atomic
def generate(*, organisation, families, observations, observers, days=730, seed=0):
    """Add `families` families and `observations` observations to `organisation`; returns families.

    `observers` is a list of users (members of the organisation) who log the observations.
    """
    rng = random.Random(seed)
    today = timezone.localdate()
    observers = list(observers)
    if not observers:
        raise ValueError("generate() needs at least one observer")
    categories = list(SignalCategory.objects.available_to(organisation))
    risks = [c for c in categories if c.kind in RISK_KINDS and not c.lasting]
    lasting = [c for c in categories if c.lasting]
    protective = [c for c in categories if c.kind == Kind.PROTECTIVE]
    new_families = _families(rng, organisation, families, today)
    if not new_families:
        return new_families
    lasting_rows = _lasting_rows(rng, new_families, lasting, observers, today, days)
    total = observations + len(lasting_rows)
    amended = set(rng.sample(range(total), k=total // 33))
    rows = _event_rows(rng, new_families, observations, risks, protective, observers, today, days)
    originals = _insert_observations(itertools.chain(rows, lasting_rows), amended)
    Observation.objects.bulk_create(_amendments(rng, originals, risks, today), batch_size=BATCH)
    # A few reviews, by whoever is given first (the benchmark gives its lead first).
    reviews = Review.objects.bulk_create(
        [
            Review(
                family=family,
                lead=observers[0],
                decision=rng.choice(Decision.values),
                rationale="Besproken in het zorgoverleg.",
                next_review_on=today + datetime.timedelta(days=rng.randint(-60, 120)),
                status_at_review=rng.choice(("none", "attention", "accumulation")),
            )
            for family in rng.sample(new_families, k=max(1, len(new_families) // 20))
        ],
        batch_size=BATCH,
    )
    _agreements(rng, reviews, organisation, observers, today)
    return new_families


def _insert_observations(rows, amended):
    """Insert the observations `rows` (an iterable); returns those at the positions in
    `amended`, with their ids, to amend. COPY on PostgreSQL, bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        created = Observation.objects.bulk_create(list(rows), batch_size=BATCH)
        return [created[i] for i in sorted(amended)]
    fields = [f for f in Observation._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(Observation._meta.db_table)
    originals = []
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for position, row in enumerate(rows):
                copy.write_row(
                    [f.get_db_prep_save(f.pre_save(row, True), connection) for f in fields]
                )
                if position in amended:
                    originals.append(row)
    ids = {}
    public_ids = [row.public_id for row in originals]
    for start in range(0, len(public_ids), BATCH):
        chunk = public_ids[start : start + BATCH]
        ids.update(Observation.objects.filter(public_id__in=chunk).values_list("public_id", "id"))
    for row in originals:
        row.pk = ids[row.public_id]
        row._state.adding = False
    return originals


def _families(rng, organisation, families, today):
    """`families` new families with a child each, named after those already there."""
    offset = Family.objects.filter(organisation=organisation).count()
    new_families = Family.objects.bulk_create(
        [
            Family(
                organisation=organisation,
                name=f"Gezin B{offset + i + 1:05d}",
                long_term_support=rng.random() < 0.05,
                next_check_on=today + datetime.timedelta(days=rng.randint(-30, 90)),
            )
            for i in range(families)
        ],
        batch_size=BATCH,
    )
    Child.objects.bulk_create(
        [
            Child(
                family=family,
                first_name=rng.choice(CHILD_NAMES),
                birth_date=today - datetime.timedelta(days=rng.randint(200, 17 * 365)),
            )
            for family in new_families
        ],
        batch_size=BATCH,
    )
    return new_families


def _event_rows(rng, new_families, observations, risks, protective, observers, today, days):
    """Observations of events; some families carry more worry than others (lognormal)."""
    weights = [rng.lognormvariate(0, 0.6) for _ in new_families]
    for family in rng.choices(new_families, weights=weights, k=observations):
        is_protective = protective and rng.random() < 0.15
        category = rng.choice(protective) if is_protective else rng.choice(risks)
        public_id = uuid.uuid4()
        yield Observation(
            public_id=public_id,
            chain=public_id,
            family=family,
            category=category,
            severity=rng.choice((1, 1, 2, 2, 3)),
            observed_on=today - datetime.timedelta(days=int(rng.triangular(0, days, 0))),
            description=rng.choice(DESCRIPTIONS),
            acute=not is_protective and rng.random() < 0.002,
            parents_discussed=rng.choice(ParentsDiscussed.values),
            observer=rng.choice(observers),
        )


def _lasting_rows(rng, new_families, lasting, observers, today, days):
    """A lasting circumstance, logged once, in about one family in twelve; a quarter ended."""
    rows = []
    for family in rng.sample(new_families, k=int(len(new_families) * LASTING_SHARE)):
        if not lasting:
            break
        public_id = uuid.uuid4()
        observed_on = today - datetime.timedelta(days=rng.randint(0, days))
        ended = rng.random() < 0.25
        rows.append(
            Observation(
                public_id=public_id,
                chain=public_id,
                family=family,
                category=rng.choice(lasting),
                severity=rng.choice((1, 2, 2, 3)),
                observed_on=observed_on,
                ended_on=observed_on + (today - observed_on) / 2 if ended else None,
                description=rng.choice(DESCRIPTIONS),
                parents_discussed=rng.choice(ParentsDiscussed.values),
                observer=rng.choice(observers),
            )
        )
    return rows


def _amendments(rng, originals, risks, today):
    """About 3% get corrected: severity, date or category, on top of the first version."""
    amendments = []
    for original in originals:
        change = rng.choice(("severity", "observed_on", "category"))
        amendment = Observation(
            chain=original.chain,
            amends=original,
            amend_reason="Correctie na overleg.",
            family=original.family,
            category=original.category,
            severity=original.severity,
            observed_on=original.observed_on,
            description=original.description,
            acute=original.acute,
            parents_discussed=original.parents_discussed,
            ended_on=original.ended_on,
            observer=original.observer,
        )
        if change == "severity":
            amendment.severity = rng.choice((1, 2, 3))
        elif change == "observed_on":
            # Not after today, nor after the end of a lasting circumstance (a constraint).
            amendment.observed_on = min(
                original.ended_on or today,
                original.observed_on + datetime.timedelta(days=rng.randint(-20, 20)),
            )
        elif original.category.kind in RISK_KINDS:
            amendment.category = rng.choice(risks)
        amendments.append(amendment)
    return amendments


def _agreements(rng, reviews, organisation, observers, today):
    """One or two agreements for half the reviews, about a third of them overdue."""
    owners = list(Membership.objects.filter(organisation=organisation, user__in=observers))
    if not owners:
        return
    Agreement.objects.bulk_create(
        [
            Agreement(
                review=review,
                family=review.family,
                what="Gesprek met de ouders over de afspraken van het zorgoverleg.",
                owner=rng.choice(owners),
                due_on=today + datetime.timedelta(days=rng.randint(-20, 40)),
            )
            for review in reviews
            if rng.random() < 0.5
            for _ in range(rng.choice((1, 2)))
        ],
        batch_size=BATCH,
    )
