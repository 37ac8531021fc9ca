"""The print view reads the export's JSON shape, whose dates are ISO text: show them in the
active language's words ("5 januari 2026 14:10"), never as "2026-01-05T14:10"."""

import datetime

from django import template
from django.utils import formats, timezone

register = template.Library()


@register.filter
def when(value):
    """An ISO date or date-time string (or a date) as the reader says it; "" stays ""."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = (
                datetime.date.fromisoformat(value)
                if len(value) == 10
                else datetime.datetime.fromisoformat(value)
            )
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "j F Y H:i")
    return formats.date_format(value, "j F Y")
