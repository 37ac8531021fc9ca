"""purge_expired: families past their organisation's retention period go, with
everything under them; each deletion is logged without content."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from families.models import ChainPartner, Child, Family, NetworkMember
from organisations.models import AccessLogEntry
from signals.models import ColleagueNote, LookRequest, Observation, Review
from tests.factories import FamilyFactory
from tests.security.world import FAMILY_NAME, build_world


def _age(family, *, years, days=0):
    moment = timezone.now() - datetime.timedelta(days=365 * years + days)
    Family.objects.filter(pk=family.pk).update(last_activity_at=moment)


@pytest.fixture
def expired(org_a, professional_a, lead_a):
    world = build_world(org_a, professional_a, lead_a)
    _age(world.family, years=5, days=5)
    return world


def _run(*args):
    out = StringIO()
    call_command("purge_expired", *args, stdout=out)
    return out.getvalue()


def test_dry_run_lists_without_names_and_deletes_nothing(expired, org_a):
    recent = FamilyFactory(organisation=org_a, name="Gezin Recent")
    output = _run("--dry-run")
    assert str(expired.family.public_id) in output
    assert str(recent.public_id) not in output
    assert FAMILY_NAME not in output
    assert "niets verwijderd" in output
    assert Family.objects.count() == 2
    assert not AccessLogEntry.objects.filter(action="delete").exists()


def test_yes_deletes_the_family_with_everything_under_it(expired, org_a):
    keep = FamilyFactory(organisation=org_a, name="Gezin Recent")
    _run("--yes")
    assert list(Family.objects.all()) == [keep]
    for model in (Child, NetworkMember, ChainPartner, Observation, ColleagueNote, Review):
        assert not model.objects.exists(), model
    assert not LookRequest.objects.exists()
    entry = AccessLogEntry.objects.get(action="delete")
    assert entry.family_public_id == expired.family.public_id
    assert entry.organisation == org_a and entry.user is None
    assert entry.username == "purge_expired"
    flat = " ".join(str(v) for v in entry.__dict__.values())
    assert FAMILY_NAME not in flat and "Observatietekst" not in flat


def test_asks_for_confirmation(expired, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "nee")
    with pytest.raises(CommandError, match="niets verwijderd"):
        _run()
    assert Family.objects.filter(pk=expired.family.pk).exists()
    monkeypatch.setattr("builtins.input", lambda prompt: "verwijderen")
    _run()
    assert not Family.objects.filter(pk=expired.family.pk).exists()


def test_retention_is_per_organisation(expired, org_b):
    org_b.retention_years = 10
    org_b.save()
    other = FamilyFactory(organisation=org_b)
    _age(other, years=6)
    output = _run("--dry-run")
    assert str(expired.family.public_id) in output
    assert str(other.public_id) not in output


def test_nothing_expired(db):
    assert "Geen gezinnen" in _run("--yes")


def test_the_log_outlives_the_family(expired, client_lead_a):
    _run("--yes")
    page = client_lead_a.get(reverse("organisations:access_log")).content.decode()
    assert "verwijderd" in page
