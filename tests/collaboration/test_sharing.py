"""What consent on both sides of a match shares: the other's agreements (both scopes; never
those of a confidential review) and, with "ook zorgen per domein" on both sides, the entries
whose author chose "delen met ketenpartners" (never a confidential one, never one about a
brother or sister who was not matched). Withdrawn, gone at once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from collaboration import services
from collaboration.models import Match
from collaboration.selectors import shared_views
from families.services import child_add
from organisations.models import Membership
from signals.models import Observation, SignalCategory
from signals.services import observation_amend, observation_record, review_record


@pytest.fixture
def matched(region, family_a, family_b, professional_a, professional_b, today):
    for (_family, child), user in ((family_a, professional_a), (family_b, professional_b)):
        services.signal_raise(child=child, raised_by=user, parents_informed_on=today)
    return Match.objects.get()


def _consent(child, user, match, today, scope):
    return services.consent_record(
        child=child, match=str(match.public_id), recorded_by=user, given_on=today, scope=scope
    )


def _record(family, child, observer, text, **flags):
    return observation_record(
        family=family,
        child=child,
        category=SignalCategory.objects.filter(kind="risk", organisation__isnull=True).first(),
        severity=1,
        observed_on=datetime.date.today(),
        observer=observer,
        description=text,
        **flags,
    )


@pytest.fixture
def b_file(family_b, org_b, professional_b, lead_b, today):
    """B's agreements (one from a confidential review) and entries, shared and not."""
    family, child = family_b
    owner = Membership.objects.get(user=professional_b, organisation=org_b)
    due = today + datetime.timedelta(days=14)
    review_record(
        family=family,
        lead=lead_b,
        decision="talk_parents",
        rationale="Onderbouwing-B",
        agreements=[{"what": "Afspraak-B: huisbezoek", "owner": owner, "due_on": due}],
    )
    review_record(
        family=family,
        lead=lead_b,
        decision="monitor",
        rationale="Vertrouwelijk-B",
        confidential=True,
        agreements=[{"what": "Afspraak-Geheim-B", "owner": owner, "due_on": due}],
    )
    sibling = child_add(family=family, first_name="Broer", birth_date=datetime.date(2016, 1, 2))
    _record(family, child, professional_b, "Gedeeld-B over het kind", shared_with_partners=True)
    _record(family, None, professional_b, "Gedeeld-B over het gezin", shared_with_partners=True)
    _record(family, sibling, professional_b, "Gedeeld-B over de broer", shared_with_partners=True)
    _record(family, child, professional_b, "Niet-gedeeld-B")
    _record(family, child, professional_b, "Vertrouwelijk-obs-B", confidential=True)
    return family


def _texts(view):
    return (
        [a.what for a in view.other_agreements],
        sorted(e.description for e in view.other_entries),
    )


def test_consent_shares_agreements_then_the_wider_scope_the_shared_entries(
    matched, b_file, family_a, family_b, professional_a, professional_b, today
):
    fam_a, child_a = family_a
    _consent(child_a, professional_a, matched, today, "domains")
    [view] = shared_views(fam_a, as_of=today)
    assert _texts(view) == ([], [])  # one side is not enough
    _consent(family_b[1], professional_b, matched, today, "contact")
    [view] = shared_views(fam_a, as_of=today)
    assert _texts(view) == (["Afspraak-B: huisbezoek"], [])  # contact: agreements only
    [agreement] = view.other_agreements
    assert agreement.who == professional_b.get_full_name() and agreement.status == "open"
    _consent(family_b[1], professional_b, matched, today, "domains")
    [view] = shared_views(fam_a, as_of=today)
    assert _texts(view) == (
        ["Afspraak-B: huisbezoek"],
        ["Gedeeld-B over het gezin", "Gedeeld-B over het kind"],
    )
    # Withdrawing hides it at once.
    services.consent_withdraw(
        child=child_a, match=str(matched.public_id), withdrawn_by=professional_a
    )
    [view] = shared_views(fam_a, as_of=today)
    assert _texts(view) == ([], [])


def test_a_correction_can_take_an_entry_back(
    matched, b_file, family_a, family_b, professional_a, professional_b, today
):
    _consent(family_a[1], professional_a, matched, today, "domains")
    _consent(family_b[1], professional_b, matched, today, "domains")
    shared = Observation.objects.get(description="Gedeeld-B over het kind")
    observation_amend(
        original=shared,
        observer=professional_b,
        reason="Toch niet delen",
        shared_with_partners=False,
    )
    [view] = shared_views(family_a[0], as_of=today)
    assert _texts(view)[1] == ["Gedeeld-B over het gezin"]


def test_a_confidential_entry_cannot_be_shared(family_b, professional_b):
    family, child = family_b
    with pytest.raises(ValidationError) as refused:
        _record(family, child, professional_b, "x", confidential=True, shared_with_partners=True)
    assert "shared_with_partners" in refused.value.message_dict
    assert not Observation.objects.filter(description="x").exists()
    first = _record(family, child, professional_b, "y", shared_with_partners=True)
    with pytest.raises(ValidationError):
        observation_amend(original=first, observer=professional_b, reason="r", confidential=True)


def test_the_pages_show_it_and_nothing_else_of_the_file(
    matched, b_file, family_a, family_b, professional_a, professional_b, today
):
    _consent(family_a[1], professional_a, matched, today, "domains")
    _consent(family_b[1], professional_b, matched, today, "domains")
    http = Client()
    http.force_login(professional_a)
    for url in (
        family_a[0].get_absolute_url(),
        reverse("collaboration:child", args=[family_a[1].public_id]),
    ):
        body = http.get(url).content.decode()
        assert "Afspraak-B: huisbezoek" in body and "Gedeeld-B over het kind" in body
        for secret in (
            "Afspraak-Geheim-B",
            "Niet-gedeeld-B",
            "Vertrouwelijk-obs-B",
            "Gedeeld-B over de broer",
            "Onderbouwing-B",
            "Vertrouwelijk-B",
            "Gezin B",
        ):
            assert secret not in body, (url, secret)


def test_outside_a_region_the_form_does_not_offer_sharing(
    family_a, client_professional_a, settings
):
    family, _child = family_a
    url = reverse("signals:family_observation_create", args=[family.public_id])
    assert "Delen met ketenpartners" not in client_professional_a.get(url).content.decode()


def test_without_the_key_the_form_does_not_offer_sharing(
    region, family_a, client_professional_a, settings
):
    settings.STAP0_MATCH_KEY = ""
    family, _child = family_a
    url = reverse("signals:family_observation_create", args=[family.public_id])
    assert "Delen met ketenpartners" not in client_professional_a.get(url).content.decode()


def test_a_correction_after_leaving_the_region_keeps_the_choice(
    region, family_a, client_professional_a, professional_a, org_a, lead_a
):
    family, child = family_a
    shared = _record(family, child, professional_a, "Eerder gedeeld", shared_with_partners=True)
    services.region_opt_in(organisation=org_a, lead=lead_a, take_part=False)
    url = reverse("signals:observation_amend", args=[shared.public_id])
    page = client_professional_a.get(url)
    assert "Delen met ketenpartners" not in page.content.decode()
    data = {key: value for key, value in page.context["form"].initial.items() if value is not None}
    data.update(
        category=shared.category.code,
        child=str(child.public_id),
        observed_on=shared.observed_on.isoformat(),
        description="Eerder gedeeld, aangevuld",
        reason="Aangevuld.",
    )
    assert client_professional_a.post(url, data).status_code == 302
    latest = Observation.objects.filter(chain=shared.chain).latest_versions().get()
    assert latest.description == "Eerder gedeeld, aangevuld"
    assert latest.shared_with_partners


def test_the_observation_form_offers_sharing(
    region, family_a, client_professional_a, professional_a
):
    family, child = family_a
    url = reverse("signals:family_observation_create", args=[family.public_id])
    page = client_professional_a.get(url).content.decode()
    assert "Delen met ketenpartners" in page
    category = SignalCategory.objects.filter(kind="risk", organisation__isnull=True).first()
    response = client_professional_a.post(
        url,
        {
            "child": str(child.public_id),
            "category": category.code,
            "severity": "1",
            "observed_on": datetime.date.today().isoformat(),
            "description": "Via het formulier gedeeld",
            "parents_discussed": "not_yet",
            "shared_with_partners": "on",
        },
    )
    assert response.status_code == 302
    assert Observation.objects.get(description="Via het formulier gedeeld").shared_with_partners


def test_a_new_consent_replaces_this_sides_earlier_one_and_a_refused_one_keeps_it(
    matched, family_a, professional_a, today
):
    child = family_a[1]
    first = _consent(child, professional_a, matched, today, "contact")
    with pytest.raises(ValidationError):
        _consent(child, professional_a, matched, today + datetime.timedelta(days=2), "domains")
    first.refresh_from_db()
    assert first.withdrawn_at is None  # the refusal changed nothing
    second = _consent(child, professional_a, matched, today, "domains")
    first.refresh_from_db()
    assert first.withdrawn_at is not None and second.withdrawn_at is None
