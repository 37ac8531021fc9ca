"""'Voor mij': requests to look, with a count in the navigation; answering clears them."""

import pytest
from django.urls import reverse

from signals import services
from signals.models import ColleagueNote, LookRequest
from tests.factories import FamilyFactory

FOR_ME = reverse("signals:for_me")


@pytest.fixture
def family_a(org_a):
    return FamilyFactory(organisation=org_a, name="Gezin Kijkmee")


@pytest.fixture
def look(family_a, professional_a, colleague_a):
    return services.look_request_create(
        family=family_a,
        requested_by=professional_a,
        requested_from=colleague_a,
        message="Zie ik het <i>verkeerd</i>?",
    )


def answer_url(look):
    return reverse("signals:look_request_answer", args=[look.public_id])


def answer(look, kind="recognition", text="Ik herken dit."):
    prefix = str(look.public_id)
    return {f"{prefix}-kind": kind, f"{prefix}-text": text}


def test_request_appears_in_voor_mij_with_a_count_and_clears_on_answer(
    client_colleague_a, colleague_a, look, family_a
):
    response = client_colleague_a.get(FOR_ME)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Gezin Kijkmee" in page and "&lt;i&gt;verkeerd&lt;/i&gt;" in page
    assert response.context["for_me_count"] == 1
    assert "1 open verzoek" in page

    response = client_colleague_a.post(answer_url(look), answer(look))
    assert response.status_code == 302
    look.refresh_from_db()
    assert look.answered_at is not None
    note = ColleagueNote.objects.get()
    assert look.answer == note
    assert (note.kind, note.author, note.family) == ("recognition", colleague_a, family_a)

    response = client_colleague_a.get(FOR_ME)
    assert response.context["for_me_count"] == 0
    assert "Recent beantwoord" in response.content.decode()
    # ... and the answer shows on the family page.
    assert "Ik herken dit." in client_colleague_a.get(family_a.get_absolute_url()).content.decode()


def test_asker_does_not_see_it_as_theirs(client_professional_a, look):
    response = client_professional_a.get(FOR_ME)
    assert response.context["for_me_count"] == 0
    assert client_professional_a.post(answer_url(look), answer(look)).status_code == 404
    assert not ColleagueNote.objects.exists()


def test_answering_twice_makes_one_note(client_colleague_a, look):
    client_colleague_a.post(answer_url(look), answer(look))
    client_colleague_a.post(answer_url(look), answer(look, text="nog eens"))
    assert ColleagueNote.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("recognition", "   ", "verplicht"),
        ("gossip", "x", "Kies wat voor antwoord"),
        ("advice", "a\x00", "Tekst bevat ongeldige tekens"),
    ],
)
def test_bad_answer_saves_nothing(client_colleague_a, look, kind, text, message):
    response = client_colleague_a.post(answer_url(look), answer(look, kind, text))
    assert response.status_code == 200
    assert message in response.content.decode()
    look.refresh_from_db()
    assert look.answered_at is None and not ColleagueNote.objects.exists()


def test_stranger_gets_404(client_professional_b, look):
    assert client_professional_b.post(answer_url(look), answer(look)).status_code == 404
    assert client_professional_b.get(FOR_ME).status_code == 200  # their own, empty list
    assert "Gezin Kijkmee" not in client_professional_b.get(FOR_ME).content.decode()


def test_anonymous_and_beheerder(client, client_admin_a, look):
    assert reverse("login") in client.get(FOR_ME)["Location"]
    assert client_admin_a.get(FOR_ME).status_code == 403
    assert client_admin_a.post(answer_url(look), answer(look)).status_code == 403


def test_wrong_methods(client_colleague_a, look):
    assert client_colleague_a.post(FOR_ME).status_code == 405
    assert client_colleague_a.get(answer_url(look)).status_code == 405
    assert LookRequest.objects.get().answered_at is None


def test_the_menu_badge_says_what_it_counts_to_screen_readers(client_colleague_a, look):
    """No aria-label on a plain span (the W3C validator's error on every page): the count is
    shown, and its meaning is text that only screen readers read."""
    import re

    page = client_colleague_a.get(reverse("families:list")).content.decode()
    badge = re.search(r'data-testid="for-me-count">(.*?)</span></span>', page).group(1)
    assert badge == (
        '<span aria-hidden="true">1</span><span class="visually-hidden">1 open verzoek'
    )
    assert not re.search(r"<span[^>]*\saria-label=", page)
