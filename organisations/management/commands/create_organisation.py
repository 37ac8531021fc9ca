"""A new organisation on this installation, with its first aandachtsfunctionaris and
beheerder invited by e-mail: they choose their own passwords.

    python manage.py create_organisation "Basisschool De Regenboog" \\
        --lead m.devries@regenboog.example --beheerder h.visser@regenboog.example
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from organisations import invitations, services
from organisations.models import Organisation, Role


class Command(BaseCommand):
    help = (
        "Maakt een organisatie aan en nodigt de eerste aandachtsfunctionaris en beheerder "
        "per e-mail uit."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="naam van de organisatie")
        parser.add_argument(
            "--lead", required=True, help="e-mailadres van de eerste aandachtsfunctionaris"
        )
        parser.add_argument(
            "--beheerder",
            "--admin",
            dest="admin",
            required=True,
            help="e-mailadres van de eerste beheerder",
        )

    def handle(self, *args, name, lead, admin, **options):
        name = name.strip()
        if not name:
            raise CommandError("Geef de organisatie een naam.")
        if lead.strip().lower() == admin.strip().lower():
            raise CommandError(
                "Gebruik twee verschillende e-mailadressen: iemand heeft één rol per organisatie."
            )
        if Organisation.objects.filter(name__iexact=name).exists():
            raise CommandError(f"Er is al een organisatie met de naam {name!r}.")
        try:
            with transaction.atomic():
                organisation = services.organisation_create(name=name)
                for email, role in ((lead, Role.LEAD), (admin, Role.ADMIN)):
                    invitations.invitation_create(
                        organisation=organisation, email=email, role=role, invited_by=None
                    )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Organisatie {organisation.name!r} is aangemaakt."))
        self.stdout.write(
            f"Uitnodigingen verstuurd naar {lead.strip().lower()} (aandachtsfunctionaris) en "
            f"{admin.strip().lower()} (beheerder); de links zijn "
            f"{invitations.VALID_HOURS} uur geldig."
        )
