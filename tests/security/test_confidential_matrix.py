"""The confidential entry's own pages for every persona of the matrix: only its author and
the leads read it (need-to-know); the rest of its team and whoever opened the file with
"nu openen" get 404, like a stranger."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.world import CONFIDENTIAL_OBSERVATION, build_world

OK, F, N = 200, 403, 404
# persona -> expected status of GET history / amend of the confidential observation
EXPECTED = {
    "professional_a": N,  # in the team, not the author
    "outsider_a": N,
    "glass_a": N,
    "author_a": OK,
    "lead_a": OK,
    "admin_a": F,
    "professional_b": N,
    "lead_b": N,
}


@pytest.mark.parametrize("name", ["signals:observation_history", "signals:observation_amend"])
def test_confidential_observation_pages(
    name, org_a, professional_a, lead_a, admin_a, professional_b, lead_b
):
    world = build_world(org_a, professional_a, lead_a)
    users = {
        "professional_a": professional_a,
        "outsider_a": world.outsider,
        "glass_a": world.glass,
        "author_a": world.author,
        "lead_a": lead_a,
        "admin_a": admin_a,
        "professional_b": professional_b,
        "lead_b": lead_b,
    }
    url = reverse(name, args=[world.confidential_observation.public_id])
    for persona, expected in EXPECTED.items():
        http = Client()
        http.force_login(users[persona])
        response = http.get(url)
        assert response.status_code == expected, (persona, response.status_code)
        shown = CONFIDENTIAL_OBSERVATION in response.content.decode()
        assert shown == (expected == OK), persona
