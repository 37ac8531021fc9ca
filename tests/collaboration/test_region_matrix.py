"""The authorization matrix across the organisations of one region: organisation B's
professional and lead, in A's region, against every URL that names A's objects, at each
step: both in the region, after a match, after consent on both sides (the wider scope).
Being in a region, a match and consent open no page of A to B: every cell is what the matrix
expects for B outside any region (tests/security/test_matrix.py), nothing of A is in a
response, and a refused request saves nothing."""

import copy

import pytest
from django.db import transaction
from django.test import Client

from collaboration import services
from collaboration.models import Consent, InvolvementSignal, Match
from families.models import Child
from tests.collaboration.conftest import BIRTH, _family
from tests.security.test_matrix import (
    A_SECRETS,
    CONFIDENTIAL,
    EXPECTATIONS,
    FILE_SECRETS,
    PERSONAS,
    _count_statement,
    _counts,
    _matches,
)
from tests.security.urlwalk import named_patterns, url_for
from tests.security.world import build_world

STAGES = ("region", "matched", "consented")
B_PERSONAS = ("professional_b", "lead_b")
SECRETS = A_SECRETS + FILE_SECRETS + CONFIDENTIAL


def _stage(stage, world, org_b, professional_a, professional_b, lead_a, today):
    """A and B in the region (the `region` fixture); then a match; then consent."""
    if stage == "region":
        return
    Child.objects.filter(pk=world.child.pk).update(last_name="Jansen", birth_date=BIRTH)
    world.child.refresh_from_db()
    _family_b, child_b = _family(org_b, professional_b, "Gezin B", first_name="Kindnaam A")
    services.signal_raise(child=world.child, raised_by=lead_a, parents_informed_on=today)
    services.signal_raise(child=child_b, raised_by=professional_b, parents_informed_on=today)
    match = Match.objects.get()
    if stage == "consented":
        for child, user in ((world.child, lead_a), (child_b, professional_b)):
            services.consent_record(
                child=child,
                match=str(match.public_id),
                recorded_by=user,
                given_on=today,
                scope="domains",
            )


@pytest.mark.parametrize("stage", STAGES)
def test_region_match_and_consent_open_nothing_of_a_to_b(
    stage, region, org_a, org_b, professional_a, lead_a, professional_b, lead_b, today
):
    world = build_world(org_a, professional_a, lead_a)
    _stage(stage, world, org_b, professional_a, professional_b, lead_a, today)
    assert InvolvementSignal.objects.count() == (0 if stage == "region" else 2)
    assert Consent.objects.count() == (2 if stage == "consented" else 0)
    users = dict(zip(B_PERSONAS, (professional_b, lead_b), strict=True))
    logged_in = {persona: _logged_in(user) for persona, user in users.items()}
    failures = []
    counting = _count_statement()
    for name, _route, params in named_patterns():
        url = url_for(name, params, world)
        for method in ("GET", "POST"):
            for persona, (http, cookies) in logged_in.items():
                # Each cell as a fresh login: the session row is the login's (every cell
                # rolls back, a logout's flush too) and the cookies are the login's again,
                # so that a logout or a message in one cell reaches no other.
                http.cookies = copy.deepcopy(cookies)
                expected = EXPECTATIONS[name][method][PERSONAS.index(persona)]
                failures += _cell(http, method, url, expected, f"{persona} {name}", counting)
    assert not failures, f"{stage}:\n  " + "\n  ".join(failures)


def _logged_in(user):
    """A client logged in once, with its cookies as the login left them (logging in anew
    for each of the 1,400 cells was a quarter of this test's time; issue 17)."""
    http = Client()
    http.force_login(user)
    return http, copy.deepcopy(http.cookies)


def _cell(http, method, url, expected, where, counting):
    with transaction.atomic():
        before = _counts(counting) if method == "POST" else None
        response = http.get(url) if method == "GET" else http.post(url, {})
        after = _counts(counting) if method == "POST" else None
        transaction.set_rollback(True)
    problems = []
    if response.status_code >= 500 or not _matches(expected, response, anonymous=False):
        problems.append(f"{method} {where}: expected {expected}, got {response.status_code}")
    if expected != "ok" and before != after:
        problems.append(f"{method} {where}: a refused request saved something")
    body = response.content.decode(errors="replace") if not response.streaming else ""
    leaked = [s for s in SECRETS if s in body]
    if leaked:
        problems.append(f"{method} {where}: leaks {leaked}")
    return problems
