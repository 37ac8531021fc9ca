"""The family page counts "met ouders besproken" in Python from the rows it read already
(`coverage_of`); the working list counts it in the database (`coverage_by_family`). One rule:
they must agree."""

import datetime

from django.utils import timezone

from signals.catalogue.models import Kind, SignalCategory
from signals.observations.models import LatestObservation, ParentsDiscussed
from signals.parents.selectors import coverage_by_family, coverage_of
from tests.factories import FamilyFactory, ObservationFactory


def test_the_python_count_agrees_with_the_database(db):
    family = FamilyFactory()
    organisation = family.organisation
    today = timezone.localdate()
    protective = SignalCategory.objects.filter(kind=Kind.PROTECTIVE, organisation=None).first()
    days = (0, 40, organisation.band_quarter_days - 1, organisation.band_quarter_days + 5)
    for n, ago in enumerate(days):
        for discussed in (ParentsDiscussed.YES, ParentsDiscussed.NOT_YET):
            ObservationFactory(
                family=family,
                observed_on=today - datetime.timedelta(days=ago),
                parents_discussed=discussed,
                severity=1 + n % 3,
            )
    # A protective factor discussed with the parents is no concern: counted by neither.
    ObservationFactory(family=family, category=protective, parents_discussed=ParentsDiscussed.YES)
    latest = [
        row.observation
        for row in LatestObservation.objects.filter(family=family).select_related(
            "observation__category"
        )
    ]
    expected = coverage_by_family([family.pk], organisation=organisation, as_of=today)
    assert coverage_of(latest, organisation=organisation, as_of=today) == expected[family.pk]
    assert expected[family.pk] == (3, 6)  # three days inside the widest band, one of two yes
