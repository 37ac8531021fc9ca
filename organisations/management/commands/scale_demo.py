"""Scales the demo school up to many families, for the load test (loadtest/run.py).

Idempotent: it adds only the families that are missing to reach --families, and the
colleagues (collega01, collega02, ...) that the load test logs in as, with the demo password.
The histories come from `signals.synthetic.generate` when it is there; otherwise from a
small bulk generator below, so that the load test runs either way.
"""

import datetime
import random
import uuid

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from families.models import Child, Family
from organisations import demo
from organisations.models import Membership, Organisation, Role


def load_users(organisation, count):
    """The load test's colleagues: professionals of the organisation, demo password."""
    User = get_user_model()
    users = []
    for n in range(1, count + 1):
        username = f"collega{n:02d}"
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": "Collega", "last_name": f"{n:02d}"},
        )
        if created or not user.check_password(demo.DEMO_PASSWORD):
            user.set_password(demo.DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user,
            organisation=organisation,
            defaults={"role": Role.PROFESSIONAL, "is_active": True, "job_title": "Leerkracht"},
        )
        users.append(user)
    return users


def bulk_generate(*, organisation, families, observations, observers, days=730, seed=0):
    """Families with children and a history of observations, written in bulk (fallback)."""
    from signals.models import Observation, SignalCategory

    rng = random.Random(seed)
    today = timezone.localdate()
    categories = list(SignalCategory.objects.available_to(organisation))
    risks = [c for c in categories if c.kind != "protective"]
    protective = [c for c in categories if c.kind == "protective"]
    offset = Family.objects.filter(organisation=organisation).count()
    new_families = Family.objects.bulk_create(
        [
            Family(
                organisation=organisation,
                name=f"Gezin S{offset + i + 1:05d}",
                public_id=uuid.uuid4(),
            )
            for i in range(families)
        ],
        batch_size=500,
    )  # SQLite and PostgreSQL both return the new primary keys
    children = []
    for family in new_families:
        for _ in range(rng.choice((1, 1, 2, 2, 3))):
            age_days = rng.randint(365, 16 * 365)
            children.append(
                Child(
                    family=family,
                    first_name=rng.choice(CHILD_NAMES),
                    birth_date=today - datetime.timedelta(days=age_days),
                )
            )
    Child.objects.bulk_create(children, batch_size=1000)
    rows = []
    for _ in range(observations):
        family = rng.choice(new_families)
        category = rng.choice(protective) if rng.random() < 0.15 else rng.choice(risks)
        public_id = uuid.uuid4()
        rows.append(
            Observation(
                public_id=public_id,
                chain=public_id,
                family=family,
                category=category,
                severity=rng.choice((1, 1, 2, 2, 3)),
                observed_on=today - datetime.timedelta(days=int(rng.triangular(0, days, 0))),
                description=rng.choice(DESCRIPTIONS),
                acute=category.kind != "protective" and rng.random() < 0.003,
                observer=rng.choice(observers),
            )
        )
    Observation.objects.bulk_create(rows, batch_size=1000)
    return new_families


CHILD_NAMES = ["Noor", "Sem", "Emma", "Daan", "Yara", "Liam", "Mila", "Adam", "Sara", "Finn"]
DESCRIPTIONS = [
    "Komt regelmatig zonder ontbijt op school en is moe in de ochtend.",
    "Vertelt dat het thuis onrustig is; vader en moeder hebben veel ruzie.",
    "Schrikt bij onverwachte bewegingen en trekt zich terug in de klas.",
    "Moeder geeft aan dat ze het financieel zwaar heeft sinds de scheiding.",
    "Oma haalt het kind elke woensdag op en is een vast aanspreekpunt.",
    "Heeft deze maand vaak gemist zonder afmelding.",
]


class Command(BaseCommand):
    help = "Schaalt de demo op tot veel gezinnen (voor de belastingtest). Eerst: load_demo."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, default=2000)
        parser.add_argument("--observations-per-family", type=int, default=10)
        parser.add_argument("--colleagues", type=int, default=30)
        parser.add_argument("--seed", type=int, default=0)

    @transaction.atomic
    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(name=demo.SCHOOL).first()
        if organisation is None:
            raise CommandError("De demo ontbreekt: draai eerst `manage.py load_demo`.")
        observers = load_users(organisation, options["colleagues"])
        existing = Family.objects.filter(organisation=organisation).count()
        missing = max(0, options["families"] - existing)
        if missing:
            observations = missing * options["observations_per_family"]
            try:
                from signals.synthetic import generate
            except ImportError:
                generate = bulk_generate
            generate(
                organisation=organisation,
                families=missing,
                observations=observations,
                observers=observers,
                days=730,
                seed=options["seed"] + existing,
            )
        total = Family.objects.filter(organisation=organisation).count()
        self.stdout.write(
            f"{organisation}: {total} gezinnen ({missing} toegevoegd), "
            f"{len(observers)} collega's (collega01..collega{len(observers):02d})"
        )
