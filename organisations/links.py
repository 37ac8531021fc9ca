"""Links reversed once and filled in per row or per page: `reverse` is the cost, not the ids.

A URL whose arguments are public ids (UUIDs) is reversed once with placeholder UUIDs; each
link is then the pattern's text with the ids where the placeholders were. Any UUID passes
the same URL converters as any other and comes out as `str(uuid)`, so the link is
`reverse`'s own. Used per page (`url_maker`) and by the `{% url %}` builtin
(organisations/templatetags/stap0_builtins.py).
"""

import re
import uuid

from django.urls import reverse

# Distinct values that no real id is (uuid4 never has these bits).
PLACEHOLDERS = tuple(uuid.UUID(int=n + 1) for n in range(4))
_PLACEHOLDER_RE = re.compile("|".join(re.escape(str(p)) for p in PLACEHOLDERS))
_PLACEHOLDER_INDEX = {str(p): n for n, p in enumerate(PLACEHOLDERS)}


def url_parts(view, count, *, current_app=None):
    """`view` reversed with `count` placeholder ids, as [text, argument index, text, ...]."""
    pattern = reverse(view, args=PLACEHOLDERS[:count], current_app=current_app)
    parts, start = [], 0
    for found in _PLACEHOLDER_RE.finditer(pattern):
        parts += [pattern[start : found.start()], _PLACEHOLDER_INDEX[found.group()]]
        start = found.end()
    parts.append(pattern[start:])
    return tuple(parts)


def fill(parts, args):
    """The link of `url_parts` with `args` (the ids) where its placeholders were."""
    return "".join(part if type(part) is str else str(args[part]) for part in parts)


def url_maker(view):
    """public_id -> the URL of `view` (a URL name whose one argument is a public id) for it:
    `reverse` once, then the id put in per row."""
    parts = url_parts(view, 1)
    return lambda public_id: fill(parts, (public_id,))
