import pytest
from django.urls import reverse

from organisations.models import AccessLogEntry
from tests.factories import PASSWORD


@pytest.mark.django_db
def test_login_page_is_dutch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Inloggen bij stap0" in response.content.decode()


def test_wrong_password_shows_dutch_error_and_logs_failure(client, professional_a):
    response = client.post(reverse("login"), {"username": "alice", "password": "wrong-password"})
    assert response.status_code == 200
    assert "kennen we niet" in response.content.decode()
    assert "_auth_user_id" not in client.session
    entry = AccessLogEntry.objects.get(action="failed_login")
    assert entry.username == "alice" and entry.outcome == "failed" and entry.user is None


def test_unknown_user_gets_the_same_message(client, professional_a):
    response = client.post(reverse("login"), {"username": "nobody", "password": "x"})
    assert "kennen we niet" in response.content.decode()


def test_login_lands_with_organisation_and_role_in_navigation(client, professional_a):
    response = client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, follow=True
    )
    page = response.content.decode()
    assert "Basisschool A" in page
    assert "professional" in page
    assert AccessLogEntry.objects.filter(action="login", user=professional_a).count() == 1


def test_logout_needs_post_and_ends_session(client_professional_a):
    assert client_professional_a.get(reverse("logout")).status_code == 405
    response = client_professional_a.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client_professional_a.session


def test_language_switch_to_english_and_back(client, professional_a):
    client.force_login(professional_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("organisations:switch")).content.decode()
    assert "Which organisation are you working in now?" in page
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    page = client.get(reverse("organisations:switch")).content.decode()
    assert "In welke organisatie werk je nu?" in page
