"""What must never cross into the summary for the parents: colleague notes, scores,
statuses, decisions, descriptions written for colleagues, category names, and the names of
colleagues other than the contact person. Checked on every family of the demo, in every
language a summary can be printed in."""

import datetime
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from families.models import Family
from organisations.models import Membership, Role
from signals.accumulation import STATUS_LABELS
from signals.models import (
    ColleagueNote,
    Decision,
    Observation,
    ParentsDiscussed,
    Review,
    Severity,
    SignalCategory,
)
from signals.parents import services
from signals.parents.selectors import raisable_observations

LINE = "Tekst-voor-de-ouders"


def _forbidden(family):
    """Every text of the family's file that is for colleagues only."""
    texts = set()
    texts.update(ColleagueNote.objects.filter(family=family).values_list("text", flat=True))
    texts.update(Observation.objects.filter(family=family).values_list("description", flat=True))
    texts.update(
        Observation.objects.filter(family=family).values_list("parents_response", flat=True)
    )
    texts.update(Review.objects.filter(family=family).values_list("rationale", flat=True))
    categories = SignalCategory.objects.filter(observations__family=family).distinct()
    texts.update(c.name for c in categories)
    texts.update(c.name_en for c in categories if getattr(c, "name_en", ""))
    contact = family.contact_person
    for member in Membership.objects.filter(organisation=family.organisation).select_related(
        "user"
    ):
        if contact is not None and member.pk == contact.pk:
            continue
        texts.add(member.user.get_full_name())
    return {t for t in texts if t and len(t) >= 6}


def _labels():
    """Scores, statuses, severities, decisions, "discussed" labels: in every language."""
    words = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words.update(str(label) for label in STATUS_LABELS.values())
            words.update(str(label) for label in Severity.labels)
            words.update(str(label) for label in Decision.labels)
            words.update(str(label) for label in ParentsDiscussed.labels)
            words.add(str(translation.gettext("Score")))
    return words


def _printed(client, family, lead, raise_all=True):
    raisable = list(raisable_observations_for(lead, family)) if raise_all else []
    conversation = services.conversation_prepare(
        family=family,
        prepared_by=lead,
        observations=raisable,
        preparation_note="Voorbereiding-alleen-voor-het-team",
    )
    services.conversation_record(
        conversation=conversation,
        recorded_by=lead,
        held_on=timezone.localdate(),
        with_parents=True,
        parents_view="Eigen-visie-in-het-dossier",
        help_wanted="Hulpvraag-in-het-dossier",
        responses={str(o.chain): "Reactie-in-het-dossier" for o in raisable},
        agreements=[
            {"what": "Afspraak-van-de-ouder", "parent_role": "mother", "due_on": _soon()},
            # a colleague who is not the contact person: the parents read the organisation
            {"what": "Afspraak-van-school", "owner": _not_contact(family), "due_on": _soon()},
        ]
        if _not_contact(family)
        else [{"what": "Afspraak-van-school", "parent_role": "parents", "due_on": _soon()}],
    )
    return conversation


def _soon():
    return timezone.localdate() + datetime.timedelta(days=7)


def _not_contact(family):
    members = Membership.objects.active().filter(
        organisation=family.organisation, role__in=(Role.PROFESSIONAL, Role.LEAD)
    )
    if family.contact_person_id:
        members = members.exclude(pk=family.contact_person_id)
    return members.order_by("pk").first()


def raisable_observations_for(lead, family):
    """As the prepare page offers them to the lead (who reads every file)."""

    class _Request:
        user = lead
        membership = Membership.objects.get(user=lead, organisation=family.organisation)

    return raisable_observations(_Request(), family)


@pytest.mark.django_db
def test_the_summary_never_shows_notes_scores_statuses_or_colleagues_in_the_demo():
    call_command("load_demo", quiet_logins=True)
    labels = _labels()
    checked = 0
    for family in Family.objects.select_related("organisation", "contact_person__user"):
        lead = (
            Membership.objects.filter(organisation=family.organisation, role=Role.LEAD).first().user
        )
        client = Client()
        client.force_login(lead)
        conversation = _printed(client, family, lead)
        summary_url = reverse("signals:conversation_summary", args=[conversation.public_id])
        form = client.get(summary_url).context["form"]
        forbidden = _forbidden(family) | {
            "Voorbereiding-alleen-voor-het-team",
            "Eigen-visie-in-het-dossier",
            "Hulpvraag-in-het-dossier",
            "Reactie-in-het-dossier",
        }
        for code, _name in settings.LANGUAGES:
            # The form as it comes (nothing copied in from the file), plus one line written.
            data = {name: form[name].value() or "" for name in form.fields}
            data.update(language=code, noticed_0=LINE, going_well_0=LINE)
            assert client.post(summary_url, data).status_code == 302
            html = client.get(
                reverse("signals:conversation_summary_print", args=[conversation.public_id])
            ).content.decode()
            text = re.sub(r"<[^>]+>", " ", html)
            assert LINE in text
            assert "Afspraak-van-school" in text
            leaked = [t for t in forbidden if t in text]
            assert not leaked, (family.name, code, leaked)
            for label in labels:
                assert not re.search(rf"\b{re.escape(label)}\b", text, re.IGNORECASE), (
                    family.name,
                    code,
                    label,
                )
        checked += 1
    assert checked >= 10
