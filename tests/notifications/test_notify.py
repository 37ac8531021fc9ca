"""notify(): one event, one notification per person, within one organisation."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from families.models import TeamMember
from notifications import services
from notifications.models import Notification, NotificationKind
from organisations.models import Membership, Role
from tests.factories import FamilyFactory, MembershipFactory, UserFactory

K = NotificationKind


@pytest.fixture
def family_a(org_a):
    return FamilyFactory(organisation=org_a, name="Gezin Bericht")


def tell(family, people, key="answer:1", **extra):
    return services.notify(
        kind=K.ANSWER,
        event_key=key,
        url="/signalen/mijn-vragen/",
        recipients=people,
        family=family,
        **extra,
    )


def test_one_event_one_notification_per_person(family_a, professional_a, lead_a):
    assert tell(family_a, [professional_a, lead_a]) == 2
    assert tell(family_a, [professional_a, lead_a]) == 0
    assert Notification.objects.count() == 2
    notification = Notification.objects.get(recipient=professional_a)
    assert (notification.organisation, notification.family) == (family_a.organisation, family_a)
    assert notification.read_at is None


def test_the_database_refuses_a_second_row_for_the_same_event(family_a, professional_a):
    tell(family_a, [professional_a])
    first = Notification.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            recipient=professional_a,
            organisation=first.organisation,
            kind=K.DECISION,
            event_key=first.event_key,
            url="/",
        )


def test_the_actor_is_not_told_what_they_did(family_a, professional_a, lead_a):
    assert tell(family_a, [professional_a, lead_a], actor=lead_a) == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [professional_a.pk]


def test_never_someone_of_another_organisation_nor_a_beheerder(
    family_a, professional_b, admin_a, professional_a
):
    assert tell(family_a, [professional_b, admin_a, professional_a]) == 1
    assert not Notification.objects.filter(recipient__in=[professional_b, admin_a]).exists()


def test_not_to_someone_who_left(family_a, professional_a):
    Membership.objects.filter(user=professional_a).update(is_active=False)
    assert tell(family_a, [professional_a]) == 0


def test_a_family_of_another_organisation_is_refused(org_b, professional_a):
    family_b = FamilyFactory(organisation=org_b)
    with pytest.raises(ValidationError) as exc:
        services.notify(
            kind=K.ANSWER,
            event_key="x",
            url="/",
            recipient=professional_a,
            family=family_b,
            organisation=professional_a.memberships.get().organisation,
        )
    assert "family" in exc.value.message_dict


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "gossip"}, "kind"),
        ({"event_key": ""}, "event_key"),
        ({"url": "https://elders.example/"}, "url"),
        ({"url": "//elders.example/"}, "url"),
        ({"detail": "a\x00b"}, "detail"),
    ],
)
def test_bad_input_is_refused_in_dutch(family_a, professional_a, changes, field):
    arguments = {
        "kind": K.ANSWER,
        "event_key": "k",
        "url": "/",
        "recipient": professional_a,
        "family": family_a,
        **changes,
    }
    with pytest.raises(ValidationError) as exc:
        services.notify(**arguments)
    assert field in exc.value.message_dict
    assert not Notification.objects.exists()


def test_a_long_detail_is_cut(family_a, professional_a):
    tell(family_a, [professional_a], detail="x" * 500)
    assert len(Notification.objects.get().detail) == services.DETAIL_MAX


def test_notify_agreement_for_the_working_list(family_a, professional_a, lead_a):
    # Need-to-know: whoever carries out an agreement is in the family's team.
    TeamMember.objects.create(family=family_a, user=professional_a, reason="added")
    due = timezone.localdate() + datetime.timedelta(days=2)
    common = {
        "agreement_id": "a1",
        "recipient": professional_a,
        "family": family_a,
        "url": family_a.get_absolute_url(),
        "due_on": due,
        "detail": "Gesprek met moeder plannen",
    }
    assert services.notify_agreement(event="assigned", actor=lead_a, **common) == 1
    assert services.notify_agreement(event="assigned", actor=lead_a, **common) == 0
    assert services.notify_agreement(event="due_soon", **common) == 1
    assert services.notify_agreement(event="overdue", **common) == 1
    later = {**common, "due_on": due + datetime.timedelta(days=7)}
    assert services.notify_agreement(event="due_soon", **later) == 1  # a new date, a new event
    kinds = sorted(Notification.objects.values_list("kind", flat=True))
    assert kinds == sorted(
        [K.AGREEMENT_ASSIGNED, K.AGREEMENT_DUE_SOON, K.AGREEMENT_OVERDUE, K.AGREEMENT_DUE_SOON]
    )
    assert "Gesprek met moeder plannen" in Notification.objects.first().message()
    with pytest.raises(ValidationError):
        services.notify_agreement(event="forgotten", **common)


def test_mark_read_resolve_and_resolve_all_but(family_a, professional_a, lead_a):
    tell(family_a, [professional_a, lead_a], key="answer:1")
    services.notify(
        kind=K.QUIET, event_key="quiet:1", url="/", recipient=professional_a, family=family_a
    )
    services.notify(
        kind=K.QUIET, event_key="quiet:2", url="/", recipient=professional_a, family=family_a
    )
    organisation = family_a.organisation
    assert services.mark_read(recipient=lead_a, organisation=organisation) == 1
    assert services.resolve_all_but(kind=K.QUIET, keep_keys={"quiet:2"}) == 1
    assert services.resolve(family=family_a, kinds=[K.QUIET]) == 1
    unread = Notification.objects.unread()
    assert list(unread.values_list("recipient", "kind")) == [(professional_a.pk, K.ANSWER)]


def test_the_message_names_the_family_as_it_is_now(family_a, professional_a, lead_a):
    tell(family_a, [professional_a], actor=lead_a)
    family_a.name = "Gezin Nieuwe Naam"
    family_a.save()
    message = Notification.objects.get().message()
    assert "Gezin Nieuwe Naam" in message and "Lena" in message


@pytest.mark.django_db(transaction=True)
def test_two_requests_racing_make_one_notification():
    """Two transactions tell the same event at the same moment: one row (PostgreSQL)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent transactions: run with DATABASE_URL=postgres://…")
    from tests.factories import OrganisationFactory

    organisation = OrganisationFactory()
    family = FamilyFactory(organisation=organisation)
    user = UserFactory(username="racer")
    MembershipFactory(user=user, organisation=organisation, role=Role.PROFESSIONAL)
    barrier = threading.Barrier(2)
    errors, created = [], []

    def worker():
        try:
            with transaction.atomic():
                # Both have read "nobody has it yet" before either inserts.
                Notification.objects.filter(event_key="race").count()
                barrier.wait(timeout=10)
                created.append(tell(family, [user], key="race"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Notification.objects.filter(event_key="race").count() == 1


def test_purging_a_family_purges_what_was_said_about_it(family_a, professional_a):
    from dossier.retention import purge_family

    tell(family_a, [professional_a], detail="Afspraak: gesprek met moeder")
    purge_family(family_a)
    assert not Notification.objects.exists()


def test_notify_agreement_not_to_someone_who_does_not_read_the_file(
    family_a, professional_a, lead_a
):
    told = services.notify_agreement(
        event="assigned",
        agreement_id="a2",
        recipient=professional_a,
        family=family_a,
        url=family_a.get_absolute_url(),
        detail="Afspraak buiten het team",
        actor=lead_a,
    )
    assert told == 0 and not Notification.objects.exists()
