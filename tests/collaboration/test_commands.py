import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collaboration import services
from collaboration.models import InvolvementSignal, Match, RegionMember
from collaboration.tokens import child_token


def test_region_command_groups_organisations(org_a, org_b):
    out = StringIO()
    call_command(
        "region", "Gemeente Zuidstad", "--add", org_a.name, "--add", org_b.name, stdout=out
    )
    assert RegionMember.objects.filter(region__name="Gemeente Zuidstad").count() == 2
    assert "nog niet aangemeld" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("region", "Gemeente Zuidstad", "--add", "Bestaat niet")


def test_rotate_recomputes_tokens_and_keeps_matches(
    monkeypatch, settings, region, family_a, family_b, professional_a, professional_b
):
    today = datetime.date.today()
    for (_fam, child), user in ((family_a, professional_a), (family_b, professional_b)):
        services.signal_raise(child=child, raised_by=user, parents_informed_on=today)
    new_key = "rotated-" + "n" * 40
    with pytest.raises(CommandError):
        call_command("rotate_match_key", stdout=StringIO())
    monkeypatch.setenv("STAP0_MATCH_KEY_NEW", new_key)
    out = StringIO()
    call_command("rotate_match_key", stdout=out)
    assert new_key not in out.getvalue()  # never printed
    signal = InvolvementSignal.objects.get(child=family_a[1])
    assert signal.token == child_token(family_a[1], key=new_key)
    assert Match.objects.live().count() == 1
    # Under the new key a third signal still finds the child.
    settings.STAP0_MATCH_KEY = new_key
    services.signal_withdraw(child=family_b[1], withdrawn_by=professional_b)
    services.signal_raise(child=family_b[1], raised_by=professional_b, parents_informed_on=today)
    assert Match.objects.live().count() == 1
