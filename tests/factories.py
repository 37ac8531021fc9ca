import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from families.models import Child, Family
from organisations.models import Membership, Organisation, Role
from signals.models import SignalCategory

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

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Gezin {n}")


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
