"""How other apps put their entries on a family's page without rewriting it.

The family page asks each provider named in settings for timeline entries and
side panels. A provider is a function `(family, request) -> list`; providers that
need the same rows share them through `read_once` (the page calls them within
`reads_shared`).
"""

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass
class TimelineEntry:
    at: datetime  # when it was logged: the timeline's order
    template: str  # renders one <li> of the timeline
    context: dict = field(default_factory=dict)
    css_class: str = ""


@dataclass
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@contextmanager
def reads_shared(request):
    """While open, `read_once` calls with the same key share one `load()`: the family page
    opens it around its providers, which read a family's observations for its timeline,
    its forms and its figures alike."""
    request._stap0_read_once = {}
    try:
        yield
    finally:
        del request._stap0_read_once


def read_once(request, key, load):
    """`load()`, once per `key` while `reads_shared(request)` is open; otherwise each time."""
    cache = getattr(request, "_stap0_read_once", None)
    if cache is None:
        return load()
    if key not in cache:
        cache[key] = load()
    return cache[key]


def timeline_for(family, request):
    entries = []
    for path in getattr(settings, "STAP0_TIMELINE_PROVIDERS", []):
        entries.extend(import_string(path)(family, request))
    return sorted(entries, key=lambda e: e.at, reverse=True)


def panels_for(family, request):
    panels = []
    for path in getattr(settings, "STAP0_FAMILY_PANELS", []):
        panels.extend(import_string(path)(family, request))
    return sorted(panels, key=lambda p: p.order)
