"""Rotates the match key: recomputes every live signal's token under the new key, which
is read from the environment (STAP0_MATCH_KEY_NEW), never from the command line (it would
land in the shell's history) and never printed. Afterwards set STAP0_MATCH_KEY to it."""

import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from ...models import InvolvementSignal, MatchSlot
from ...tokens import child_token


class Command(BaseCommand):
    help = "Berekent alle match-tokens opnieuw onder de nieuwe sleutel (STAP0_MATCH_KEY_NEW)."

    def handle(self, *args, **options):
        key = os.environ.get("STAP0_MATCH_KEY_NEW", "")
        if len(key) < 32:
            raise CommandError("Zet de nieuwe sleutel (minstens 32 tekens) in STAP0_MATCH_KEY_NEW.")
        done = withdrawn = 0
        with transaction.atomic():
            signals = InvolvementSignal.objects.live().select_related("child").select_for_update()
            for signal in signals:
                try:
                    signal.token = child_token(signal.child, key=key)
                except ValidationError:
                    # The child's name was emptied since: the signal can no longer match.
                    signal.token = ""
                    withdrawn += 1
                signal.save(update_fields=["token"])
                done += 1
            MatchSlot.objects.all().delete()  # slots name old tokens; made again on demand
            for region_id, token in (
                InvolvementSignal.objects.live()
                .exclude(token="")
                .values_list("region_id", "token")
                .distinct()
            ):
                MatchSlot.objects.get_or_create(region_id=region_id, token=token)
        self.stdout.write(
            f"{done} tokens opnieuw berekend ({withdrawn} zonder naam). "
            "Zet nu STAP0_MATCH_KEY op de nieuwe sleutel en herstart de app."
        )
