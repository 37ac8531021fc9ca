"""`{% url %}` as Django's, with what every page asks again remembered (issue 21, 17): a
builtin of the template engine (settings.TEMPLATES, "builtins") that replaces Django's, so
every template uses it, and the HTML is Django's, character for character.

- `{% url 'name' %}` and `{% url 'name' a.public_id b.public_id %}`: a URL without
  arguments, or whose arguments are all UUIDs, is reversed once per URL name, number of
  arguments, URLconf, script prefix, language and current app (organisations.links:
  `url_parts`, then `fill` with the page's ids). Any UUID passes the same converters as any
  other (uuid, str, slug, path accept each; int none) and comes out as `str(uuid)`, which
  needs no quoting: the result is reverse()'s. Every other form (keyword arguments, other
  values, `as var`) goes to Django's tag. Measured on this machine: 30 µs per tag of
  Django's, 10-12 here; the layout alone has 23, the family page about 70.

The memory is emptied when a test changes the URLconf. (`{% translate %}` was measured
too: 10 µs per tag, 4.5 remembered; not done, since replacing Django's i18n library
trips its check for two libraries of one name, templates.W003.)
"""

import uuid

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template import defaulttags
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from organisations.links import PLACEHOLDERS, fill, url_parts

register = template.Library()

_url_patterns = {}


@receiver(setting_changed)
def _forget(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _url_patterns.clear()


def _current_app(context):
    """As Django's URLNode finds it."""
    try:
        return context.request.current_app
    except AttributeError:
        try:
            return context.request.resolver_match.namespace
        except AttributeError:
            return None


class RememberedURLNode(defaulttags.URLNode):
    def render(self, context):
        if self.kwargs or self.asvar or len(self.args) > len(PLACEHOLDERS):
            return super().render(context)
        args = [arg.resolve(context) for arg in self.args]
        if any(type(arg) is not uuid.UUID for arg in args):
            return super().render(context)
        view_name = self.view_name.resolve(context)
        current_app = _current_app(context)
        key = (
            get_urlconf() or settings.ROOT_URLCONF,
            get_script_prefix(),
            get_language(),  # none of stap0's URLs has a language prefix (i18n_patterns)
            current_app,
            view_name,
            len(args),
        )
        parts = _url_patterns.get(key)
        if parts is None:
            parts = _url_patterns[key] = url_parts(view_name, len(args), current_app=current_app)
        url = fill(parts, args)
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    node = defaulttags.url(parser, token)
    return RememberedURLNode(node.view_name, node.args, node.kwargs, node.asvar)
