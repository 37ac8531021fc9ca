"""Hooks: where this floor shows something that belongs to a floor above it.

organisations imports no app above it (import-linter checks that). An app above
fills a hook in its AppConfig.ready(), for example
`hooks.menu_badges.register(for_me_badge)`; this floor calls whatever was
registered, and works when nothing was.
"""


class Hook:
    """A list of providers, filled by the apps above at start-up."""

    def __init__(self, name):
        self.name = name
        self._providers = []

    def register(self, provider):
        if provider not in self._providers:  # ready() may run again in tests
            self._providers.append(provider)
        return provider

    def __iter__(self):
        return iter(tuple(self._providers))

    def __repr__(self):
        return f"<Hook {self.name}: {len(self._providers)} provider(s)>"


# provider(request) -> dict for the template context of every page (the menu's badges,
# e.g. {"for_me_count": 2}); called for a logged-in user with a chosen organisation. A
# value may be a queryset: the context gets its count, and all such counts of a page are
# asked in one query (organisations.queries.count_together).
menu_badges = Hook("menu_badges")

# provider(request, public_ids, *, roles) -> {public_id: name}: the names of the current
# organisation's families among those an access-log page mentions.
family_names = Hook("family_names")
