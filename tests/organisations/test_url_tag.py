"""`{% url %}` remembers a reversal (organisations/templatetags/stap0_builtins.py): every
link a page shows is still the one Django's reverse() gives, whatever the arguments."""

import uuid

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import NoReverseMatch, path, reverse

from organisations.templatetags import stap0_builtins


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def test_links_without_and_with_uuid_arguments_are_reverses():
    family, child = uuid.uuid4(), uuid.uuid4()
    for _ in range(2):  # the first reverses, the second fills in the remembered pattern
        assert render("{% url 'families:list' %}") == reverse("families:list")
        assert render("{% url 'families:detail' f %}", f=family) == reverse(
            "families:detail", args=[family]
        )
        assert render("{% url 'families:child_edit' f c %}", f=family, c=child) == reverse(
            "families:child_edit", args=[family, child]
        )
    other = uuid.uuid4()
    assert render("{% url 'families:detail' f %}", f=other) == reverse(
        "families:detail", args=[other]
    )


def test_other_arguments_and_as_var_are_djangos():
    family = uuid.uuid4()
    assert render("{% url 'families:detail' f %}", f=str(family)) == reverse(
        "families:detail", args=[family]
    )
    assert render("{% url 'families:detail' public_id=f %}", f=family) == reverse(
        "families:detail", kwargs={"public_id": family}
    )
    assert render("{% url 'signals:category' 'honger' %}") == reverse(
        "signals:category", args=["honger"]
    )
    assert render("{% url 'families:list' as x %}[{{ x }}]") == f"[{reverse('families:list')}]"


urlpatterns = [path("a&b/", lambda request: None, name="amp")]


def test_another_urlconf_is_not_answered_from_memory_and_is_escaped_as_djangos():
    render("{% url 'families:list' %}")
    with override_settings(ROOT_URLCONF=__name__):
        assert render("{% url 'amp' %}") == "/a&amp;b/"
        with pytest.raises(NoReverseMatch):  # as Django's: this URLconf has no such page
            render("{% url 'families:list' %}")
    assert render("{% url 'families:list' %}") == reverse("families:list")
    assert stap0_builtins._url_patterns  # remembered again after the override
