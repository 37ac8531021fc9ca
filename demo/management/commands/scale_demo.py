"""Scales the demo school up to many families, for the load test (loadtest/run.py).

Idempotent: it adds only the families that are missing to reach --families, and the
colleagues (collega01, collega02, ...) that the load test logs in as, with the demo password.
The histories come from `signals.synthetic.generate` (bulk inserts: 2,000 families in seconds);
the demo lead comes first among the observers, so the generated reviews are the lead's.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo import people
from demo.families import FAMILY_NAMES
from families.models import Family, TeamMember, TeamReason
from organisations.models import Membership, Organisation, Role
from signals.models import Observation
from signals.synthetic import generate


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
        if created or not user.check_password(people.DEMO_PASSWORD):
            user.set_password(people.DEMO_PASSWORD)
            user.save()
        Membership.objects.update_or_create(
            user=user,
            organisation=organisation,
            defaults={"role": Role.PROFESSIONAL, "is_active": True, "job_title": "Leerkracht"},
        )
        users.append(user)
    return users


def join_teams(organisation):
    """Need-to-know: whoever logged about a generated family is in its team (as the app puts
    them there when they log from within the file), so the load test's colleagues read the
    files they logged about and find the others by name only. The demo's own families keep
    the teams of demo/teams.py."""
    logged = set(
        Observation.objects.filter(family__organisation=organisation)
        .exclude(family__name__in=FAMILY_NAMES.get(organisation.name, ()))
        .values_list("family_id", "observer_id")
        .distinct()
    )
    present = set(
        TeamMember.objects.current()
        .filter(family__organisation=organisation)
        .values_list("family_id", "user_id")
    )
    TeamMember.objects.bulk_create(
        [
            TeamMember(family_id=family_id, user_id=user_id, reason=TeamReason.LOGGED)
            for family_id, user_id in sorted(logged - present)
        ],
        batch_size=1000,
    )


class Command(BaseCommand):
    help = "Schaalt de demo op tot veel gezinnen (voor de belastingtest). Eerst: load_demo."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, default=2000)
        parser.add_argument("--observations-per-family", type=int, default=10)
        parser.add_argument("--colleagues", type=int, default=30)
        parser.add_argument("--seed", type=int, default=0)

    @transaction.atomic
    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(name=people.SCHOOL).first()
        if organisation is None:
            raise CommandError("De demo ontbreekt: draai eerst `manage.py load_demo`.")
        observers = load_users(organisation, options["colleagues"])
        existing = Family.objects.filter(organisation=organisation).count()
        missing = max(0, options["families"] - existing)
        if missing:
            lead = Membership.objects.leads().filter(organisation=organisation).first()
            generate(
                organisation=organisation,
                families=missing,
                observations=missing * options["observations_per_family"],
                observers=([lead.user] if lead else []) + observers,
                days=730,
                seed=options["seed"] + existing,
            )
        join_teams(organisation)
        total = Family.objects.filter(organisation=organisation).count()
        self.stdout.write(
            f"{organisation}: {total} gezinnen ({missing} toegevoegd), "
            f"{len(observers)} collega's (collega01..collega{len(observers):02d})"
        )
