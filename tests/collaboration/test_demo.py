"""The demo's region: the Jansen children at the consultatiebureau too, a match with
consent on both sides, and Liam handed over from Het Speelhuis to De Regenboog."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from collaboration.models import Consent, Handover, HandoverStatus, Match
from families.models import Family
from notifications.models import Notification, NotificationKind


def test_the_demo_region(db):
    call_command("load_demo", quiet_logins=True)
    call_command("load_demo", quiet_logins=True)  # idempotent
    assert Match.objects.live().count() == 1
    assert Consent.objects.live().count() == 2
    assert Notification.objects.filter(
        kind=NotificationKind.MATCH, recipient__username="cb"
    ).exists()
    assert Notification.objects.filter(
        kind=NotificationKind.MATCH, recipient__username="ib"
    ).exists()
    handover = Handover.objects.get()
    assert handover.status == HandoverStatus.ACCEPTED
    assert handover.target_family.organisation.name == "Basisschool De Regenboog"

    client = Client()
    client.force_login(handover.target_family.created_by)  # the school's lead
    jansen = Family.objects.get(name="Familie Jansen (groep 3)")
    page = client.get(jansen.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "Consultatiebureau Zuid" in body and "Stapeling over organisaties heen" in body
    assert "consult" not in body  # the consultatiebureau's descriptions stay there
    assert client.get(reverse("collaboration:region")).status_code == 200

    # The installation's administrator sees the region in Django's admin, no family.
    admin = Client()
    admin.force_login(get_user_model().objects.get(username="installatie"))
    assert admin.get(reverse("home"))["Location"] == reverse("admin:index")
    regions = admin.get(reverse("admin:collaboration_region_changelist")).content.decode()
    assert "Gemeente Zuidstad" in regions and "Jansen" not in regions
