from django.core.management.commands import flush

from signals.observations.immutability import purge_allowed


class Command(flush.Command):
    """Django's flush, through the purge's door.

    On SQLite flush empties a table with DELETE, which the observations' trigger refuses
    outside `purge_allowed`; PostgreSQL's TRUNCATE passes row triggers anyway. Tests that
    commit (the browser journeys) end with a flush.
    """

    def handle(self, **options):
        if options["interactive"]:
            # Ask before the door opens: no transaction waits for the answer.
            confirm = input(
                f"Alle gegevens in database '{options['database']}' worden onherroepelijk"
                " verwijderd. Typ 'yes' om door te gaan, of 'no' om te stoppen: "
            )
            if confirm != "yes":
                self.stdout.write("Flush cancelled.")
                return
        with purge_allowed(using=options["database"]):
            super().handle(**{**options, "interactive": False})
