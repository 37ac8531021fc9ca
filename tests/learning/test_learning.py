"""Learning together: the name check of what leaves a family's file for the team, the
invitation rule, and who prepares a consultation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from families.models import ChainPartner, Child, Family, NetworkMember
from learning import due, services
from learning.models import Vignette, WhatWorked, WhatWorkedReason, WhatWorkedStatus
from learning.names import names_in_text
from notifications.models import Notification, NotificationKind
from organisations.models import Membership
from signals.models import Review, SignalCategory


@pytest.fixture
def family(org_a, professional_a):
    family = Family.objects.create(
        organisation=org_a,
        name="Familie Vermeulen (groep 4)",
        created_by=professional_a,
        contact_person=Membership.objects.get(user=professional_a),
    )
    Child.objects.create(
        family=family,
        first_name="Jorinde",
        last_name="Vermeulen",
        birth_date=timezone.localdate() - datetime.timedelta(days=8 * 365),
        group_name="groep 4",
    )
    NetworkMember.objects.create(family=family, name="Oma Truus", relationship="relative")
    ChainPartner.objects.create(
        family=family, organisation_name="Wijkteam", contact_person="Kees Brouwer"
    )
    return family


def test_the_name_check_finds_families_children_network_partners_and_people(family, professional_a):
    org = family.organisation
    professional_a.first_name, professional_a.last_name = "Alice", "de Wit"
    professional_a.save()
    assert names_in_text("Het ging beter met de familie Vermeulen.", org) == ["vermeulen"]
    assert names_in_text("JORINDE kwam weer graag.", org) == ["jorinde"]
    assert names_in_text("Truus haalde op.", org) == ["truus"]
    assert names_in_text("Overleg met Brouwer van het wijkteam.", org) == ["brouwer"]
    assert names_in_text("Alice belde de ouder.", org) == ["alice"]
    # Relation words and a family's label are no names; nor is a name of another org.
    assert names_in_text("Oma en de familie uit groep 4 hielpen; de buurman ook.", org) == []
    assert names_in_text("Een vast aanspreekpunt maakte het verschil.", org) == []


def test_approval_refuses_a_text_with_a_name_and_approves_without(family, lead_a, professional_a):
    item = services.what_worked_invite(family=family, reason=WhatWorkedReason.HELP_CLOSED)
    services.what_worked_write(item=item, by=professional_a, story="Jorinde en oma Truus.")
    category = SignalCategory.objects.filter(organisation__isnull=True).first()
    with pytest.raises(ValidationError) as refused:
        services.what_worked_approve(
            item=item,
            by=lead_a,
            shared_text="Oma Truus haalde de kinderen op.",
            categories=[category],
            age_band="4-12",
        )
    assert "truus" in str(refused.value)
    item.refresh_from_db()
    assert item.status == WhatWorkedStatus.WRITTEN
    with pytest.raises(ValidationError):  # a professional does not approve
        services.what_worked_approve(
            item=item, by=professional_a, shared_text="Een oma.", categories=[category], age_band=""
        )
    services.what_worked_approve(
        item=item, by=lead_a, shared_text="Een oma haalde op.", categories=[category], age_band=""
    )
    assert WhatWorked.objects.for_category(category).get() == item


def test_closed_after_help_invites_the_contact_person_once(family, lead_a, professional_a):
    for days, decision in ((100, "help_arranged"), (10, "closed")):
        review = Review.objects.create(
            family=family, lead=lead_a, decision=decision, rationale="Onderbouwing"
        )
        Review.objects.filter(pk=review.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=days)
        )
    today = timezone.localdate()
    assert due.invite_due(today=today) == {"what_worked": 1}
    assert due.invite_due(today=today) == {"what_worked": 0}
    note = Notification.objects.get(kind=NotificationKind.WHAT_WORKED)
    assert note.recipient == professional_a and note.family == family


def test_a_family_that_fell_to_quiet_and_stayed_is_invited(family, professional_a):
    from signals.services import observation_record

    # A signal of weight 3 that is not lasting (it ages).
    risk = SignalCategory.objects.get(code="injury-unexplained", organisation__isnull=True)
    today = timezone.localdate()
    # Logged 460 days ago: 180 days ago it counted ¼ (3 x 3 x 3 x ¼ = 6.75: attention), from
    # 365 days on (95 days ago) nothing: quiet for the last three months.
    for n in range(3):
        observation_record(
            family=family,
            category=risk,
            severity=3,
            observed_on=today - datetime.timedelta(days=460 + n),
            description="Zorg",
            observer=professional_a,
        )
    # Check the two points the rule reads rather than trust the arithmetic above.
    assert family in due.improved_families(family.organisation, today=today)
    assert (
        due.improved_families(family.organisation, today=today - datetime.timedelta(days=200)) == []
    )


def test_only_a_lead_or_an_intern_begeleider_prepares(family, org_a, professional_a, lead_a):
    member = Membership.objects.get(user=professional_a)
    assert not services.may_prepare(member)
    member.job_title = "Intern begeleider bovenbouw"
    assert services.may_prepare(member)
    with pytest.raises(ValidationError):
        services.consultation_create(
            organisation=org_a,
            prepared_by=professional_a,
            title="Overleg",
            meets_on=timezone.localdate(),
            families=[family],
        )
    consultation = services.consultation_create(
        organisation=org_a,
        prepared_by=lead_a,
        title="Overleg",
        meets_on=timezone.localdate(),
        families=[family],
    )
    vignette = Vignette.objects.get(consultation=consultation)
    rendered = str(vignette.draft)
    assert "Vermeulen" not in rendered and "Jorinde" not in rendered
    assert vignette.draft["age_bands"] == ["4-12"] and vignette.draft["groups"] == ["groep 4"]


def test_a_group_label_with_a_name_is_left_out_of_the_draft(family, lead_a, org_a):
    lead_a.first_name = "Anja"
    lead_a.save()
    Child.objects.create(
        family=family,
        first_name="Wout",
        birth_date=timezone.localdate() - datetime.timedelta(days=5 * 365),
        group_name="groep 2 juf Anja",
    )
    consultation = services.consultation_create(
        organisation=org_a,
        prepared_by=lead_a,
        title="Overleg",
        meets_on=timezone.localdate(),
        families=[family],
    )
    assert consultation.vignettes.get().draft["groups"] == ["groep 4"]


def test_a_sentence_or_shared_text_with_a_date_is_refused_a_month_is_not(
    family, lead_a, org_a, professional_a
):
    """A date of birth (or of an event) picks out a child as surely as a name: a day with
    its month is refused in what leaves the file; a month, a year, "groep 3/4" are not."""
    consultation = services.consultation_create(
        organisation=org_a,
        prepared_by=lead_a,
        title="Overleg 14 januari",  # the day of a meeting identifies no child
        meets_on=timezone.localdate(),
        families=[family],
    )
    vignette = consultation.vignettes.get()
    for sentence in ("Geboren op 12-03-2019, jongste.", "Sinds 3 okt. gaat het slechter."):
        with pytest.raises(ValidationError) as refused:
            services.vignette_sentences_set(
                vignette=vignette, by=lead_a, sentences=sentence, approved=True
            )
        assert "noemt een datum" in str(refused.value)
        vignette.refresh_from_db()
        assert vignette.sentences == ""
    services.vignette_sentences_set(
        vignette=vignette,
        by=lead_a,
        sentences="Sinds maart 2024 vaker te laat.\nCombinatiegroep 3/4, score 8.5.",
        approved=True,
    )
    vignette.refresh_from_db()
    assert vignette.sentences.startswith("Sinds maart 2024")

    item = services.what_worked_invite(family=family, reason=WhatWorkedReason.HELP_CLOSED)
    services.what_worked_write(item=item, by=professional_a, story="Het gesprek hielp.")
    category = SignalCategory.objects.filter(organisation__isnull=True).first()
    with pytest.raises(ValidationError) as refused:
        services.what_worked_approve(
            item=item,
            by=lead_a,
            shared_text="Na het gesprek op 2 februari 2025 ging het beter.",
            categories=[category],
            age_band="4-12",
        )
    assert "2 februari" in str(refused.value)
    item.refresh_from_db()
    assert item.status != WhatWorkedStatus.APPROVED
