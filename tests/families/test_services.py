import datetime

import pytest
from django.core.exceptions import ValidationError

from families import services
from families.models import ChainPartner, Child, Family, NetworkMember
from families.selectors import birthday_in


def test_family_create_and_child_add(org_a, professional_a, today):
    family = services.family_create(
        organisation=org_a, name="  Familie Jansen ", created_by=professional_a
    )
    child = services.child_add(
        family=family, first_name="Noor", birth_date=birthday_in(today, today.year - 6)
    )
    assert family.name == "Familie Jansen"
    assert family.organisation == org_a
    assert child.family == family
    assert child.group_name == ""


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Vul een naam"), ("   ", "Vul een naam"), ("x" * 500, "te lang"), (None, "Vul een naam")],
)
def test_family_create_refuses_bad_names(org_a, professional_a, name, message):
    with pytest.raises(ValidationError) as exc:
        services.family_create(organisation=org_a, name=name, created_by=professional_a)
    assert message in " ".join(exc.value.message_dict["name"])
    assert not Family.objects.exists()


def test_family_name_of_200_characters_is_fine(org_a, professional_a):
    family = services.family_create(organisation=org_a, name="x" * 200, created_by=professional_a)
    assert len(family.name) == 200


def _child_error(family, **kwargs):
    with pytest.raises(ValidationError) as exc:
        services.child_add(family=family, **kwargs)
    assert Child.objects.filter(family=family).count() == 1  # only the fixture's child
    return exc.value.message_dict


def test_child_with_birth_date_in_the_future_is_refused(family_a, today):
    errors = _child_error(family_a, first_name="Sem", birth_date=today + datetime.timedelta(days=1))
    assert "toekomst" in errors["birth_date"][0]


def test_child_older_than_23_is_refused(family_a, today):
    errors = _child_error(
        family_a, first_name="Sem", birth_date=birthday_in(today, today.year - 30)
    )
    assert "ouder zijn dan 23" in errors["birth_date"][0]


def test_child_of_23_is_accepted(family_a, today):
    birth = birthday_in(today, today.year - 24) + datetime.timedelta(days=1)
    child = services.child_add(family=family_a, first_name="Sem", birth_date=birth)
    assert child.pk


@pytest.mark.parametrize(
    ("first_name", "message"), [("", "Vul een voornaam"), ("x" * 500, "te lang")]
)
def test_child_name_empty_or_too_long_is_refused(family_a, today, first_name, message):
    errors = _child_error(
        family_a, first_name=first_name, birth_date=birthday_in(today, today.year - 5)
    )
    assert message in errors["first_name"][0]


def test_child_without_birth_date_is_refused(family_a):
    errors = _child_error(family_a, first_name="Sem", birth_date=None)
    assert "geboortedatum" in errors["birth_date"][0]


def test_support_plan_fills_in_next_check(family_a, today):
    services.support_plan_update(
        family=family_a, long_term_support=True, monitoring_interval_weeks=8
    )
    family_a.refresh_from_db()
    assert family_a.next_check_on == today + datetime.timedelta(weeks=8)


def test_support_plan_keeps_a_chosen_date(family_a, today):
    chosen = today + datetime.timedelta(days=3)
    services.support_plan_update(
        family=family_a, long_term_support=True, monitoring_interval_weeks=8, next_check_on=chosen
    )
    family_a.refresh_from_db()
    assert family_a.next_check_on == chosen


@pytest.mark.parametrize("weeks", [0, -1, 105])
def test_support_plan_refuses_odd_intervals(family_a, weeks):
    with pytest.raises(ValidationError) as exc:
        services.support_plan_update(
            family=family_a, long_term_support=True, monitoring_interval_weeks=weeks
        )
    assert "weken" in exc.value.message_dict["monitoring_interval_weeks"][0]
    family_a.refresh_from_db()
    assert not family_a.long_term_support


def test_contact_person_must_be_of_the_same_organisation(family_a, professional_b):
    with pytest.raises(ValidationError) as exc:
        services.family_update(family=family_a, contact_person=professional_b.memberships.get())
    assert "contact_person" in exc.value.message_dict
    family_a.refresh_from_db()
    assert family_a.contact_person is None


def test_contact_person_cannot_be_a_beheerder(family_a, admin_a):
    with pytest.raises(ValidationError):
        services.family_update(family=family_a, contact_person=admin_a.memberships.get())


def test_every_write_moves_last_activity_forward(family_a, today):
    def moved(action):
        family_a.refresh_from_db()
        before = family_a.last_activity_at
        action()
        family_a.refresh_from_db()
        return family_a.last_activity_at > before

    member = None

    def add_member():
        nonlocal member
        member = services.network_member_add(family=family_a, name="Oma", relationship="relative")

    assert moved(lambda: services.child_add(family=family_a, first_name="Sem", birth_date=today))
    assert moved(add_member)
    assert moved(
        lambda: services.network_member_update(member=member, how_they_help="Kookt op vrijdag")
    )
    assert moved(lambda: services.network_member_remove(member=member))
    assert moved(lambda: services.family_touch(family=family_a))


def test_network_member_needs_name_and_known_relationship(family_a):
    with pytest.raises(ValidationError) as exc:
        services.network_member_add(family=family_a, name=" ", relationship="enemy")
    assert set(exc.value.message_dict) == {"name", "relationship"}
    assert not NetworkMember.objects.exists()


def test_chain_partner_needs_organisation_and_responsibility(family_a):
    with pytest.raises(ValidationError) as exc:
        services.chain_partner_add(family=family_a, organisation_name="", responsibility="")
    assert set(exc.value.message_dict) == {"organisation_name", "responsibility"}
    assert not ChainPartner.objects.exists()


def test_chain_partner_update_and_remove(family_a):
    partner = services.chain_partner_add(
        family=family_a, organisation_name="GGD", responsibility="Jeugdarts"
    )
    services.chain_partner_update(partner=partner, expectations="Belt bij zorgen")
    assert ChainPartner.objects.get().expectations == "Belt bij zorgen"
    services.chain_partner_remove(partner=partner)
    assert not ChainPartner.objects.exists()


def test_update_refuses_unknown_fields(family_a):
    with pytest.raises(ValidationError):
        services.family_update(family=family_a, organisation=None)
