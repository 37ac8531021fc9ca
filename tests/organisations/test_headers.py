"""Security headers and error pages. The matrix (tests/security/test_matrix.py) checks
CSP, nosniff, Referrer-Policy and no-store on every URL; here the production values."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.test import override_settings
from django.urls import path, reverse

from config.urls import urlpatterns as real_patterns

ROOT = Path(__file__).resolve().parents[2]


def _boom(request):
    raise RuntimeError("geheime-stacktrace-inhoud")


def _denied(request):
    raise PermissionDenied("geheime reden")


def _missing(request):
    raise Http404("geheim pad")


def _bad(request):
    raise SuspiciousOperation("geheime verdachte invoer")


urlpatterns = [
    path("test/500/", _boom),
    path("test/403/", _denied),
    path("test/404/", _missing),
    path("test/400/", _bad),
    *real_patterns,
]


def test_login_page_headers(client, db):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ):
        assert directive in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


UNUSED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "serial", "hid")


@pytest.mark.parametrize("url", ["login", "families:list", "unknown"])
def test_permissions_policy_switches_off_what_stap0_does_not_use(client_professional_a, url):
    """No page may use the camera, microphone, location, payments or devices: if a page
    were ever made to (injected content, a compromised dependency), the browser says no."""
    address = "/bestaat-niet/" if url == "unknown" else reverse(url)
    response = client_professional_a.get(address)
    policy = {
        item.strip().split("=")[0]: item.strip().split("=")[1]
        for item in response["Permissions-Policy"].split(",")
    }
    for feature in UNUSED_FEATURES:
        assert policy[feature] == "()", feature
    assert set(policy.values()) == {"()"}  # switched off entirely, not only for others


def test_pages_behind_login_are_not_stored(client_professional_a):
    response = client_professional_a.get(reverse("organisations:switch"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def _production_settings(code):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(
        DEBUG="0",
        SECRET_KEY="y" * 20 + "production-like-secret-key-with-enough-entropy-7c1e",
        ALLOWED_HOSTS="stap0.example.nl",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        f"print(repr(({code})))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter and a fixed script)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_cookies_hsts_and_mfa():
    values = _production_settings(
        "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SECURE, s.STAP0_REQUIRE_MFA, "
        "s.STAP0_SESSION_IDLE_SECONDS, s.STAP0_SESSION_ABSOLUTE_SECONDS, s.PASSWORD_HASHERS[0]"
    )
    assert values == (
        "(31536000, True, True, 'Lax', True, True, 1800, 28800, "
        "'django.contrib.auth.hashers.Argon2PasswordHasher')"
    )


@pytest.mark.parametrize(
    ("url", "status", "title", "secret"),
    [
        ("/test/500/", 500, "Er ging iets mis", "geheime-stacktrace-inhoud"),
        ("/test/403/", 403, "Geen toegang", "geheime reden"),
        ("/test/404/", 404, "Pagina niet gevonden", "geheim pad"),
        ("/test/400/", 400, "Dit verzoek kunnen we niet verwerken", "geheime verdachte invoer"),
    ],
)
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_error_pages_are_our_own_dutch_and_reveal_nothing(
    client_professional_a, url, status, title, secret
):
    client_professional_a.raise_request_exception = False
    response = client_professional_a.get(url)
    page = response.content.decode()
    assert response.status_code == status
    assert title in page and 'lang="nl"' in page
    assert secret not in page and "Traceback" not in page and "Django" not in page


def test_unknown_address_gives_our_404(client_professional_a):
    response = client_professional_a.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_csrf_failure_page_is_ours_and_dutch(professional_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(professional_a)
    response = client.post(reverse("organisations:switch"), {"membership": "x"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in page and "CSRF" not in page


def test_unknown_host_gets_our_400(client, db):
    response = client.get(reverse("login"), HTTP_HOST="evil.example")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dit verzoek kunnen we niet verwerken" in page and "evil.example" not in page
