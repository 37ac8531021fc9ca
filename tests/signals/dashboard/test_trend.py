"""The server-side trend line: an SVG with a title and a polyline, nothing executable."""

import datetime

from signals.dashboard import trend


def test_sparkline_is_an_accessible_svg_without_script_or_style():
    svg = str(trend.sparkline([0, 2, 4, 9], title="Score <per> maand"))
    assert svg.startswith("<svg") and "<polyline" in svg
    assert "<title>Score &lt;per&gt; maand</title>" in svg
    assert "script" not in svg and "style=" not in svg


def test_higher_score_is_drawn_higher():
    (x0, y0), (x1, y1) = trend.points([0, 8])
    assert x1 > x0 and y1 < y0


def test_twelve_monthly_dates_end_today():
    today = datetime.date(2026, 3, 31)
    dates = trend.monthly_dates(today)
    assert len(dates) == 12
    assert dates[-1] == today
    assert dates[0] == datetime.date(2025, 4, 30)


def test_the_trend_ends_at_the_current_score(db, org_a, professional_a):
    from django.utils import timezone

    from signals.accumulation import assess_family, score_series
    from tests.factories import FamilyFactory, SignalCategoryFactory, observation_add

    family = FamilyFactory(organisation=org_a)
    today = timezone.localdate()
    for age in (3, 100, 200, 300):
        observation_add(
            family=family,
            category=SignalCategoryFactory(weight=2),
            severity=3,
            observed_on=today - datetime.timedelta(days=age),
            observer=professional_a,
        )
    history = [(o.severity * o.category.weight, o.observed_on) for o in family.observations.all()]
    series = score_series(history, organisation=org_a, dates=trend.monthly_dates(today))
    assert series[-1] == assess_family(family, as_of=today).score
    assert series[0] < series[-1]
