"""Vertrouwelijk: a confidential observation or note is read by its author and the leads;
the rest of the team sees that it exists, its date and whom to ask. A review that reports
to Veilig Thuis is confidential by default. The score still counts everything."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from signals import services
from signals.accumulation import assess_family
from signals.models import Observation, SignalCategory
from tests.factories import FamilyFactory

SECRET = "Noor vertelde dat papa haar slaat."


@pytest.fixture
def family(org_a, professional_a, colleague_a):
    # Both in the team: colleague_a writes the confidential entries, professional_a reads.
    return FamilyFactory(
        organisation=org_a, name="Gezin Geheim", team=[professional_a, colleague_a]
    )


# An unexplained injury of severity 3 puts the family in accumulation: a review walks the
# afwegingskader (at least question 1, with its reasoning).
WALKED = {"q1_suspicion": True, "q1_reason": "Onverklaard letsel."}


def record(family, observer, *, confidential=False, description=SECRET):
    return services.observation_record(
        family=family,
        category=SignalCategory.objects.get(code="injury-unexplained"),
        severity=3,
        observed_on=timezone.localdate(),
        observer=observer,
        description=description,
        confidential=confidential,
    )


def test_the_team_sees_that_it_exists_not_what_it_says(
    family, colleague_a, client_professional_a, client_colleague_a, client_lead_a
):
    record(family, colleague_a, confidential=True)
    page = client_professional_a.get(family.get_absolute_url()).content.decode()
    assert SECRET not in page
    assert "Onverklaard letsel" not in page  # not even its category
    assert 'data-testid="confidential-entry"' in page
    assert "Vertrouwelijke observatie" in page
    assert colleague_a.first_name in page  # whom to ask
    for reader in (client_colleague_a, client_lead_a):
        assert SECRET in reader.get(family.get_absolute_url()).content.decode()


def test_its_history_and_correction_are_404_for_the_rest_of_the_team(
    family, colleague_a, client_professional_a, client_colleague_a, client_lead_a
):
    secret = record(family, colleague_a, confidential=True)
    for name in ("signals:observation_history", "signals:observation_amend"):
        url = reverse(name, args=[secret.public_id])
        assert client_professional_a.get(url).status_code == 404
        assert client_colleague_a.get(url).status_code == 200
        assert client_lead_a.get(url).status_code == 200


def test_the_score_still_counts_it(family, colleague_a):
    before = assess_family(family, as_of=timezone.localdate()).score
    record(family, colleague_a, confidential=True)
    assert assess_family(family, as_of=timezone.localdate()).score > before


def test_a_correction_may_mark_it_never_unmark_it(family, colleague_a, professional_a):
    plain = record(family, colleague_a, description="Gewoon")
    services.observation_amend(original=plain, observer=colleague_a, reason="r", confidential=True)
    readable = Observation.objects.filter(family=family).readable_by(professional_a)
    assert not readable.exists()  # every version of the chain is now confidential
    with pytest.raises(ValidationError) as exc:
        services.observation_amend(
            original=plain, observer=colleague_a, reason="r", confidential=False
        )
    assert "confidential" in exc.value.message_dict


def test_the_note_form_does_not_offer_a_confidential_observation(
    family, colleague_a, client_professional_a
):
    record(family, colleague_a, confidential=True)
    form = client_professional_a.get(
        reverse("signals:note_create", args=[family.public_id])
    ).context["form"]
    assert [c for c in form.fields["observation"].choices if c[0]] == []


def test_a_confidential_note(family, colleague_a, client_professional_a, client_colleague_a):
    url = reverse("signals:note_create", args=[family.public_id])
    response = client_colleague_a.post(
        url, {"kind": "question", "text": "Geheime vraag", "confidential": "on"}
    )
    assert response.status_code == 302
    assert family.notes.get().confidential
    page = client_professional_a.get(family.get_absolute_url()).content.decode()
    assert "Geheime vraag" not in page and "Vertrouwelijke notitie" in page
    assert "Geheime vraag" in client_colleague_a.get(family.get_absolute_url()).content.decode()


def test_a_report_to_veilig_thuis_is_confidential_by_default(
    family, professional_a, lead_a, client_professional_a
):
    record(family, professional_a, description="Zichtbaar")
    report = services.review_record(
        family=family,
        lead=lead_a,
        decision="report_vt",
        rationale="Melding gedaan",
        **WALKED,
        vt_reported_on=timezone.localdate(),
    )
    assert report.confidential
    monitor = services.review_record(
        family=family, lead=lead_a, decision="monitor", rationale="Volgen", **WALKED
    )
    assert not monitor.confidential
    page = client_professional_a.get(family.get_absolute_url()).content.decode()
    assert "Melding gedaan" not in page and "Vertrouwelijke beoordeling" in page
    assert "Volgen" in page
    # "Mijn signalen" says there is a confidential decision, not which.
    services.review_record(
        family=family,
        lead=lead_a,
        decision="report_vt",
        rationale="Opnieuw",
        **WALKED,
        vt_reported_on=timezone.localdate(),
    )
    mine = client_professional_a.get(reverse("signals:my_signals")).content.decode()
    assert "melden bij Veilig Thuis" not in mine
    assert "vertrouwelijk" in mine


def test_the_lead_may_choose_otherwise(family, lead_a, client_lead_a, client_professional_a):
    open_report = services.review_record(
        family=family,
        lead=lead_a,
        decision="report_vt",
        rationale="Open",
        confidential=False,
        vt_reported_on=timezone.localdate(),
    )
    assert not open_report.confidential
    closed = services.review_record(
        family=family, lead=lead_a, decision="monitor", rationale="Dicht", confidential=True
    )
    assert closed.confidential
    page = client_professional_a.get(family.get_absolute_url()).content.decode()
    assert "Open" in page and "Dicht" not in page


def test_the_review_form_sets_it(family, client_lead_a):
    url = reverse("signals:review_create", args=[family.public_id])
    response = client_lead_a.post(
        url, {"decision": "monitor", "rationale": "Volgen", "confidential": "yes"}
    )
    assert response.status_code == 302
    assert family.reviews.get().confidential


def test_each_chain_is_judged_by_its_own_versions(family, colleague_a, professional_a):
    """The filter looks at each chain's own versions: a colleague's confidential chain hides
    only itself, and one's own confidential chain stays readable to oneself (issue 18: the
    filter no longer reads every confidential observation of every organisation)."""
    plain = record(family, colleague_a, description="Gewoon")
    own = record(family, professional_a, confidential=True)
    hidden = record(family, colleague_a, confidential=True)
    readable = Observation.objects.filter(family=family).readable_by(professional_a)
    assert set(readable.values_list("chain", flat=True)) == {plain.chain, own.chain}
    theirs = Observation.objects.filter(family=family).readable_by(colleague_a)
    assert set(theirs.values_list("chain", flat=True)) == {plain.chain, hidden.chain}
