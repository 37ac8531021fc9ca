"""families.extensions.per_request: a family page's providers share what they read, within
one request only (what one user may read is never handed to another request)."""

from django.test import RequestFactory

from families.extensions import per_request


def test_computed_once_per_request_and_key_never_across_requests():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    first, second = RequestFactory().get("/"), RequestFactory().get("/")
    assert per_request(first, ("rows", 1), compute) == 1
    assert per_request(first, ("rows", 1), compute) == 1  # the same request: read once
    assert per_request(first, ("rows", 2), compute) == 2  # another family: its own read
    assert per_request(second, ("rows", 1), compute) == 3  # another request reads again
    assert len(calls) == 3
