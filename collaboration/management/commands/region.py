"""The installation's administrator groups organisations into a region:

    manage.py region "Gemeente Zuidstad" --add "Basisschool De Regenboog" --add "CB Zuid"

The organisations still take part only once their lead opts in (Samenwerken)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from organisations.models import Organisation

from ...models import Region, RegionMember
from ...services import region_add, region_create


class Command(BaseCommand):
    help = "Maakt een regio (samenwerkingsverband) aan en deelt organisaties erin in."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--add", action="append", default=[], metavar="ORGANISATIE")

    def handle(self, *args, name, add, **options):
        try:
            region = Region.objects.filter(name=name).first() or region_create(name=name)
            for org_name in add:
                organisation = Organisation.objects.filter(name=org_name).first()
                if organisation is None:
                    raise CommandError(f"Onbekende organisatie: {org_name}")
                region_add(region=region, organisation=organisation)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        for member in RegionMember.objects.filter(region=region).select_related("organisation"):
            state = "doet mee" if member.takes_part else "nog niet aangemeld"
            self.stdout.write(f"{region.name}: {member.organisation.name} ({state})")
