"""Agreements: their owner (or a lead) marks them done or not done with a note; they show on
the family page, on the owner's start page and on the working list when overdue."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from families.models import TeamMember
from families.services import team_add, team_remove
from organisations.models import AccessLogEntry, Membership
from signals.models import Agreement, Review
from signals.reviews.agreements import agreement_add
from signals.services import agreement_close
from tests.factories import FamilyFactory

TODAY = timezone.localdate


@pytest.fixture
def agreement(org_a, lead_a, professional_a):
    family = FamilyFactory(organisation=org_a, name="Gezin Afspraak")
    review = Review.objects.create(family=family, lead=lead_a, decision="monitor", rationale="r")
    return agreement_add(
        review=review,
        what="Gesprek met vader over het eten",
        owner=Membership.objects.get(user=professional_a, organisation=org_a),
        due_on=TODAY() + datetime.timedelta(days=3),
    )


def close_url(agreement):
    return reverse("signals:agreement_close", args=[agreement.public_id])


def test_the_owner_marks_it_done(agreement, professional_a):
    agreement_close(agreement=agreement, by=professional_a, done=True, note="Ging goed.")
    agreement.refresh_from_db()
    assert (agreement.status, agreement.outcome_note, agreement.closed_by) == (
        "done",
        "Ging goed.",
        professional_a,
    )
    with pytest.raises(ValidationError):
        agreement_close(agreement=agreement, by=professional_a, done=False, note="x")


def test_not_done_needs_a_note_and_only_owner_or_lead(agreement, colleague_a, lead_a):
    with pytest.raises(ValidationError):
        agreement_close(agreement=agreement, by=colleague_a, done=True)
    with pytest.raises(ValidationError) as exc:
        agreement_close(agreement=agreement, by=lead_a, done=False, note="")
    assert "outcome_note" in exc.value.message_dict
    agreement_close(agreement=agreement, by=lead_a, done=False, note="Vader was ziek.")
    agreement.refresh_from_db()
    assert agreement.status == "not_done"


def test_start_page_family_page_and_mijn_afspraken(client_professional_a, agreement):
    start = client_professional_a.get(reverse("families:list")).content.decode()
    assert "Mijn afspraken" in start and "Gesprek met vader over het eten" in start
    family_page = client_professional_a.get(agreement.family.get_absolute_url()).content.decode()
    assert "Gesprek met vader over het eten" in family_page and close_url(agreement) in family_page
    mine = client_professional_a.get(reverse("signals:my_agreements"))
    assert mine.status_code == 200 and mine.context["open_items"] == [agreement]


def test_the_close_page(
    client_professional_a, client_colleague_a, client_lead_b, colleague_a, lead_a, agreement
):
    # Outside the family's team the agreement is a 404; in it, not hers to close: 403.
    assert client_colleague_a.get(close_url(agreement)).status_code == 404
    team_add(family=agreement.family, user=colleague_a, added_by=lead_a, note="mee")
    assert client_colleague_a.get(close_url(agreement)).status_code == 403
    assert client_lead_b.get(close_url(agreement)).status_code == 404
    response = client_professional_a.post(close_url(agreement), {"done": "no", "note": ""})
    assert response.status_code == 200
    assert "Schrijf kort waarom het niet gelukt is." in response.content.decode()
    response = client_professional_a.post(
        close_url(agreement), {"done": "yes", "note": "Gedaan.", "next": "mine"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("signals:my_agreements")
    agreement.refresh_from_db()
    assert agreement.status == "done"
    assert AccessLogEntry.objects.filter(object_id=str(agreement.public_id)).exists()
    assert client_professional_a.put(close_url(agreement)).status_code == 405


def test_overdue_it_puts_the_family_on_the_working_list(client_lead_a, agreement):
    url = reverse("signals:dashboard")
    assert (
        agreement.family not in client_lead_a.get(url, {"marker": "agreement"}).context["families"]
    )
    Agreement.objects.filter(pk=agreement.pk).update(due_on=TODAY() - datetime.timedelta(days=1))
    response = client_lead_a.get(url, {"marker": "agreement"})
    (row,) = response.context["families"]
    assert row.section.name == "waiting" and row.agreement_overdue
    assert "afspraak te laat" in response.content.decode()
    assert "Gesprek met vader over het eten" in response.content.decode()


def test_whoever_carries_it_out_joins_the_team_and_leaves_it_with_the_file(
    client_professional_a, professional_a, lead_a, agreement
):
    """Need-to-know: an agreement puts its owner in the family's team; once removed from the
    team, the agreement no longer shows on their start page nor in "Mijn afspraken"."""
    member = TeamMember.objects.current().get(family=agreement.family, user=professional_a)
    team_remove(member=member, removed_by=lead_a, reason="Niet meer betrokken.")
    start = client_professional_a.get(reverse("families:list")).content.decode()
    assert "Gesprek met vader over het eten" not in start
    mine = client_professional_a.get(reverse("signals:my_agreements"))
    assert mine.context["open_items"] == []
    assert client_professional_a.get(close_url(agreement)).status_code == 404


def test_an_agreement_of_a_confidential_review_is_its_owners_and_the_leads(
    org_a, lead_a, professional_a, colleague_a, client_professional_a, client_colleague_a
):
    family = FamilyFactory(organisation=org_a, name="Gezin Vertrouwelijk")
    team_add(family=family, user=colleague_a, added_by=lead_a, note="team")
    review = Review.objects.create(
        family=family, lead=lead_a, decision="report_vt", rationale="r", confidential=True
    )
    agreement_add(
        review=review,
        what="Geheime afspraak met Veilig Thuis",
        owner=Membership.objects.get(user=professional_a, organisation=org_a),
        due_on=TODAY() + datetime.timedelta(days=3),
    )
    owner_page = client_professional_a.get(family.get_absolute_url()).content.decode()
    assert "Geheime afspraak met Veilig Thuis" in owner_page
    team_page = client_colleague_a.get(family.get_absolute_url()).content.decode()
    assert "Geheime afspraak met Veilig Thuis" not in team_page
