import datetime

from families.selectors import add_months
from signals.dashboard.markup import html

WIDTH, HEIGHT, PAD = 120, 28, 2


def monthly_dates(today, months=12):
    """`months` dates a month apart, the last one `today` (oldest first)."""
    return [add_months(today, -k) for k in range(months - 1, -1, -1)]


def points(values, *, width=WIDTH, height=HEIGHT, pad=PAD, ceiling=None):
    """Polyline coordinates; the y axis runs from 0 to the larger of the maximum and `ceiling`."""
    values = [float(v) for v in values]
    if not values:
        return []
    top = max(max(values), float(ceiling or 0), 1.0)
    step = (width - 2 * pad) / max(len(values) - 1, 1)
    return [
        (round(pad + i * step, 1), round(height - pad - (v / top) * (height - 2 * pad), 1))
        for i, v in enumerate(values)
    ]


def sparkline(values, *, title, ceiling=None):
    """An accessible <svg> with a <title> and a <polyline>; safe to put in a template.

    The coordinates are numbers; only the title is text, and it is escaped.
    """
    coords = " ".join(f"{x},{y}" for x, y in points(values, ceiling=ceiling))
    return html(
        '<svg class="trend" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-label="{title}"><title>{title}</title><polyline points="{coords}"/></svg>',
        w=WIDTH,
        h=HEIGHT,
        title=title,
        coords=coords,
    )


def describe(dates, values):
    """A text alternative: first and last month with their scores."""
    if not values:
        return ""
    first, last = dates[0], dates[-1]
    return f"{_fmt(first)}: {_num(values[0])} … {_fmt(last)}: {_num(values[-1])}"


def _fmt(day: datetime.date):
    return day.strftime("%m-%Y")


def number(value):
    """A score as people write it: 10, 20.25, 0.5."""
    return _num(value)


def _num(value):
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"
