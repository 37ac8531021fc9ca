"""How other apps put their entries on a family's page without rewriting it.

The family page asks each provider named in settings for timeline entries and
side panels. A provider is a function `(family, request) -> list`. A start page (the
family list, the dashboard) asks STAP0_START_PANELS' providers, `(request) -> [Panel]`.
"""

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
    place: str = "side"  # "header": under the family's name, first thing on a phone


def per_request(request, key, compute):
    """`compute()` once per request and `key`: the family page's providers read the same
    rows (the family's observations, which of them the user reads) more than once. Kept on
    the request, so never shared between users, requests or families (put the family in
    the key)."""
    memo = request.__dict__.setdefault("_stap0_per_request", {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


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


def family_badges_for(families, request):
    """{family pk: [(label, css class)]} from STAP0_FAMILY_BADGES' providers, for `families`
    whose file the user reads (the list shows "acuut" beside the name, as the page does)."""
    badges = {}
    if not families:
        return badges
    for path in getattr(settings, "STAP0_FAMILY_BADGES", []):
        for pk, found in import_string(path)(families, request).items():
            badges.setdefault(pk, []).extend(found)
    return badges


def start_panels_for(request):
    panels = []
    for path in getattr(settings, "STAP0_START_PANELS", []):
        panels.extend(import_string(path)(request))
    return sorted(panels, key=lambda p: p.order)
