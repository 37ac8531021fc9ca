"""Send the digest e-mails that are due; run by cron or a systemd timer (README).

First every `notifications.hooks.due_events` provider runs (reviews and checks due,
life-phase transitions ahead, quiet families, ...): idempotent, so the in-app list is
up to date whether the digest goes out or not. Then each digest that is due is claimed
in the database, handed to the mail server, and marked sent (notifications/digests.py).

Exit status: 0 when all went well; 1 when the mail server refused a digest.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation

from notifications import digests, hooks


class Command(BaseCommand):
    help = "Verstuurt de samenvattingen per e-mail die aan de beurt zijn (inhoudsloos)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-unsent",
            action="store_true",
            help=(
                "Verstuur ook samenvattingen die geclaimd maar niet als verzonden gemarkeerd "
                "zijn (na een storing; ze kunnen vlak voor de storing al zijn verstuurd)."
            ),
        )
        parser.add_argument(
            "--skip-due",
            action="store_true",
            help="Bereken de herinneringen (beoordeling aan de beurt, stille gezinnen…) niet.",
        )
        parser.add_argument(
            "--progress-every",
            type=int,
            default=100,
            help="Druk na zoveel bekeken samenvattingen een voortgangsregel af.",
        )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            return self._handle(options)

    def _handle(self, options):
        today = timezone.localdate()
        if not options["skip_due"]:
            created = {}
            for provider in hooks.due_events:
                created.update(provider(today=today))
            parts = ", ".join(f"{name} {n}" for name, n in created.items() if n)
            self.stdout.write(f"Nieuwe herinneringen: {parts or 'geen'}.")
        run = digests.DigestRun(
            today=today,
            retry_unsent=options["retry_unsent"],
            out=self._out,
            progress_every=max(1, options["progress_every"]),
        )
        result = run.run()
        self.stdout.write(digests.summary(result))
        if result.failed:
            raise CommandError(
                f"De mailserver weigerde {result.failed} samenvatting(en); zie hierboven. Ze "
                "staan als geclaimd maar niet verzonden: verstuur ze later met --retry-unsent."
            )

    def _out(self, line):
        self.stdout.write(line)
        self.stdout.flush()
