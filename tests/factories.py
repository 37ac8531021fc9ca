import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from families.models import Child, Family, TeamMember
from organisations.models import Membership, Organisation, Role
from signals.models import Observation, ParentsDiscussed, SignalCategory

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password(PASSWORD)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.PROFESSIONAL


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family
        skip_postgeneration_save = True  # `team` writes rows of its own

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Gezin {n}")

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        """Need-to-know: `team=[user, ...]` puts them in the family's team (they read its file)."""
        for user in extracted or ():
            TeamMember.objects.create(family=self, user=user, reason="added")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    family = factory.SubFactory(FamilyFactory)
    first_name = factory.Faker("first_name", locale="nl_NL")
    birth_date = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=8 * 365)
    )


class SignalCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignalCategory

    code = factory.Sequence(lambda n: f"test-category-{n}")
    name = factory.Sequence(lambda n: f"Testcategorie {n}")
    domain = "family"
    kind = "risk"
    weight = 1


def _professional_of(organisation):
    """A new active professional of the organisation: someone the service lets observe."""
    return MembershipFactory(organisation=organisation, role=Role.PROFESSIONAL).user


def _shipped_risk():
    """The first shipped risk factor; transactional tests flush the catalogue, so then a new one."""
    shipped = SignalCategory.objects.filter(organisation__isnull=True, kind="risk", is_active=True)
    return shipped.order_by("pk").first() or SignalCategoryFactory(kind="risk")


class ObservationFactory(factory.Factory):
    """An observation recorded through `signals.services.observation_record`, so that what a
    test makes obeys the rules of real data: an active case member of the family's organisation
    observes, the category is available to it, the date is not in the future, a child belongs
    to the family, acute only for risk kinds. What the service refuses raises ValidationError.

    By default a new professional of the family's organisation observes the first shipped risk
    factor today. `ObservationFactory.build()` makes an unsaved, unchecked instance."""

    class Meta:
        model = Observation

    family = factory.SubFactory(FamilyFactory)
    observer = factory.LazyAttribute(lambda o: _professional_of(o.family.organisation))
    category = factory.LazyFunction(_shipped_risk)
    severity = 2
    observed_on = factory.LazyFunction(timezone.localdate)
    description = factory.Sequence(lambda n: f"Waargenomen ({n}).")
    acute = False
    child = None
    parents_discussed = ParentsDiscussed.NOT_YET
    parents_response = ""

    @classmethod
    def _create(cls, model_class, **kwargs):
        from signals import services

        return services.observation_record(**kwargs)


# --- accumulation tests (engineer "dashboard"): observations written directly, mirroring
# signals.services (a first version starts its chain; an amendment copies the latest version).
def observation_add(*, family, category, severity=2, observed_on=None, observer, acute=False):
    from signals.models import Observation

    obs = Observation(
        family=family,
        category=category,
        severity=severity,
        observed_on=observed_on or timezone.localdate(),
        description="Waargenomen.",
        acute=acute,
        observer=observer,
    )
    obs.chain = obs.public_id
    obs.save()
    return obs


def observation_amend_direct(*, original, observer, **changes):
    from signals.models import Observation
    from signals.observations.selectors import latest_version

    latest = latest_version(original)
    fields = ("category", "severity", "observed_on", "description", "acute", "child", "ended_on")
    amendment = Observation(
        chain=latest.chain,
        amends=original,
        amend_reason="Correctie.",
        family=latest.family,
        observer=observer,
        **{name: getattr(latest, name) for name in fields},
    )
    for name, value in changes.items():
        setattr(amendment, name, value)
    amendment.save()
    return amendment
