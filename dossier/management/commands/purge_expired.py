from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dossier import retention


class Command(BaseCommand):
    help = (
        "Verwijdert gezinnen waarvan de bewaartermijn verstreken is (jaren na de laatste "
        "activiteit, per organisatie), met alles wat eronder valt. Elke verwijdering komt "
        "in de toegangslog, zonder inhoud."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Laat alleen zien wat er verwijderd zou worden."
        )
        parser.add_argument("--yes", action="store_true", help="Niet om bevestiging vragen.")

    def handle(self, *args, dry_run=False, yes=False, **options):
        families = list(retention.expired_families())
        if not families:
            self.stdout.write("Geen gezinnen met een verstreken bewaartermijn.")
            return
        # Only the public id, the organisation and the date: no names of families.
        for family in families:
            self.stdout.write(
                f"{family.public_id}  {family.organisation.name}  "
                f"laatste activiteit {timezone.localtime(family.last_activity_at):%Y-%m-%d}"
            )
        self.stdout.write(f"{len(families)} gezin(nen) met een verstreken bewaartermijn.")
        if dry_run:
            self.stdout.write("Proefdraaien (--dry-run): er is niets verwijderd.")
            return
        if not yes:
            try:
                answer = input("Typ 'verwijderen' om deze gezinnen definitief te verwijderen: ")
            except EOFError:
                answer = ""
            if answer.strip().lower() != "verwijderen":
                raise CommandError("Afgebroken: er is niets verwijderd.")
        for family in families:
            retention.purge_family(family)
        self.stdout.write(self.style.SUCCESS(f"{len(families)} gezin(nen) verwijderd."))
