"""STAP0_MATCH_KEY lives in the environment only: after signals, a match, consent and a
handover, neither the database (every table, as dumpdata writes it) nor the log holds it."""

import io
import logging

from django.core.management import call_command

from collaboration import services
from collaboration.models import Match
from tests.collaboration.conftest import KEY


def test_the_key_is_in_no_table_and_no_log_line(
    region, family_a, family_b, professional_a, professional_b, org_b, today, caplog
):
    caplog.set_level(logging.DEBUG)
    for (_family, child), user in ((family_a, professional_a), (family_b, professional_b)):
        services.signal_raise(child=child, raised_by=user, parents_informed_on=today)
    match = Match.objects.get()
    services.consent_record(
        child=family_a[1],
        match=str(match.public_id),
        recorded_by=professional_a,
        given_on=today,
        scope="domains",
    )
    services.handover_create(
        child=family_a[1],
        created_by=professional_a,
        to_organisation=org_b,
        consent_on=today,
        going_well="Gaat goed.",
    )
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert "Gaat goed." in dump.getvalue()  # the dump holds what was written
    assert KEY not in dump.getvalue()
    assert all(KEY not in record.getMessage() for record in caplog.records)
