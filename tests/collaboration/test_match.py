"""Involvement signals, the match, consent and the pile-up across organisations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from collaboration import services
from collaboration.models import Consent, InvolvementSignal, Match
from collaboration.selectors import pile_up, shared_views
from families.services import child_add, child_update
from notifications.models import Notification, NotificationKind
from organisations.models import AccessLogEntry
from tests.collaboration.conftest import BIRTH, _family
from tests.factories import SignalCategoryFactory, observation_add


def _raise(child, user, today):
    return services.signal_raise(child=child, raised_by=user, parents_informed_on=today)


def test_one_signal_alone_matches_nothing(region, family_a, professional_a, today):
    _family, child = family_a
    signal = _raise(child, professional_a, today)
    assert signal.token and len(signal.token) == 64
    assert not Match.objects.exists()
    assert not Notification.objects.filter(kind=NotificationKind.MATCH).exists()


def test_two_signals_match_and_tell_both_contact_persons_only_who_and_how(
    region, family_a, family_b, professional_a, professional_b, today
):
    (fam_a, child_a), (fam_b, child_b) = family_a, family_b
    _raise(child_a, professional_a, today)
    _raise(child_b, professional_b, today)
    assert Match.objects.count() == 1
    to_a = Notification.objects.get(kind=NotificationKind.MATCH, recipient=professional_a)
    to_b = Notification.objects.get(kind=NotificationKind.MATCH, recipient=professional_b)
    assert to_a.family == fam_a and to_b.family == fam_b
    assert "Kinderopvang B" in to_a.detail and "bob@example.invalid" in to_a.detail
    assert "contactpersoon" in to_a.detail
    assert "Basisschool A" in to_b.detail and "alice@example.invalid" in to_b.detail
    # Nothing more crosses: no family name, no child's name.
    assert "Zeldzaamnaam-A" not in to_b.message()
    assert "Sem" not in to_b.detail
    # Access-logged on both sides.
    assert AccessLogEntry.objects.for_family(fam_a).filter(object_type="match").exists()
    assert AccessLogEntry.objects.for_family(fam_b).filter(object_type="match").exists()


def test_only_the_contact_person_or_a_lead_raises_it(region, family_a, colleague_a, lead_a, today):
    _family, child = family_a
    with pytest.raises(ValidationError):
        _raise(child, colleague_a, today)
    assert _raise(child, lead_a, today)


def test_parents_informed_date_is_required_and_not_in_the_future(
    region, family_a, professional_a, today
):
    _family, child = family_a
    for when in (None, today + datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as exc:
            services.signal_raise(child=child, raised_by=professional_a, parents_informed_on=when)
        assert "parents_informed_on" in exc.value.message_dict


def test_without_the_key_the_feature_refuses(settings, region, family_a, professional_a, today):
    settings.STAP0_MATCH_KEY = ""
    _family, child = family_a
    with pytest.raises(ValidationError, match="staat uit"):
        _raise(child, professional_a, today)


def test_a_signal_under_another_key_matches_nothing(
    settings, region, family_a, family_b, professional_a, professional_b, today
):
    _raise(family_a[1], professional_a, today)
    settings.STAP0_MATCH_KEY = "another-key-" + "x" * 30
    _raise(family_b[1], professional_b, today)
    assert not Match.objects.exists()


def test_an_organisation_that_did_not_opt_in_matches_nothing(
    region, org_b, lead_b, family_a, family_b, professional_a, professional_b, today
):
    services.region_opt_in(organisation=org_b, lead=lead_b, take_part=False)
    _raise(family_a[1], professional_a, today)
    with pytest.raises(ValidationError):
        _raise(family_b[1], professional_b, today)
    assert not Match.objects.exists()


def test_a_professional_cannot_opt_in(region, org_a, professional_a):
    with pytest.raises(ValidationError):
        services.region_opt_in(organisation=org_a, lead=professional_a, take_part=False)


def test_withdrawing_ends_the_match(
    region, family_a, family_b, professional_a, professional_b, today
):
    _raise(family_a[1], professional_a, today)
    _raise(family_b[1], professional_b, today)
    services.signal_withdraw(child=family_a[1], withdrawn_by=professional_a)
    assert not Match.objects.live().exists()
    assert shared_views(family_b[0], as_of=today) == []


@pytest.fixture
def matched(region, family_a, family_b, professional_a, professional_b, today):
    _raise(family_a[1], professional_a, today)
    _raise(family_b[1], professional_b, today)
    return Match.objects.get()


def _consent(child, user, match, today, scope="domains"):
    return services.consent_record(
        child=child, match=str(match.public_id), recorded_by=user, given_on=today, scope=scope
    )


def test_consent_on_both_sides_with_the_wider_scope_shows_counts_per_domain_and_the_pile_up(
    matched, family_a, family_b, professional_a, professional_b, org_a, org_b, today
):
    (fam_a, child_a), (fam_b, child_b) = family_a, family_b
    categories = [SignalCategoryFactory(domain="family") for _ in range(3)]
    for category in categories[:2]:
        observation_add(family=fam_a, category=category, observer=professional_a)
    for category in categories[1:]:
        observation_add(family=fam_b, category=category, observer=professional_b)
    org_a.distinct_threshold = 3
    org_a.save()

    [view] = shared_views(fam_a, as_of=today)
    assert not view.both_consented and view.other_domains == []
    _consent(child_a, professional_a, matched, today)
    [view] = shared_views(fam_a, as_of=today)
    assert not view.both_consented  # one side is not enough
    _consent(child_b, professional_b, matched, today)
    [view] = shared_views(fam_a, as_of=today)
    assert view.domains_shared
    assert sum(n for _domain, n in view.other_domains) == 2
    joint = pile_up(fam_a, [view], as_of=today)
    assert joint.distinct == 3 and joint.crosses  # neither file alone reaches 3
    assert Notification.objects.filter(
        kind=NotificationKind.CONSENT, recipient=professional_a
    ).exists()

    # Withdrawing hides it at once.
    services.consent_withdraw(
        child=child_b, match=str(matched.public_id), withdrawn_by=professional_b
    )
    [view] = shared_views(fam_a, as_of=today)
    assert not view.both_consented and view.other_domains == []
    assert pile_up(fam_a, [view], as_of=today) is None


def test_the_narrow_scope_shares_contact_but_no_counts(
    matched, family_a, family_b, professional_a, professional_b, today
):
    _consent(family_a[1], professional_a, matched, today, scope="contact")
    _consent(family_b[1], professional_b, matched, today, scope="domains")
    [view] = shared_views(family_a[0], as_of=today)
    assert view.both_consented and not view.domains_shared


def test_consent_only_for_ones_own_match(matched, family_a, professional_a, today):
    other_child = child_add(
        family=family_a[0],
        first_name="Noor",
        last_name="Jansen",
        birth_date=today - datetime.timedelta(days=900),
    )
    with pytest.raises(ValidationError):
        _consent(other_child, professional_a, matched, today)
    with pytest.raises(ValidationError):
        services.consent_record(
            child=family_a[1],
            match="geen-uuid",
            recorded_by=professional_a,
            given_on=today,
            scope="contact",
        )
    assert not Consent.objects.exists()


# Pages -----------------------------------------------------------------------


def test_the_child_page_and_the_family_panel_show_who_else_is_involved(
    matched, family_a, client_professional_a
):
    fam_a, child_a = family_a
    page = client_professional_a.get(reverse("collaboration:child", args=[child_a.public_id]))
    assert page.status_code == 200
    assert "Kinderopvang B" in page.content.decode()
    detail = client_professional_a.get(fam_a.get_absolute_url()).content.decode()
    assert "Ook betrokken" in detail and "Kinderopvang B" in detail


def test_raising_through_the_page(region, family_a, client_professional_a, today):
    _fam, child = family_a
    url = reverse("collaboration:signal_raise", args=[child.public_id])
    refused = client_professional_a.post(url, {"parents_informed_on": today.isoformat()})
    assert refused.status_code == 200 and "geïnformeerd" in refused.content.decode()
    done = client_professional_a.post(
        url, {"parents_informed": "on", "parents_informed_on": today.isoformat()}
    )
    assert done.status_code == 302
    assert InvolvementSignal.objects.live().filter(child=child).exists()


def test_pages_say_the_feature_is_off_without_the_key(
    settings, region, family_a, client_professional_a
):
    settings.STAP0_MATCH_KEY = ""
    page = client_professional_a.get(reverse("collaboration:child", args=[family_a[1].public_id]))
    assert "staat uit" in page.content.decode()
    assert (
        "staat uit" in client_professional_a.get(reverse("collaboration:region")).content.decode()
    )


def test_a_lead_opts_in_through_the_page(region, org_a, client_lead_a):
    response = client_lead_a.post(reverse("collaboration:opt_in"), {})
    assert response.status_code == 302
    assert services.region_of(org_a) is None


def test_a_corrected_name_finds_the_other_organisation(
    region, family_a, professional_a, professional_b, org_b, today
):
    """A typo in one organisation's data: no match; corrected in the child's form, the
    signal is raised again under the new token and both contact persons hear of it."""
    _raise(family_a[1], professional_a, today)
    fam_b, child_b = _family(org_b, professional_b, "Gezin B", last_name="Janssen")
    first = _raise(child_b, professional_b, today)
    assert not Match.objects.exists()
    child_update(child=child_b, first_name="Sem", last_name="Jansen", birth_date=BIRTH)
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    again = InvolvementSignal.objects.live().get(child=child_b)
    assert again.parents_informed_on == first.parents_informed_on
    assert again.raised_by == professional_b
    assert Match.objects.live().count() == 1
    assert Notification.objects.filter(kind=NotificationKind.MATCH, recipient=professional_b)


def test_a_changed_birth_date_ends_the_match_and_hides_what_was_shared(
    matched, family_a, family_b, professional_a, professional_b, today
):
    _consent(family_a[1], professional_a, matched, today)
    _consent(family_b[1], professional_b, matched, today)
    assert shared_views(family_b[0], as_of=today)
    child = family_a[1]
    child_update(
        child=child,
        first_name=child.first_name,
        last_name=child.last_name,
        birth_date=BIRTH + datetime.timedelta(days=1),
    )
    assert not Match.objects.live().exists()
    assert shared_views(family_b[0], as_of=today) == []


def test_a_change_of_group_only_keeps_the_signal(matched, family_a):
    child = family_a[1]
    signal = InvolvementSignal.objects.live().get(child=child)
    child_update(
        child=child,
        first_name=child.first_name,
        last_name=child.last_name,
        birth_date=child.birth_date,
        group_name="Groep 5",
    )
    assert InvolvementSignal.objects.live().get(child=child) == signal
    assert Match.objects.live().count() == 1


def test_the_last_name_cannot_go_while_the_signal_is_live(matched, family_a, client_professional_a):
    family, child = family_a
    url = reverse("families:child_edit", args=[family.public_id, child.public_id])
    response = client_professional_a.post(
        url, {"first_name": "Sem", "last_name": "", "birth_date": BIRTH.isoformat()}
    )
    assert response.status_code == 200
    assert "Trek de betrokkenheid eerst in" in response.content.decode()
    child.refresh_from_db()
    assert child.last_name == "Jansen"
    assert Match.objects.live().count() == 1
