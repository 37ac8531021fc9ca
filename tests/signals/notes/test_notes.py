"""Colleague notes and "kijk je mee?" requests: the views and the services."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from organisations.models import AccessLogEntry, Membership
from signals import services
from signals.models import ColleagueNote, LookRequest, SignalCategory
from tests.factories import FamilyFactory


@pytest.fixture
def family_a(org_a, professional_a):
    return FamilyFactory(organisation=org_a, team=[professional_a])


def note_url(family):
    return reverse("signals:note_create", args=[family.public_id])


def look_url(family):
    return reverse("signals:look_request_create", args=[family.public_id])


def membership(user):
    return Membership.objects.get(user=user)


# note_create -------------------------------------------------------------------------


def test_note_is_added_from_the_panel(client_professional_a, professional_a, family_a):
    response = client_professional_a.post(
        note_url(family_a), {"kind": "going_well", "text": "Ging vandaag heel goed."}
    )
    assert response.status_code == 302
    assert response["Location"] == family_a.get_absolute_url()
    note = ColleagueNote.objects.get()
    assert (note.kind, note.author, note.family) == ("going_well", professional_a, family_a)
    assert AccessLogEntry.objects.filter(action="create", object_id=str(note.public_id))


def test_note_on_an_observation(client_professional_a, professional_a, family_a):
    obs = services.observation_record(
        family=family_a,
        category=SignalCategory.objects.get(code="hunger"),
        severity=1,
        observed_on=timezone.localdate(),
        observer=professional_a,
        description="x",
    )
    page = client_professional_a.get(note_url(family_a) + f"?observatie={obs.public_id}")
    assert page.status_code == 200
    client_professional_a.post(
        note_url(family_a),
        {"kind": "recognition", "text": "Herken ik", "observation": str(obs.public_id)},
    )
    assert ColleagueNote.objects.get().observation == obs


def test_note_standalone_form(client_professional_a, family_a):
    response = client_professional_a.get(note_url(family_a))
    assert response.status_code == 200
    assert "wat goed gaat" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "going_well", "text": "  "}, "verplicht"),
        ({"kind": "gossip", "text": "x"}, "Kies wat voor notitie"),
        ({"kind": "advice", "text": "a\x00b"}, "Tekst bevat ongeldige tekens"),
        ({"kind": "advice", "text": "x" * 10_000}, "5000"),
        ({"kind": "advice", "text": "x", "observation": "onbekend"}, "geldige keuze"),
    ],
)
def test_note_bad_input(client_professional_a, family_a, data, message):
    response = client_professional_a.post(note_url(family_a), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ColleagueNote.objects.exists()


def test_note_access(
    client, client_professional_b, client_admin_a, client_professional_a, family_a
):
    data = {"kind": "advice", "text": "x"}
    assert client_professional_b.post(note_url(family_a), data).status_code == 404
    assert client_admin_a.post(note_url(family_a), data).status_code == 403
    anonymous = client.post(note_url(family_a), data)
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    assert client_professional_a.delete(note_url(family_a)).status_code == 405
    assert not ColleagueNote.objects.exists()


def test_note_service_validates(family_a, professional_a, professional_b, org_a):
    with pytest.raises(ValidationError):
        services.note_add(family=family_a, author=professional_b, kind="advice", text="x")
    other_obs = services.observation_record(
        family=FamilyFactory(organisation=org_a),
        category=SignalCategory.objects.get(code="hunger"),
        severity=1,
        observed_on=timezone.localdate(),
        observer=professional_a,
        description="x",
    )
    with pytest.raises(ValidationError):
        services.note_add(
            family=family_a, author=professional_a, kind="advice", text="x", observation=other_obs
        )
    assert not ColleagueNote.objects.exists()


# look_request_create ------------------------------------------------------------------


def test_ask_a_colleague(client_professional_a, professional_a, colleague_a, family_a):
    form_page = client_professional_a.get(look_url(family_a)).content.decode()
    assert colleague_a.first_name in form_page
    response = client_professional_a.post(
        look_url(family_a),
        {"requested_from": str(membership(colleague_a).public_id), "message": "Herken jij dit?"},
    )
    assert response.status_code == 302
    look = LookRequest.objects.get()
    assert (look.requested_by, look.requested_from) == (professional_a, colleague_a)


def test_panel_labels_the_lead_and_leaves_out_yourself_and_the_beheerder(
    client_professional_a, professional_a, lead_a, admin_a, family_a
):
    page = client_professional_a.get(look_url(family_a)).content.decode()
    assert f"{lead_a.get_full_name()} (aandachtsfunctionaris)" in page
    assert str(membership(professional_a).public_id) not in page
    assert str(membership(admin_a).public_id) not in page


def test_cannot_ask_someone_outside_the_list(
    client_professional_a, professional_a, professional_b, admin_a, family_a
):
    for user in (professional_a, professional_b, admin_a):
        response = client_professional_a.post(
            look_url(family_a), {"requested_from": str(membership(user).public_id)}
        )
        assert response.status_code == 200
    assert not LookRequest.objects.exists()


def test_look_service_refuses_yourself_and_strangers(family_a, professional_a, professional_b):
    for target in (professional_a, professional_b, None):
        with pytest.raises(ValidationError):
            services.look_request_create(
                family=family_a, requested_by=professional_a, requested_from=target
            )


def test_look_access(
    client, client_professional_b, client_admin_a, client_professional_a, family_a
):
    assert client_professional_b.get(look_url(family_a)).status_code == 404
    assert client_admin_a.get(look_url(family_a)).status_code == 403
    assert reverse("login") in client.get(look_url(family_a))["Location"]
    assert client_professional_a.put(look_url(family_a)).status_code == 405
