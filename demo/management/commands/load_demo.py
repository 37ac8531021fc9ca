from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from demo import collaboration, families, learning, observations, people, reviews, teams
from signals.followup.due import notify_due


class Command(BaseCommand):
    help = "Laadt demogegevens (idempotent): organisaties, mensen, gezinnen en signalen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Druk de inloggegevens niet af."
        )

    @transaction.atomic
    def handle(self, *args, **options):
        world = people.load_people()
        families.populate(world)
        teams.populate(world)
        observations.populate(world)
        reviews.populate(world)
        collaboration.populate(world)
        learning.populate(world)
        # The reminders a daily send_digests run would make (reviews due, quiet families…).
        notify_due(today=timezone.localdate())
        if not options["quiet_logins"]:
            self.print_logins()

    def print_logins(self):
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("stap0 demo — inloggen op http://127.0.0.1:8000"))
        for username, password, name, where in people.logins():
            self.stdout.write(f"  {username:<15} {password:<17} {name:<20} {where}")
        self.stdout.write("")
