"""signals.services: observation_record and observation_amend validate; acute alerts the leads."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from organisations.models import Role
from signals import services
from signals.models import Observation, SignalCategory
from tests.factories import (
    ChildFactory,
    FamilyFactory,
    MembershipFactory,
    SignalCategoryFactory,
    UserFactory,
)

TODAY = timezone.localdate


@pytest.fixture
def family(org_a):
    return FamilyFactory(organisation=org_a, name="Gezin Geheimnaam")


@pytest.fixture
def risk():
    return SignalCategory.objects.get(code="hunger")


@pytest.fixture
def protective():
    return SignalCategory.objects.get(code="supportive-network")


def record(family, category, observer, **kwargs):
    values = {
        "family": family,
        "category": category,
        "severity": 2,
        "observed_on": TODAY(),
        "observer": observer,
        "description": "Had geen eten bij zich.",
    }
    values.update(kwargs)
    return services.observation_record(**values)


def test_record_starts_a_chain(family, risk, professional_a):
    obs = record(family, risk, professional_a)
    assert obs.chain == obs.public_id
    assert obs.amends is None


def test_record_moves_the_familys_last_activity(family, risk, professional_a):
    before = family.last_activity_at
    record(family, risk, professional_a)
    family.refresh_from_db()
    assert family.last_activity_at > before


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"severity": 0}, "severity"),
        ({"severity": 4}, "severity"),
        ({"observed_on": "morgen"}, "observed_on"),
        ({"observed_on": "2999-01-01"}, "observed_on"),
        ({"description": "   \n "}, "description"),
        ({"description": "x" * 5001}, "description"),
        ({"description": "nul\x00byte"}, "description"),
        ({"parents_discussed": "misschien"}, "parents_discussed"),
    ],
)
def test_record_refuses_bad_values(family, risk, professional_a, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        record(family, risk, professional_a, **kwargs)
    assert field in exc.value.message_dict
    assert not Observation.objects.exists()


def test_future_date_is_refused(family, risk, professional_a):
    with pytest.raises(ValidationError, match="toekomst"):
        record(family, risk, professional_a, observed_on=TODAY() + datetime.timedelta(days=1))


def test_date_before_birth_is_refused(family, risk, professional_a):
    child = ChildFactory(family=family, birth_date=TODAY() - datetime.timedelta(days=30))
    with pytest.raises(ValidationError, match="geboortedatum"):
        record(
            family,
            risk,
            professional_a,
            child=child,
            observed_on=TODAY() - datetime.timedelta(days=31),
        )


def test_child_of_another_family_is_refused(family, risk, professional_a, org_a):
    other = ChildFactory(family=FamilyFactory(organisation=org_a))
    with pytest.raises(ValidationError) as exc:
        record(family, risk, professional_a, child=other)
    assert "child" in exc.value.message_dict


def test_protective_factor_cannot_be_acute(family, protective, professional_a):
    with pytest.raises(ValidationError) as exc:
        record(family, protective, professional_a, acute=True)
    assert "acute" in exc.value.message_dict


def test_switched_off_and_foreign_and_inactive_categories_are_refused(
    family, risk, professional_a, org_a, org_b
):
    risk.disabled_by.add(org_a)
    foreign = SignalCategoryFactory(organisation=org_b)
    inactive = SignalCategoryFactory(organisation=org_a, is_active=False)
    for category in (risk, foreign, inactive):
        with pytest.raises(ValidationError) as exc:
            record(family, category, professional_a)
        assert "category" in exc.value.message_dict


def test_own_category_of_the_organisation_is_accepted(family, professional_a, org_a):
    own = SignalCategoryFactory(organisation=org_a)
    assert record(family, own, professional_a).category == own


@pytest.mark.parametrize("who", ["admin_a", "professional_b", "inactive"])
def test_observer_must_be_an_active_case_member(family, risk, who, request, org_a):
    if who == "inactive":
        user = UserFactory(username="oud")
        MembershipFactory(user=user, organisation=org_a, role=Role.PROFESSIONAL, is_active=False)
    else:
        user = request.getfixturevalue(who)
    with pytest.raises(ValidationError) as exc:
        record(family, risk, user)
    assert "observer" in exc.value.message_dict


def test_acute_mails_every_lead_a_link_without_content(
    family, risk, professional_a, lead_a, org_a, lead_b, django_capture_on_commit_callbacks
):
    second_lead = UserFactory(username="lotte", email="lotte@example.invalid")
    MembershipFactory(user=second_lead, organisation=org_a, role=Role.LEAD)
    with django_capture_on_commit_callbacks(execute=True):
        obs = record(
            family,
            risk,
            professional_a,
            acute=True,
            description="Unieke-beschrijving-xyz",
            child=ChildFactory(family=family, first_name="Kindnaamq"),
        )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([lead_a.email, second_lead.email])
    for message in mail.outbox:
        assert message.subject == "Er is een acuut signaal vastgelegd"
        assert family.get_absolute_url() in message.body
        assert message.body.count("http") == 1
        for secret in ("Unieke-beschrijving-xyz", "Geheimnaam", "Kindnaamq", risk.name):
            assert secret not in message.body and secret not in message.subject
    assert obs.acute


def test_not_acute_sends_no_mail(
    family, risk, professional_a, lead_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record(family, risk, professional_a)
    assert mail.outbox == []


def test_amend_keeps_the_original_and_builds_on_the_latest(
    family, risk, professional_a, colleague_a
):
    first = record(family, risk, professional_a)
    second = services.observation_amend(
        original=first, observer=colleague_a, reason="Ernst bijgesteld", severity=3
    )
    # Amend the first version again: the change applies on top of the latest (severity 3 stays).
    third = services.observation_amend(
        original=first, observer=professional_a, reason="Tekst", description="Nieuwe tekst"
    )
    first.refresh_from_db()
    assert first.severity == 2 and first.description == "Had geen eten bij zich."
    assert second.chain == third.chain == first.chain
    assert third.amends == first and third.severity == 3 and third.description == "Nieuwe tekst"
    assert third.observer == professional_a and third.amend_reason == "Tekst"
    latest = Observation.objects.for_family(family).latest_versions()
    assert list(latest) == [third]


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_amend_needs_a_reason(family, risk, professional_a, reason):
    first = record(family, risk, professional_a)
    kwargs = {} if reason is None else {"reason": reason}
    with pytest.raises(ValidationError):
        services.observation_amend(original=first, observer=professional_a, severity=1, **kwargs)
    assert Observation.objects.count() == 1


def test_amend_validates_like_record(family, risk, protective, professional_a, org_a):
    first = record(family, risk, professional_a)
    for changes in (
        {"severity": 5},
        {"observed_on": TODAY() + datetime.timedelta(days=2)},
        {"description": ""},
        {"category": protective, "acute": True},
        {"family": FamilyFactory(organisation=org_a)},
    ):
        with pytest.raises(ValidationError):
            services.observation_amend(
                original=first, observer=professional_a, reason="x", **changes
            )
    assert Observation.objects.count() == 1


def test_amend_to_acute_alerts_the_leads(
    family, risk, professional_a, lead_a, django_capture_on_commit_callbacks
):
    first = record(family, risk, professional_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.observation_amend(
            original=first, observer=professional_a, reason="Toch acuut", acute=True
        )
    assert len(mail.outbox) == 1
