"""Writes of talking with parents: keyword-only, validating, raising ValidationError."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from families.models import TeamReason
from families.services import family_touch, team_add
from organisations.models import Membership
from organisations.scoping import LEAD_ROLES
from organisations.shape import raise_errors, shape_errors
from signals.catalogue.models import RISK_KINDS
from signals.observations.models import Observation, ParentsDiscussed
from signals.observations.services import observation_amend
from signals.parents.models import (
    Conversation,
    CorrectionDecision,
    CorrectionRequest,
    RaisedObservation,
    SummaryItem,
    SummaryKind,
)
from signals.reviews.agreements import agreement_assigned, agreement_errors
from signals.reviews.models import Agreement
from signals.validation import is_case_member

NOT_A_MEMBER = gettext_lazy(
    "Alleen een actieve professional of aandachtsfunctionaris van deze organisatie kan dit "
    "vastleggen."
)


def summary_languages():
    """The languages a summary for parents can be printed in: the installation's languages.
    Adding one to settings.LANGUAGES (with its locale) is all a new language needs."""
    return [code for code, _name in settings.LANGUAGES]


def _raisable(family, observations, errors):
    """The latest versions of `observations` (any version may be given), checked: the
    family's own, a risk, never confidential (a disclosure is not raised with the parents)."""
    chains = {o.chain for o in observations}
    latest = list(
        Observation.objects.latest_versions()
        .filter(chain__in=chains)
        .select_related("category")
        .order_by("-observed_on", "pk")
    )
    confidential = set(
        Observation.objects.filter(chain__in=chains, confidential=True).values_list(
            "chain", flat=True
        )
    )
    for obs in latest:
        if obs.family_id != family.pk:
            errors["observations"] = _("Kies alleen observaties van dit gezin.")
        elif obs.chain in confidential:
            errors["observations"] = _(
                "Een vertrouwelijke observatie bespreek je niet via dit gesprek."
            )
        elif obs.category.kind not in RISK_KINDS:
            errors["observations"] = _(
                "Wat goed gaat staat al bovenaan; kies hier de zorgen die je wilt bespreken."
            )
    return latest


@transaction.atomic
def conversation_prepare(
    *, family, prepared_by, observations=(), planned_on=None, preparation_note=""
) -> Conversation:
    """Prepare a conversation with the parents: the observations to raise (latest versions,
    no confidential ones), a date if planned, what the professional wants to say."""
    conversation = Conversation(
        family=family,
        prepared_by=prepared_by,
        planned_on=planned_on,
        preparation_note=preparation_note,
    )
    errors = shape_errors(conversation)
    if not is_case_member(prepared_by, family.organisation):
        errors["prepared_by"] = NOT_A_MEMBER
    latest = _raisable(family, list(observations), errors)
    raise_errors(errors)
    conversation.save()
    RaisedObservation.objects.bulk_create(
        RaisedObservation(conversation=conversation, chain=o.chain, observation=o, position=n)
        for n, o in enumerate(latest)
    )
    family_touch(family=family)
    return conversation


def _check_record(conversation, fields, errors):
    if conversation.is_recorded:
        errors["held_on"] = _("Dit gesprek is al vastgelegd.")
    if fields["held_on"] is None and "held_on" not in errors:
        errors["held_on"] = _("Vul de datum van het gesprek in.")
    if not any(fields[f] for f in ("with_parents", "with_child", "with_colleagues")):
        errors.setdefault(
            "with_parents", _("Kruis aan wie er meepraatten: in elk geval een ouder of het kind.")
        )
    elif not (fields["with_parents"] or fields["with_child"]):
        errors["with_parents"] = _("Een gesprek met ouders voer je met een ouder of het kind.")
    held, next_on = fields["held_on"], fields["next_on"]
    if held and next_on and next_on <= held and "next_on" not in errors:
        errors["next_on"] = _("Het volgende gesprek ligt na dit gesprek.")


def _mark_discussed(conversation, raised, responses, by):
    """Each raised observation is marked discussed, with the parents' response, by a
    correction of the observation: the earlier version stays."""
    confidential = set(
        Observation.objects.filter(
            chain__in=[r.chain for r in raised], confidential=True
        ).values_list("chain", flat=True)
    )
    when = conversation.held_on.strftime("%d-%m-%Y")
    for item in raised:
        if item.chain in confidential:
            continue  # marked confidential since it was chosen: not via this conversation
        response = (responses.get(str(item.chain)) or "").strip()
        item.response = response
        item.save(update_fields=["response"])
        latest = Observation.objects.latest_versions().get(chain=item.chain)
        if latest.parents_discussed == ParentsDiscussed.YES and (
            not response or response == latest.parents_response
        ):
            continue
        observation_amend(
            original=latest,
            observer=by,
            parents_discussed=ParentsDiscussed.YES,
            parents_response=response or latest.parents_response,
            reason=_("Besproken in het gesprek met de ouders van %(date)s.") % {"date": when},
        )


def _new_agreements(conversation, agreements, recorded_by, errors):
    """Unsaved agreements of the conversation: [{"what", "owner" (a Membership or None),
    "parent_role" ("" or a ParentRole), "due_on"}]. A parent's agreement is followed up by
    whoever records the conversation. Refusals go under "agreements", numbered."""
    follower = (
        Membership.objects.active()
        .filter(user=recorded_by, organisation_id=conversation.family.organisation_id)
        .first()
    )
    found = []
    for n, item in enumerate(agreements, start=1):
        parent_role = item.get("parent_role") or ""
        agreement = Agreement(
            family=conversation.family,
            what=item.get("what") or "",
            owner=follower if parent_role else item.get("owner"),
            parent_role=parent_role,
            due_on=item.get("due_on"),
        )
        for messages in agreement_errors(agreement).values():
            errors.setdefault("agreements", []).extend(
                _("Afspraak %(n)d: %(message)s") % {"n": n, "message": text}
                for m in messages
                for text in getattr(m, "messages", [m])
            )
        found.append(agreement)
    return found


def _save_agreements(conversation, agreements, recorded_by):
    for agreement in agreements:
        agreement.save()
        conversation.agreements.add(agreement)
        # Need-to-know: whoever carries out or follows up an agreement reads the file, as
        # a colleague asked to look does (anyone of the team may ask; adding by hand is the
        # contact person's or a lead's).
        team_add(
            family=conversation.family,
            user=agreement.owner.user,
            added_by=recorded_by,
            reason=TeamReason.ASKED_TO_LOOK,
        )
        agreement_assigned(agreement=agreement)


RECORD_FIELDS = (
    "held_on",
    "with_parents",
    "with_child",
    "with_colleagues",
    "with_interpreter",
    "participants_note",
    "parents_view",
    "help_wanted",
    "next_on",
)


@transaction.atomic
def conversation_record(
    *, conversation, recorded_by, responses=None, agreements=(), **fields
) -> Conversation:
    """Record a held conversation: date, who took part, the parents' own view, what they want
    help with, the next conversation; `responses` {chain: the parents' response} per raised
    observation, each then marked discussed (a correction, keeping history); `agreements`
    [{"what", "owner", "parent_role", "due_on"}] (who: a member, or a parent)."""
    unknown = set(fields) - set(RECORD_FIELDS)
    if unknown:
        raise ValidationError(_("Onbekende velden: %(names)s") % {"names": ", ".join(unknown)})
    conversation = Conversation.objects.select_for_update().get(pk=conversation.pk)
    values = {name: fields.get(name) for name in RECORD_FIELDS}
    for name in ("with_parents", "with_child", "with_colleagues", "with_interpreter"):
        values[name] = bool(values[name])
    for name in ("participants_note", "parents_view", "help_wanted"):
        values[name] = values[name] or ""
    for name, value in values.items():
        setattr(conversation, name, value)
    errors = shape_errors(conversation)
    if not is_case_member(recorded_by, conversation.family.organisation):
        errors["recorded_by"] = NOT_A_MEMBER
    _check_record(conversation, values, errors)
    new_agreements = _new_agreements(conversation, agreements, recorded_by, errors)
    raise_errors(errors)
    conversation.recorded_by = recorded_by
    conversation.recorded_at = timezone.now()
    conversation.save()
    _save_agreements(conversation, new_agreements, recorded_by)
    _mark_discussed(conversation, list(conversation.raised.all()), responses or {}, recorded_by)
    family_touch(family=conversation.family)
    return conversation


@transaction.atomic
def summary_save(*, conversation, by, language, noticed=(), going_well=()) -> Conversation:
    """The summary for the parents: its language and its lines, each in words written for
    them (empty lines are left out). Replaces the lines saved before."""
    errors = {}
    if language not in summary_languages():
        errors["language"] = _("Kies een taal uit de lijst.")
    if not is_case_member(by, conversation.family.organisation):
        errors["by"] = NOT_A_MEMBER
    items = []
    for kind, texts in ((SummaryKind.NOTICED, noticed), (SummaryKind.GOING_WELL, going_well)):
        for n, text in enumerate(t for t in texts if (t or "").strip()):
            item = SummaryItem(conversation=conversation, kind=kind, text=text, position=n)
            for messages in shape_errors(item, exclude=["conversation"]).values():
                errors.setdefault(kind.value, []).extend(
                    _("Regel %(n)d: %(message)s") % {"n": n + 1, "message": m.messages[0]}
                    for m in messages
                )
            items.append(item)
    raise_errors(errors)
    conversation.summary_language = language
    conversation.save(update_fields=["summary_language"])
    conversation.summary_items.all().delete()
    SummaryItem.objects.bulk_create(items)
    return conversation


@transaction.atomic
def correction_request_record(
    *, family, recorded_by, kind, text, received_on, observation=None
) -> CorrectionRequest:
    """Record a parent's request to correct or remove something (AVG); a lead decides."""
    request = CorrectionRequest(
        family=family,
        recorded_by=recorded_by,
        kind=kind,
        text=text,
        received_on=received_on,
        observation=observation,
    )
    errors = shape_errors(request)
    if not is_case_member(recorded_by, family.organisation):
        errors["recorded_by"] = NOT_A_MEMBER
    if observation is not None and observation.family_id != family.pk:
        errors["observation"] = _("Kies een observatie van dit gezin.")
    raise_errors(errors)
    request.save()
    family_touch(family=family)
    return request


@transaction.atomic
def correction_request_decide(*, request, lead, decision, reason) -> CorrectionRequest:
    """The lead's decision on a correction request, with its reasoning; decided once."""
    request = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
    errors = {}
    if request.is_decided:
        errors["decision"] = _("Over dit verzoek is al besloten.")
    elif decision not in CorrectionDecision.values:
        errors["decision"] = _("Kies toekennen of afwijzen.")
    if not (reason or "").strip():
        errors["reason"] = _("Schrijf op waarom: de ouders hebben recht op de reden.")
    is_lead = (
        Membership.objects.active()
        .filter(user=lead, organisation_id=request.family.organisation_id, role__in=LEAD_ROLES)
        .exists()
    )
    if not is_lead:
        errors["lead"] = _("Alleen een aandachtsfunctionaris besluit over een correctieverzoek.")
    raise_errors(errors)
    request.decision = decision
    request.decision_reason = reason
    request.decided_by = lead
    request.decided_at = timezone.now()
    errors = shape_errors(request)
    raise_errors({("reason" if k == "decision_reason" else k): v for k, v in errors.items()})
    request.save()
    return request
