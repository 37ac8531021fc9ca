"""Talking with parents (issue 14): prepare, record, the parents' view, the summary,
coverage and correction requests."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from organisations.models import AccessAction, AccessLogEntry
from signals import services
from signals.models import (
    Conversation,
    CorrectionRequest,
    Observation,
    ParentsDiscussed,
    ParentsView,
    SignalCategory,
)
from signals.parents import services as parents_services
from tests.factories import FamilyFactory, ObservationFactory

TODAY = timezone.localdate


@pytest.fixture
def family_a(org_a, professional_a):
    return FamilyFactory(organisation=org_a, team=[professional_a])


def _risk(code_index=0):
    return SignalCategory.objects.filter(organisation__isnull=True, kind="risk").order_by("pk")[
        code_index
    ]


def _protective():
    return SignalCategory.objects.filter(organisation__isnull=True, kind="protective").first()


@pytest.fixture
def concern(family_a, professional_a):
    return ObservationFactory(
        family=family_a, observer=professional_a, category=_risk(), description="Zorgtekst-1"
    )


@pytest.fixture
def going_well(family_a, professional_a):
    return ObservationFactory(
        family=family_a,
        observer=professional_a,
        category=_protective(),
        severity=1,
        description="Oma haalt elke dag op",
    )


def prepare_url(family):
    return reverse("signals:conversation_prepare", args=[family.public_id])


# Prepare ---------------------------------------------------------------------------------


def test_prepare_shows_what_goes_well_first_then_the_concerns_with_what_to_ask(
    client_professional_a, family_a, concern, going_well
):
    response = client_professional_a.get(prepare_url(family_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Oma haalt elke dag op") < html.index("Zorgtekst-1")
    assert concern.category.ask[:30] in html
    assert "Elke ouder loopt wel eens ergens tegenaan" in html
    assert AccessLogEntry.objects.filter(
        action=AccessAction.VIEW, family_public_id=family_a.public_id
    ).exists()


def test_prepare_keeps_the_chosen_observations(
    client_professional_a, family_a, concern, professional_a
):
    response = client_professional_a.post(
        prepare_url(family_a),
        {"observations": [str(concern.public_id)], "preparation_note": "Rustig beginnen"},
    )
    conversation = Conversation.objects.get()
    assert response["Location"] == conversation.get_absolute_url()
    assert [r.chain for r in conversation.raised.all()] == [concern.chain]
    assert not conversation.is_recorded
    assert AccessLogEntry.objects.filter(
        action=AccessAction.CREATE, family_public_id=family_a.public_id
    ).exists()


def test_a_confidential_observation_cannot_be_raised(family_a, professional_a):
    secret = services.observation_record(
        family=family_a,
        category=_risk(),
        severity=3,
        observed_on=TODAY(),
        observer=professional_a,
        description="Onthulling",
        confidential=True,
    )
    with pytest.raises(ValidationError) as exc:
        parents_services.conversation_prepare(
            family=family_a, prepared_by=professional_a, observations=[secret]
        )
    assert "observations" in exc.value.message_dict


def test_the_prepare_page_does_not_offer_a_confidential_observation_even_to_its_author(
    client_professional_a, family_a, professional_a
):
    services.observation_record(
        family=family_a,
        category=_risk(),
        severity=3,
        observed_on=TODAY(),
        observer=professional_a,
        description="Onthulling-geheim",
        confidential=True,
    )
    assert (
        "Onthulling-geheim" not in client_professional_a.get(prepare_url(family_a)).content.decode()
    )


def test_an_observation_of_another_family_cannot_be_raised(org_a, family_a, professional_a):
    other = FamilyFactory(organisation=org_a, team=[professional_a])
    theirs = ObservationFactory(family=other, observer=professional_a)
    with pytest.raises(ValidationError):
        parents_services.conversation_prepare(
            family=family_a, prepared_by=professional_a, observations=[theirs]
        )


def test_outside_the_team_the_prepare_page_is_a_404(client_colleague_a, family_a):
    assert client_colleague_a.get(prepare_url(family_a)).status_code == 404


# Record ----------------------------------------------------------------------------------


@pytest.fixture
def prepared(family_a, professional_a, concern):
    return parents_services.conversation_prepare(
        family=family_a, prepared_by=professional_a, observations=[concern]
    )


def _record_data(prepared, **extra):
    data = {
        "held_on": TODAY().isoformat(),
        "with_parents": "on",
        "participants_note": "moeder",
        "parents_view": "Het is druk thuis sinds de verhuizing.",
        "help_wanted": "Hulp bij de ochtenden",
        "next_on": (TODAY() + datetime.timedelta(days=28)).isoformat(),
        f"response_{prepared.raised.get().chain.hex}": "Moeder herkent het",
    }
    data.update(extra)
    return data


def test_recording_marks_the_raised_observations_discussed_as_a_correction(
    client_professional_a, prepared, concern
):
    response = client_professional_a.post(prepared.get_absolute_url(), _record_data(prepared))
    assert response.status_code == 302
    prepared.refresh_from_db()
    assert prepared.is_recorded
    assert prepared.parents_view == "Het is druk thuis sinds de verhuizing."
    versions = list(Observation.objects.filter(chain=concern.chain).order_by("pk"))
    assert len(versions) == 2, "the original stays; the discussion is a new version"
    assert versions[0].parents_discussed == ParentsDiscussed.NOT_YET
    assert versions[1].parents_discussed == ParentsDiscussed.YES
    assert versions[1].parents_response == "Moeder herkent het"
    assert "gesprek met de ouders" in versions[1].amend_reason


def test_recording_keeps_agreements_of_the_working_list_a_parent_may_carry_out(
    client_professional_a, prepared, professional_a, lead_a
):
    from organisations.models import Membership
    from signals.models import Agreement

    lead = Membership.objects.get(user=lead_a)
    due = (TODAY() + datetime.timedelta(days=14)).isoformat()
    data = _record_data(
        prepared,
        agreement_1_what="Moeder belt het wijkteam",
        agreement_1_who="ouder:mother",
        agreement_1_due_on=due,
        agreement_2_what="Schoolontbijt aanvragen",
        agreement_2_who=str(lead.public_id),
        agreement_2_due_on=due,
    )
    response = client_professional_a.post(prepared.get_absolute_url(), data)
    assert response.status_code == 302, response.context["form"].errors
    mother, ours = prepared.agreements.order_by("pk")
    assert mother.parent_role == "mother" and mother.review is None
    assert mother.owner.user == professional_a  # who recorded it follows it up
    assert ours.owner == lead and not ours.parent_role
    assert Agreement.objects.filter(family=prepared.family).count() == 2
    # the parents read "u" for their own, and the organisation for a colleague who is not
    # the contact person (no colleague's name)
    client_professional_a.post(
        reverse("signals:conversation_summary", args=[prepared.public_id]),
        {"language": "nl", "noticed_0": "Iets"},
    )
    html = client_professional_a.get(
        reverse("signals:conversation_summary_print", args=[prepared.public_id])
    ).content.decode()
    assert "Moeder belt het wijkteam — u" in html
    assert "Schoolontbijt aanvragen — " + prepared.family.organisation.name in html
    assert lead_a.get_full_name() not in html


def test_an_agreement_without_who_or_date_is_refused_and_nothing_saved(
    client_professional_a, prepared
):
    data = _record_data(prepared, agreement_1_what="Iets afspreken")
    response = client_professional_a.post(prepared.get_absolute_url(), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["agreement_1_who"] and errors["agreement_1_due_on"]
    prepared.refresh_from_db()
    assert not prepared.is_recorded and not prepared.agreements.exists()


def test_an_agreement_in_the_past_is_refused_by_the_service(client_professional_a, prepared):
    data = _record_data(
        prepared,
        agreement_1_what="Te laat",
        agreement_1_who="ouder:parents",
        agreement_1_due_on="2000-01-01",
    )
    response = client_professional_a.post(prepared.get_absolute_url(), data)
    assert response.status_code == 200
    assert "Afspraak 1" in " ".join(response.context["form"].non_field_errors())
    prepared.refresh_from_db()
    assert not prepared.is_recorded


def test_a_conversation_is_recorded_once(client_professional_a, prepared, professional_a):
    client_professional_a.post(prepared.get_absolute_url(), _record_data(prepared))
    with pytest.raises(ValidationError):
        parents_services.conversation_record(
            conversation=prepared, recorded_by=professional_a, held_on=TODAY(), with_parents=True
        )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": ""}, "held_on"),
        ({"held_on": "2099-01-01"}, "held_on"),
        ({"with_parents": ""}, "with_parents"),
        ({"next_on": "2000-01-01"}, "next_on"),
        ({"parents_view": "x" * 5001}, "parents_view"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    client_professional_a, prepared, change, field, concern
):
    data = _record_data(prepared, **change)
    if change.get("with_parents") == "":
        data.pop("with_parents")
    response = client_professional_a.post(prepared.get_absolute_url(), data)
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    prepared.refresh_from_db()
    assert not prepared.is_recorded
    assert Observation.objects.filter(chain=concern.chain).count() == 1


def test_the_conversation_is_an_entry_on_the_timeline(client_professional_a, prepared, family_a):
    client_professional_a.post(prepared.get_absolute_url(), _record_data(prepared))
    html = client_professional_a.get(family_a.get_absolute_url()).content.decode()
    assert "Gesprek met ouders gevoerd" in html
    assert "Het is druk thuis sinds de verhuizing." in html
    assert 'data-testid="parents-coverage"' in html
    assert "1 van 1 huidige zorgen besproken" in html


# The parents' view on one observation ---------------------------------------------------


def test_the_parents_view_stands_beside_the_observation_everywhere(
    client_professional_a, client_lead_a, family_a, concern
):
    url = reverse("signals:parents_view_add", args=[concern.public_id])
    response = client_professional_a.post(url, {"text": "Ouders-zien-het-anders-42"})
    assert response.status_code == 302
    assert ParentsView.objects.get().chain == concern.chain
    # a later correction keeps the view beside it
    services.observation_amend(
        original=concern, observer=concern.observer, severity=3, reason="Ernstiger"
    )
    for client, page in (
        (client_professional_a, family_a.get_absolute_url()),
        (client_professional_a, concern.get_absolute_url()),
        (client_professional_a, prepare_url(family_a)),
        (client_lead_a, reverse("signals:explanation", args=[family_a.public_id])),
    ):
        assert "Ouders-zien-het-anders-42" in client.get(page).content.decode(), page


def test_an_empty_parents_view_is_refused(client_professional_a, concern):
    url = reverse("signals:parents_view_add", args=[concern.public_id])
    response = client_professional_a.post(url, {"text": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert not ParentsView.objects.exists()


def test_the_parents_view_on_a_confidential_observation_is_not_shown_to_the_team(
    client_professional_a, family_a, org_a, lead_a
):
    from tests.factories import MembershipFactory

    author = MembershipFactory(organisation=org_a, role="professional").user
    secret = services.observation_record(
        family=family_a,
        category=_risk(),
        severity=3,
        observed_on=TODAY(),
        observer=author,
        description="Geheim",
        confidential=True,
    )
    services.parents_view_add(observation=secret, recorded_by=lead_a, text="Geheime-visie")
    html = client_professional_a.get(family_a.get_absolute_url()).content.decode()
    assert "Geheime-visie" not in html


# The summary for the parents -----------------------------------------------------------


@pytest.fixture
def recorded(client_professional_a, prepared):
    client_professional_a.post(prepared.get_absolute_url(), _record_data(prepared))
    prepared.refresh_from_db()
    return prepared


def test_the_summary_prints_only_what_was_written_for_the_parents(
    client_professional_a, recorded, family_a, concern, going_well, professional_a
):
    services.note_add(
        family=family_a, author=professional_a, kind="question", text="Collega-vraag-geheim"
    )
    url = reverse("signals:conversation_summary", args=[recorded.public_id])
    page = client_professional_a.get(url)
    assert page.status_code == 200
    response = client_professional_a.post(
        url,
        {
            "language": "nl",
            "noticed_0": "Uw zoon is vaak moe in de klas.",
            "noticed_1": "",
            "going_well_0": "Oma helpt veel.",
        },
    )
    assert response.status_code == 302
    printed = client_professional_a.get(
        reverse("signals:conversation_summary_print", args=[recorded.public_id])
    )
    html = printed.content.decode()
    assert "Uw zoon is vaak moe in de klas." in html
    assert "Oma helpt veel." in html
    assert "Veilig Thuis" in html and "0800-2000" in html
    for never in ("Zorgtekst-1", "Collega-vraag-geheim", concern.category.name, "Score"):
        assert never not in html
    assert AccessLogEntry.objects.filter(
        action=AccessAction.EXPORT, family_public_id=family_a.public_id
    ).exists()


def test_the_summary_is_printed_in_the_language_chosen_for_the_parents(
    client_professional_a, recorded
):
    url = reverse("signals:conversation_summary", args=[recorded.public_id])
    client_professional_a.post(url, {"language": "en", "noticed_0": "Tired in class."})
    html = client_professional_a.get(
        reverse("signals:conversation_summary_print", args=[recorded.public_id])
    ).content.decode()
    assert '<html lang="en">' in html
    assert "Your rights" in html


def test_an_unknown_summary_language_is_refused(client_professional_a, recorded):
    url = reverse("signals:conversation_summary", args=[recorded.public_id])
    response = client_professional_a.post(url, {"language": "xx", "noticed_0": "Iets"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]


# Coverage ---------------------------------------------------------------------------------


def test_the_working_list_shows_coverage_and_the_not_yet_discussed_marker(
    client_lead_a, family_a, professional_a
):
    for n in range(4):
        ObservationFactory(family=family_a, observer=professional_a, category=_risk(n), severity=3)
    html = client_lead_a.get(reverse("signals:dashboard")).content.decode()
    assert "nog niet met ouders besproken" in html
    assert "0 van 4" in html
    latest = Observation.objects.latest_versions().filter(family=family_a).first()
    services.observation_amend(
        original=latest,
        observer=professional_a,
        parents_discussed=ParentsDiscussed.YES,
        reason="Besproken",
    )
    html = client_lead_a.get(reverse("signals:dashboard")).content.decode()
    assert "nog niet met ouders besproken" not in html
    assert "1 van 4" in html


# Correction requests ----------------------------------------------------------------------


def test_a_correction_request_is_recorded_and_decided_by_a_lead(
    client_professional_a, client_lead_a, family_a, concern
):
    response = client_professional_a.post(
        reverse("signals:correction_request_create", args=[family_a.public_id]),
        {
            "kind": "correct",
            "observation": str(concern.public_id),
            "text": "Het was niet elke dag",
            "received_on": TODAY().isoformat(),
        },
    )
    correction = CorrectionRequest.objects.get()
    assert response["Location"] == correction.get_absolute_url()
    # a professional reads it, but does not decide
    assert client_professional_a.get(correction.get_absolute_url()).status_code == 200
    refused = client_professional_a.post(
        correction.get_absolute_url(), {"decision": "granted", "reason": "x"}
    )
    assert refused.status_code == 403
    decided = client_lead_a.post(
        correction.get_absolute_url(), {"decision": "granted", "reason": "Klopt, we passen aan"}
    )
    assert decided.status_code == 302
    correction.refresh_from_db()
    assert correction.decision == "granted" and correction.decided_at is not None
    assert AccessLogEntry.objects.filter(
        action=AccessAction.REVIEW, family_public_id=family_a.public_id
    ).exists()
    # decided once: a second decision is refused and the first stays
    again = client_lead_a.post(
        correction.get_absolute_url(), {"decision": "refused", "reason": "Toch niet"}, follow=True
    )
    assert "al besloten" in again.content.decode()
    correction.refresh_from_db()
    assert correction.decision == "granted"


def test_a_decision_needs_its_reason(client_lead_a, family_a, professional_a):
    correction = parents_services.correction_request_record(
        family=family_a,
        recorded_by=professional_a,
        kind="remove",
        text="Weghalen",
        received_on=TODAY(),
    )
    response = client_lead_a.post(correction.get_absolute_url(), {"decision": "refused"})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    correction.refresh_from_db()
    assert not correction.is_decided


def test_the_summary_text_reads_at_an_easy_level_in_every_language():
    from signals.management.commands.parents_reading_level import text_of

    for lang in ("nl", "en"):
        text = text_of(lang)
        sentences = [s for s in text.replace("?", ".").split(". ") if s.strip()]
        words = text.split()
        assert len(words) / len(sentences) < 12, lang  # short sentences (B1)


def test_the_family_export_holds_conversations_views_and_correction_requests(
    client_lead_a, recorded, family_a, concern, professional_a
):
    services.parents_view_add(observation=concern, recorded_by=professional_a, text="Visie-X")
    parents_services.correction_request_record(
        family=family_a,
        recorded_by=professional_a,
        kind="remove",
        text="Verzoek-X",
        received_on=TODAY(),
    )
    data = client_lead_a.get(reverse("dossier:export_json", args=[family_a.public_id])).json()
    part = data["parents"]
    assert part["conversations"][0]["parents_view"] == "Het is druk thuis sinds de verhuizing."
    assert part["conversations"][0]["raised"][0]["response"] == "Moeder herkent het"
    assert part["parents_views"][0]["text"] == "Visie-X"
    assert part["correction_requests"][0]["text"] == "Verzoek-X"


def test_the_overview_shows_the_share_discussed_this_year(client_lead_a, recorded, family_a):
    ObservationFactory(family=family_a, category=_risk(1))  # not discussed
    html = client_lead_a.get(reverse("signals:overview")).content.decode()
    assert 'data-testid="discussed-share">50%<' in html
