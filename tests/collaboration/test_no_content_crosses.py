"""No content of one organisation in any response to another: every URL walked as
organisation B's members, after a match, before and after consent. With consent on both
sides (the wider scope) B learns A's agreements, counts per domain and the one entry A's
author chose to share ("delen met ketenpartners"): never A's family name, another
description or category, a confidential entry, nor an agreement of a confidential review."""

import pytest
from django.test import Client
from django.urls import reverse

from collaboration import services
from collaboration.models import Match
from families.models import Child
from signals.models import SignalCategory
from signals.services import observation_record
from tests.collaboration.conftest import BIRTH, _family
from tests.factories import observation_add
from tests.security.urlwalk import named_patterns, url_for
from tests.security.world import CONFIDENTIAL_AGREEMENT, CONFIDENTIAL_OBSERVATION, build_world

A_CONTENT = (
    "Zeldzaamnaam-A",
    "Kindnaam-A",
    "Observatietekst-A",
    "Notitie-A",
    "Onderbouwing-A",
    "Oma-A",
    "Partner-A",
    "Categorie-Geheim-A",
    CONFIDENTIAL_OBSERVATION,
    CONFIDENTIAL_AGREEMENT,
)
# What crosses only with consent on both sides: an agreement, an entry shared by its author.
WITH_CONSENT = ("Afspraak-A", "Gedeeld-A")


@pytest.fixture
def matched_world(region, org_a, org_b, professional_a, lead_a, professional_b, today):
    world = build_world(org_a, professional_a, lead_a)
    Child.objects.filter(pk=world.child.pk).update(last_name="Jansen", birth_date=BIRTH)
    world.child.refresh_from_db()
    secret = SignalCategory.objects.create(
        organisation=org_a,
        code="geheim-a",
        name="Categorie-Geheim-A",
        domain="family",
        kind="risk",
        weight=2,
    )
    observation_add(family=world.family, category=secret, severity=3, observer=professional_a)
    observation_record(
        family=world.family,
        child=world.child,
        category=SignalCategory.objects.filter(kind="risk", organisation__isnull=True).first(),
        severity=1,
        observed_on=today,
        observer=professional_a,
        description="Gedeeld-A",
        shared_with_partners=True,
    )
    # The consultatiebureau types the same child differently.
    family_b, child_b = _family(
        org_b, professional_b, "Gezin B", first_name="KINDNAAM A", last_name="jansen"
    )
    services.signal_raise(child=world.child, raised_by=lead_a, parents_informed_on=today)
    services.signal_raise(child=child_b, raised_by=professional_b, parents_informed_on=today)
    assert Match.objects.count() == 1
    return world, family_b, child_b


def _walk(client, urls, secrets=A_CONTENT):
    leaks = []
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code < 500, url
        # The favicon (and any static file) answers with a streamed file.
        raw = b"".join(response.streaming_content) if response.streaming else response.content
        body = raw.decode(errors="replace")
        leaks += [(url, s) for s in secrets if s in body]
    return leaks


def _urls(world, family_b, child_b):
    urls = []
    for name, _pattern, params in named_patterns():
        if name in ("logout", "login") or name.endswith("mfa_reset"):
            continue
        try:
            urls.append(url_for(name, params, world))
        except LookupError:
            continue
    urls += [
        family_b.get_absolute_url(),
        reverse("collaboration:child", args=[child_b.public_id]),
        reverse("collaboration:region"),
        reverse("notifications:list"),
    ]
    return urls


def _clients(professional_b, lead_b):
    clients = []
    for user in (professional_b, lead_b):
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_nothing_of_a_crosses_before_consent(matched_world, professional_b, lead_b):
    world, family_b, child_b = matched_world
    urls = _urls(world, family_b, child_b)
    page = None
    for client in _clients(professional_b, lead_b):
        assert _walk(client, urls, A_CONTENT + WITH_CONSENT) == []
        page = client.get(reverse("collaboration:child", args=[child_b.public_id])).content.decode()
    assert "Basisschool A" in page  # that A is involved, and whom to call: that crosses


def test_with_consent_on_both_sides_only_counts_agreements_and_shared_entries_cross(
    matched_world, professional_b, lead_b, lead_a, today
):
    world, family_b, child_b = matched_world
    match = Match.objects.get()
    services.consent_record(
        child=world.child,
        match=str(match.public_id),
        recorded_by=lead_a,
        given_on=today,
        scope="domains",
    )
    services.consent_record(
        child=child_b,
        match=str(match.public_id),
        recorded_by=professional_b,
        given_on=today,
        scope="domains",
    )
    urls = _urls(world, family_b, child_b)
    for client in _clients(professional_b, lead_b):
        assert _walk(client, urls) == []
    page = _clients(professional_b, lead_b)[0].get(family_b.get_absolute_url()).content.decode()
    assert "Stapeling over organisaties heen" in page
    assert all(shared in page for shared in WITH_CONSENT)
