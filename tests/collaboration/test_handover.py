"""Warm handover: composed with consent, accepted into a family (the sender becomes a chain
partner) or declined, expired after 30 days; both sides' access logs record it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from collaboration import services
from collaboration.models import Handover, HandoverStatus
from families.models import ChainPartner, Child
from families.services import chain_partner_add, family_create, network_member_add
from notifications.models import Notification, NotificationKind
from organisations.models import AccessLogEntry


@pytest.fixture
def handover(region, family_a, professional_a, org_b, today):
    family, child = family_a
    network_member_add(
        family=family, name="Oma Truus", relationship="relative", how_they_help="Haalt op"
    )
    chain_partner_add(family=family, organisation_name="Logopedie Zuid", responsibility="Wekelijks")
    return services.handover_create(
        child=child,
        created_by=professional_a,
        to_organisation=org_b,
        consent_on=today,
        going_well="Sem speelt graag buiten en heeft een vriendje.",
    )


def test_the_package_holds_what_goes_well_network_partners_and_contact(handover, lead_b):
    assert "Oma Truus" in handover.network and "Logopedie Zuid" in handover.partners
    assert "alice@example.invalid" in handover.contact
    assert handover.lasting_factors == ""  # not ticked
    assert handover.expires_at > timezone.now() + datetime.timedelta(days=29)
    assert Notification.objects.filter(kind=NotificationKind.HANDOVER, recipient=lead_b).exists()
    assert AccessLogEntry.objects.filter(
        object_type="handover", organisation=handover.to_organisation
    ).exists()
    assert (
        AccessLogEntry.objects.for_family(handover.from_family)
        .filter(object_type="handover")
        .exists()
    )


def test_only_to_a_region_organisation_and_by_the_contact_person_or_a_lead(
    region, family_a, colleague_a, professional_a, org_a, today
):
    _family, child = family_a
    with pytest.raises(ValidationError):
        services.handover_create(
            child=child,
            created_by=colleague_a,
            to_organisation=region.members.exclude(organisation=org_a).get().organisation,
            consent_on=today,
            going_well="x",
        )
    with pytest.raises(ValidationError):
        services.handover_create(
            child=child,
            created_by=professional_a,
            to_organisation=org_a,
            consent_on=today,
            going_well="x",
        )


def test_accepting_into_a_new_family_adds_the_child_and_the_sender_as_chain_partner(
    handover, lead_b, org_b, professional_a
):
    done = services.handover_accept(handover=handover, lead=lead_b)
    family = done.target_family
    assert family.organisation == org_b
    assert Child.objects.get(family=family).last_name == "Jansen"
    assert ChainPartner.objects.get(family=family).organisation_name == "Basisschool A"
    assert Notification.objects.filter(
        kind=NotificationKind.HANDOVER, recipient=professional_a
    ).exists()
    with pytest.raises(ValidationError):
        services.handover_decline(handover=handover, lead=lead_b)


def test_accepting_into_an_existing_family(handover, lead_b, org_b):
    existing = family_create(organisation=org_b, name="Gezin Jansen", created_by=lead_b)
    assert (
        services.handover_accept(handover=handover, lead=lead_b, family=existing).target_family
        == existing
    )


def test_only_the_receiving_lead_decides(handover, lead_a, professional_b):
    for user in (lead_a, professional_b):
        with pytest.raises(ValidationError):
            services.handover_accept(handover=handover, lead=user)


def test_after_30_days_it_expires(handover, lead_b):
    Handover.objects.filter(pk=handover.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with pytest.raises(ValidationError, match="verlopen"):
        services.handover_accept(handover=handover, lead=lead_b)
    assert not Handover.objects.open(now=timezone.now()).exists()


def test_declining(handover, lead_b):
    assert (
        services.handover_decline(handover=handover, lead=lead_b).status == HandoverStatus.DECLINED
    )


def test_pages(handover, client_lead_b, client_professional_b, client_lead_a, family_a):
    url = reverse("collaboration:handover", args=[handover.public_id])
    assert client_professional_b.get(url).status_code == 403
    assert client_lead_a.get(url).status_code == 404
    page = client_lead_b.get(url)
    assert "Sem speelt graag buiten" in page.content.decode()
    assert "Sem" in client_lead_b.get(reverse("collaboration:handovers")).content.decode()
    response = client_lead_b.post(url, {"decision": "accept", "family_name": "Gezin Jansen"})
    assert response.status_code == 302
    handover.refresh_from_db()
    detail = client_lead_b.get(handover.target_family.get_absolute_url()).content.decode()
    assert "Warme overdracht van Basisschool A" in detail


def test_the_form_page(region, family_a, client_professional_a, org_b, today):
    _family, child = family_a
    url = reverse("collaboration:handover_create", args=[child.public_id])
    assert client_professional_a.get(url).status_code == 200
    refused = client_professional_a.post(url, {"to_organisation": str(org_b.public_id)})
    assert refused.status_code == 200 and "wat goed gaat" in refused.content.decode()
    sent = client_professional_a.post(
        url,
        {
            "to_organisation": str(org_b.public_id),
            "consent_on": today.isoformat(),
            "going_well": "Goed",
        },
    )
    assert sent.status_code == 302
    assert Handover.objects.count() == 1


def test_a_refused_decision_shows_on_the_page(handover, client_lead_b):
    from unittest import mock

    url = reverse("collaboration:handover", args=[handover.public_id])
    with mock.patch(
        "collaboration.services.handover_accept", side_effect=ValidationError("Weigering-7Q")
    ):
        response = client_lead_b.post(url, {"decision": "accept"})
    assert response.status_code == 200 and "Weigering-7Q" in response.content.decode()
    assert Handover.objects.get().status == HandoverStatus.PENDING
