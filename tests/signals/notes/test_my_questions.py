"""'Mijn vragen', the answer under its question on the timeline, and an answer form that
shows the signal asked about and chooses nothing in advance."""

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.models import Notification
from signals import services
from signals.models import LookRequest, SignalCategory
from tests.factories import FamilyFactory

MINE = reverse("signals:my_questions")


@pytest.fixture
def family_a(org_a, professional_a):
    """Alice reads the family's file (she is in its team): she asks from within it, and the
    colleagues she asks join the team."""
    return FamilyFactory(organisation=org_a, name="Gezin Vraagteken", team=[professional_a])


@pytest.fixture
def observation(family_a, professional_a):
    return services.observation_record(
        family=family_a,
        category=SignalCategory.objects.get(code="hunger"),
        severity=2,
        observed_on=timezone.localdate(),
        observer=professional_a,
        description="Komt zonder ontbijt.",
    )


@pytest.fixture
def asked(family_a, observation, professional_a, colleague_a, lead_a):
    """Two questions by Alice: one answered by Annet, one still open with Lena."""
    answered = services.look_request_create(
        family=family_a,
        requested_by=professional_a,
        requested_from=colleague_a,
        message="Zie jij dit ook?",
        observation=observation,
    )
    services.look_request_answer(
        request=answered, author=colleague_a, kind="different_view", text="Bij mij eet ze goed."
    )
    waiting = services.look_request_create(
        family=family_a, requested_by=professional_a, requested_from=lead_a, message="Nog iets?"
    )
    return answered, waiting


def test_mijn_vragen_shows_open_and_answered_with_the_answer_beside_it(
    client_professional_a, asked
):
    answered, waiting = asked
    page = client_professional_a.get(MINE)
    body = page.content.decode()
    assert page.status_code == 200
    assert page.context["open_questions"] == [waiting]
    assert page.context["answered_questions"] == [answered]
    assert "Zie jij dit ook?" in body and "Bij mij eet ze goed." in body
    assert "ik zie het anders" in body and "Annet" in body
    assert f'id="vraag-{answered.public_id}"' in body
    assert "Wachten op antwoord" in body and "Nog geen antwoord." in body


def test_reading_mijn_vragen_reads_the_answer_notifications(
    client_professional_a, asked, professional_a
):
    assert Notification.objects.unread().filter(recipient=professional_a).count() == 1
    client_professional_a.get(MINE)
    assert not Notification.objects.unread().filter(recipient=professional_a).exists()


def test_only_my_own_questions(client_colleague_a, client_professional_b, asked):
    assert client_colleague_a.get(MINE).context["answered_questions"] == []
    body = client_professional_b.get(MINE).content.decode()
    assert "Vraagteken" not in body and "Zie jij dit ook?" not in body


def test_anonymous_beheerder_and_methods(client, client_admin_a, client_professional_a):
    assert reverse("login") in client.get(MINE)["Location"]
    assert client_admin_a.get(MINE).status_code == 403
    assert client_professional_a.post(MINE).status_code == 405


def test_the_timeline_shows_the_answer_under_its_question(client_professional_a, family_a, asked):
    answered, _waiting = asked
    page = client_professional_a.get(family_a.get_absolute_url())
    body = page.content.decode()
    entry = body[body.index(f'id="vraag-{answered.public_id}"') :]
    entry = entry[: entry.index("</li>")]
    assert "Zie jij dit ook?" in entry
    assert 'data-testid="look-answer"' in entry and "Bij mij eet ze goed." in entry
    assert entry.index("Zie jij dit ook?") < entry.index("Bij mij eet ze goed.")
    assert body.count("Bij mij eet ze goed.") == 1  # not a second time as a loose note
    assert "Nog geen antwoord." in body  # the open one


def test_the_answer_form_chooses_nothing_and_shows_the_signal(
    client_colleague_a, asked, family_a, professional_a, colleague_a
):
    look = services.look_request_create(
        family=family_a,
        requested_by=professional_a,
        requested_from=colleague_a,
        observation=LookRequest.objects.get(pk=asked[0].pk).observation,
    )
    page = client_colleague_a.get(reverse("signals:for_me"))
    body = page.content.decode()
    form = page.context["open_requests"][0].form
    assert form["kind"].value() is None
    assert "checked" not in str(form["kind"])
    assert 'data-testid="asked-about"' in body
    assert "Komt zonder ontbijt." in body and "Vaak honger" in body
    prefix = str(look.public_id)
    response = client_colleague_a.post(
        reverse("signals:look_request_answer", args=[look.public_id]),
        {f"{prefix}-text": "Zonder keuze."},
    )
    assert response.status_code == 200
    assert "Kies wat voor antwoord dit is." in response.content.decode()


def test_asking_about_a_signal(client_professional_a, family_a, observation, colleague_a):
    url = reverse("signals:look_request_create", args=[family_a.public_id])
    page = client_professional_a.get(url, {"observatie": str(observation.public_id)})
    assert page.context["form"]["observation"].value() == str(observation.public_id)
    colleague = colleague_a.memberships.get()
    response = client_professional_a.post(
        url,
        {
            "requested_from": str(colleague.public_id),
            "observation": str(observation.public_id),
            "message": "Herken je dit?",
        },
    )
    assert response.status_code == 302
    assert LookRequest.objects.get().observation == observation
    bad = client_professional_a.post(
        url, {"requested_from": str(colleague.public_id), "observation": "onzin"}
    )
    assert bad.status_code == 200 and LookRequest.objects.count() == 1


def test_an_asker_who_left_the_team_keeps_the_question_not_the_answer(
    client_professional_a, asked, family_a, professional_a, lead_a
):
    """Need-to-know: "Mijn vragen" shows her own question, but the answer (and the signal
    asked about, unless it is her own) only while she reads the family's file."""
    from families.models import TeamMember
    from families.services import team_remove

    answered, _waiting = asked
    member = TeamMember.objects.current().get(family=family_a, user=professional_a)
    team_remove(member=member, removed_by=lead_a, reason="Niet meer haar klas.")
    body = client_professional_a.get(MINE).content.decode()
    assert "Zie jij dit ook?" in body  # her own question
    assert "Bij mij eet ze goed." not in body
    assert 'data-testid="answer-withheld"' in body and "niet (meer)" in body
    assert family_a.get_absolute_url() not in body  # no link to a file she cannot open
    # Her own observation asked about still shows what it was about (she wrote it).
    assert "Vaak honger" in body or "honger" in body.lower()


def test_a_confidential_answer_is_its_authors_and_the_leads(
    client_professional_a, client_lead_a, asked
):
    from signals.models import ColleagueNote

    answered, _waiting = asked
    ColleagueNote.objects.filter(pk=answered.answer_id).update(confidential=True)
    body = client_professional_a.get(MINE).content.decode()
    assert "Bij mij eet ze goed." not in body
    assert "vertrouwelijk: vraag het aan Annet" in body


def test_a_confidential_decision_is_not_named_in_the_notification(
    family_a, observation, professional_a, lead_a
):
    services.review_record(
        family=family_a,
        lead=lead_a,
        decision="report_vt",
        rationale="Melding gedaan.",
        vt_reported_on=timezone.localdate(),
    )
    told = Notification.objects.get(recipient=professional_a, kind="decision")
    assert told.detail == "vertrouwelijk"
    assert "Veilig Thuis" not in told.message()
