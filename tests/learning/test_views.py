"""Learning together's pages: the vignette's way back to its family follows need-to-know,
the outcome lands in the family's file, the approved item shows on the team page and on its
category's page (and the story does not), and every page is in the access log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import Child, Family, TeamMember
from learning import services
from learning.models import WhatWorkedReason
from organisations.models import AccessAction, AccessLogEntry, Membership
from signals.models import SignalCategory

STORY = "Verhaalmetnaam-Z"
SHARED = "Een vast aanspreekpunt op school maakte het verschil."


@pytest.fixture
def family(org_a, lead_a, colleague_a):
    family = Family.objects.create(
        organisation=org_a,
        name="Familie Zonnebloem (groep 3)",
        created_by=lead_a,
        contact_person=Membership.objects.get(user=colleague_a),
    )
    Child.objects.create(
        family=family,
        first_name="Pietje",
        birth_date=timezone.localdate() - datetime.timedelta(days=6 * 365),
        group_name="groep 3",
    )
    TeamMember.objects.create(family=family, user=colleague_a, reason="contact")
    return family


@pytest.fixture
def consultation(family, org_a, lead_a):
    return services.consultation_create(
        organisation=org_a,
        prepared_by=lead_a,
        title="Overleg",
        meets_on=timezone.localdate(),
        families=[family],
    )


def test_a_vignette_links_to_its_family_only_for_those_who_read_the_file(
    consultation, family, client_professional_a, client_colleague_a
):
    url = consultation.get_absolute_url()
    outside = client_professional_a.get(url)
    assert outside.status_code == 200
    body = outside.content.decode()
    assert "Casus 1" in body
    assert family.get_absolute_url() not in body
    assert "Zonnebloem" not in body and "Pietje" not in body
    inside = client_colleague_a.get(url).content.decode()
    assert family.get_absolute_url() in inside
    assert AccessLogEntry.objects.filter(
        action=AccessAction.VIEW, object_id=str(consultation.public_id)
    ).exists()


def test_the_outcome_lands_in_the_family_file_once(
    consultation, family, client_lead_a, client_colleague_a, colleague_a
):
    vignette = consultation.vignettes.get()
    owner = Membership.objects.get(user=colleague_a)
    response = client_lead_a.post(
        reverse("learning:vignette_outcome", args=[vignette.public_id]),
        {
            "advice": "Bel de ouders deze week.",
            "follow_up_by": str(owner.public_id),
            "agreement_what": "Huisbezoek plannen",
            "agreement_owner": str(owner.public_id),
            "agreement_due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        },
    )
    assert response.status_code == 302
    page = client_colleague_a.get(family.get_absolute_url()).content.decode()
    assert page.count('data-testid="consultation-outcome"') == 1
    assert "Bel de ouders deze week." in page and "Huisbezoek plannen" in page
    # The agreement is the working list's: it is the owner's.
    assert family.agreements.get().owner == owner


def test_advice_that_names_a_child_is_refused_on_the_form(consultation, client_lead_a, lead_a):
    vignette = consultation.vignettes.get()
    response = client_lead_a.post(
        reverse("learning:vignette_outcome", args=[vignette.public_id]),
        {
            "advice": "Pietje heeft hulp nodig.",
            "follow_up_by": str(Membership.objects.get(user=lead_a).public_id),
        },
    )
    assert response.status_code == 200
    assert "pietje" in response.content.decode()
    vignette.refresh_from_db()
    assert not vignette.has_outcome


def test_the_approved_item_is_on_the_team_page_and_its_category_page_the_story_is_not(
    family, lead_a, colleague_a, client_professional_a, client_admin_a
):
    category = SignalCategory.objects.get(code="supportive-network", organisation__isnull=True)
    item = services.what_worked_invite(family=family, reason=WhatWorkedReason.IMPROVED)
    services.what_worked_write(item=item, by=colleague_a, story=STORY)
    page = reverse("learning:what_worked")
    assert SHARED not in client_professional_a.get(page).content.decode()
    services.what_worked_approve(
        item=item, by=lead_a, shared_text=SHARED, categories=[category], age_band="4-12"
    )
    for url in (page, reverse("signals:category", args=[category.code])):
        body = client_professional_a.get(url).content.decode()
        assert SHARED in body
        assert STORY not in body and "Zonnebloem" not in body
    assert SHARED not in client_professional_a.get(page, {"age": "0-4"}).content.decode()
    other = SignalCategory.objects.get(code="injury-unexplained", organisation__isnull=True)
    assert SHARED not in client_professional_a.get(page, {"category": other.code}).content.decode()
    assert client_admin_a.get(page).status_code == 403
    assert AccessLogEntry.objects.filter(action=AccessAction.SEARCH).exists()


def test_the_overview_counts_families_that_improved_per_quarter(family, client_lead_a):
    services.what_worked_invite(family=family, reason=WhatWorkedReason.IMPROVED)
    body = client_lead_a.get(reverse("signals:overview")).content.decode()
    assert 'data-testid="improved"' in body
    quarter = (timezone.localdate().month - 1) // 3 + 1
    assert f'<td>K{quarter} {timezone.localdate().year}</td><td class="text-end">1</td>' in body
