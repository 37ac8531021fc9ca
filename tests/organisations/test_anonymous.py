"""Every page but the login sends an anonymous visitor to the login page."""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {
    "login",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation_accept",
    "favicon",  # /favicon.ico: a redirect to the icon, for anyone
}


def _patterns(resolver, namespace=""):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _patterns(p, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{namespace}{p.name}", p


# Patterns written as a regular expression (Django's admin): their arguments by hand.
REGEX_KWARGS = {"admin:app_list": {"app_label": "collaboration"}}


def _url(name, pattern):
    kwargs = {k: uuid.uuid4() for k in pattern.pattern.converters}
    kwargs.update(REGEX_KWARGS.get(name, {}))
    return reverse(name, kwargs=kwargs)


ALL = sorted((name, _url(name, p)) for name, p in _patterns(get_resolver()))
PRIVATE = [a for a in ALL if a[0] not in PUBLIC]


@pytest.mark.django_db
# Named by the URL name: the random UUIDs in the URLs differ per pytest-xdist worker, which
# must all collect the same test ids.
@pytest.mark.parametrize(("name", "url"), PRIVATE, ids=[name for name, _ in PRIVATE])
def test_anonymous_is_sent_to_login(client, name, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_there_are_pages_to_check():
    assert len(ALL) > 10
