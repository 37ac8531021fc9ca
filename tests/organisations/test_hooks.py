"""The ground floor's hooks: the floors above fill them, organisations names none of them."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from organisations import hooks
from organisations.scoping import SCOPES, scoped


def test_a_hook_keeps_each_provider_once_in_order():
    hook = hooks.Hook("example")
    first, second = (lambda request: {}), (lambda request: {})
    assert hook.register(first) is first
    hook.register(second)
    hook.register(first)  # AppConfig.ready() may run twice in tests
    assert list(hook) == [first, second]


def test_the_floors_above_filled_the_hooks():
    from families.scoping import family_names
    from signals.notes.selectors import for_me_badge

    assert family_names in list(hooks.family_names)
    assert for_me_badge in list(hooks.menu_badges)
    for label in ("families.family", "families.child", "stap0signals.observation"):
        assert label in SCOPES


def test_a_model_without_a_scope_is_refused_by_name(lead_a):
    request = RequestFactory().get("/")
    request.membership = lead_a.memberships.get()
    with pytest.raises(ImproperlyConfigured, match="register_scope"):
        scoped(request, get_user_model().objects.all())


@pytest.mark.django_db
def test_menu_badges_counted_in_one_query_equal_their_own_counts(lead_a):
    """The badges' querysets are counted together (issue 21); each count is the one it
    would have on its own, an empty one 0."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from organisations.models import Membership
    from organisations.queries import count_together

    users = get_user_model().objects
    querysets = {
        "users": users.all(),
        "lead": users.filter(pk=lead_a.pk),
        "nobody": users.filter(pk=-1),
        "memberships": Membership.objects.filter(user=lead_a),
    }
    expected = {name: qs.count() for name, qs in querysets.items()}
    with CaptureQueriesContext(connection) as queries:
        counted = count_together(querysets)
    assert counted == expected
    assert counted["lead"] == 1 and counted["nobody"] == 0
    assert len(queries) == 1
    assert count_together({}) == {}
