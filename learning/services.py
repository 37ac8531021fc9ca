"""The writes of learning together (issue 20). Every function validates and raises
ValidationError; nothing that names someone reaches a vignette, an agenda or the team's
"wat werkte" page (learning.names)."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from families.models import Family, TeamReason
from families.scoping import reads_file
from families.services import family_touch, team_add
from notifications.models import NotificationKind
from notifications.services import notify
from organisations.models import Membership, Role
from organisations.scoping import CASE_ROLES
from organisations.shape import raise_errors, shape_errors
from signals.catalogue.models import SignalCategory
from signals.reviews.agreements import agreement_assigned, agreement_errors, owner_ok
from signals.reviews.models import Agreement

from .models import Consultation, Vignette, WhatWorked, WhatWorkedStatus
from .names import dates_in, names_in, organisation_names
from .vignettes import draft_for

MAX_FAMILIES = 8
# An intern begeleider is a professional whose job title says so ("Intern begeleider
# onderbouw", "IB'er"): the organisation's people page sets it.
IB_TITLE = re.compile(r"intern\s+begeleid|\bib\b|\bib['’]er", re.IGNORECASE)


def may_prepare(membership):
    """A lead or an intern begeleider prepares a consultation and records its outcomes."""
    if membership is None or not membership.is_active or membership.role not in CASE_ROLES:
        return False
    return membership.role == Role.LEAD or bool(IB_TITLE.search(membership.job_title or ""))


def _membership(user, organisation):
    return (
        Membership.objects.active()
        .filter(user=user, organisation=organisation)
        .select_related("organisation")
        .first()
    )


def _require_preparer(user, organisation):
    if not may_prepare(_membership(user, organisation)):
        raise ValidationError(
            _(
                "Alleen een aandachtsfunctionaris of intern begeleider bereidt een casusoverleg "
                "voor."
            )
        )


def _name_errors(text, names, *, what, dates=False):
    """[message] when `text` names someone of the organisation (the names it found), and
    with `dates` when it writes a date with its day: in a text about a family's case a date
    of birth or of an event picks out a child as a name does. (A title, an agenda or advice
    may well name the day of a meeting.)"""
    errors = []
    found = names_in(text, names)
    if found:
        errors.append(
            ngettext(
                "%(what)s noemt een naam (%(names)s): schrijf het zonder namen.",
                "%(what)s noemt namen (%(names)s): schrijf het zonder namen.",
                len(found),
            )
            % {"what": what, "names": ", ".join(found)}
        )
    dates = dates_in(text) if dates else []
    if dates:
        errors.append(
            ngettext(
                "%(what)s noemt een datum (%(dates)s): schrijf een maand, seizoen of leeftijd.",
                "%(what)s noemt datums (%(dates)s): schrijf een maand, seizoen of leeftijd.",
                len(dates),
            )
            % {"what": what, "dates": ", ".join(dates)}
        )
    return errors


@transaction.atomic
def consultation_create(
    *, organisation, prepared_by, title, meets_on, agenda="", families=()
) -> Consultation:
    """A consultation with a drafted vignette for each of `families` (1 to 8, of the
    organisation, whose file the preparer reads)."""
    _require_preparer(prepared_by, organisation)
    consultation = Consultation(
        organisation=organisation,
        prepared_by=prepared_by,
        title=title,
        meets_on=meets_on,
        agenda=agenda,
    )
    errors = shape_errors(consultation, exclude=["organisation", "prepared_by"])
    families = list(families)
    names = organisation_names(organisation)
    if not families or len(families) > MAX_FAMILIES:
        errors["families"] = [_("Kies 1 tot %(n)s gezinnen om te bespreken.") % {"n": MAX_FAMILIES}]
    elif any(
        not isinstance(f, Family)
        or f.organisation_id != organisation.pk
        or not reads_file(prepared_by, f)
        for f in families
    ):
        errors["families"] = [_("Kies gezinnen van je organisatie waarvan je het dossier leest.")]
    if "agenda" not in errors:
        for field, what in (("title", _("De titel")), ("agenda", _("De agenda"))):
            found = _name_errors(getattr(consultation, field), names, what=what)
            if found:
                errors[field] = found
    raise_errors(errors)
    consultation.save()
    today = timezone.localdate()
    for position, family in enumerate(families, start=1):
        Vignette.objects.create(
            consultation=consultation,
            family=family,
            position=position,
            draft=draft_for(family, today=today, names=names),
        )
    return consultation


def _check_sentences(sentences, organisation):
    names = organisation_names(organisation)
    errors = []
    lines = [line.strip() for line in sentences.splitlines() if line.strip()]
    for n, line in enumerate(lines, start=1):
        errors += _name_errors(line, names, what=_("Zin %(n)s") % {"n": n}, dates=True)
    return errors


@transaction.atomic
def vignette_sentences_set(*, vignette, by, sentences, approved) -> Vignette:
    """The preparer's own sentences of `vignette`, one per line: each approved (the
    preparer read it back) and none naming anyone of the organisation."""
    organisation = vignette.consultation.organisation
    _require_preparer(by, organisation)
    sentences = (sentences or "").strip()
    errors = {}
    if len(sentences) > 2000:
        errors["sentences"] = [_("Houd het kort: hoogstens 2000 tekens.")]
    elif sentences:
        found = _check_sentences(sentences, organisation)
        if found:
            errors["sentences"] = found
        elif not approved:
            errors["approved"] = [_("Lees elke zin na en keur ze goed voordat je opslaat.")]
    raise_errors(errors)
    vignette.sentences = sentences
    vignette.sentences_approved_at = timezone.now() if sentences else None
    vignette.save(update_fields=["sentences", "sentences_approved_at"])
    return vignette


def _new_agreement(vignette, what, owner, due_on, errors):
    if not (what or "").strip():
        return None
    agreement = Agreement(
        review=None, family=vignette.family, what=what.strip(), owner=owner, due_on=due_on
    )
    if owner is None or due_on is None:
        errors["agreement"] = [_("Een afspraak heeft een uitvoerder en een datum.")]
        return None
    for field, messages in agreement_errors(agreement).items():
        errors.setdefault(f"agreement_{field}", []).extend(messages)
    return agreement


@transaction.atomic
def outcome_record(
    *,
    vignette,
    by,
    advice,
    follow_up_by,
    agreement_what="",
    agreement_owner=None,
    agreement_due_on=None,
) -> Vignette:
    """The meeting's outcome for one family: advice, who follows up and, if made, an
    agreement of the working list. It lands in the family's file as one entry; whoever
    follows up or carries out the agreement joins the family's team."""
    family = vignette.family
    _require_preparer(by, family.organisation)
    errors = {}
    advice = (advice or "").strip()
    if not advice:
        errors["advice"] = [_("Schrijf het advies van het overleg op.")]
    elif len(advice) > 2000:
        errors["advice"] = [_("Houd het kort: hoogstens 2000 tekens.")]
    else:
        # The advice is shown on the consultation's page too, read by the whole team.
        found = _name_errors(advice, organisation_names(family.organisation), what=_("Het advies"))
        if found:
            errors["advice"] = found
    if not owner_ok(follow_up_by, family):
        errors["follow_up_by"] = [
            _("Kies wie opvolgt: een actieve professional of aandachtsfunctionaris.")
        ]
    agreement = _new_agreement(vignette, agreement_what, agreement_owner, agreement_due_on, errors)
    raise_errors(errors)
    vignette.advice = advice
    vignette.follow_up_by = follow_up_by
    vignette.outcome_at = timezone.now()
    vignette.outcome_by = by
    vignette.save(update_fields=["advice", "follow_up_by", "outcome_at", "outcome_by"])
    team_add(
        family=family,
        user=follow_up_by.user,
        added_by=by,
        reason=TeamReason.ADDED,
        note=_("Volgt op na een casusoverleg."),
    )
    if agreement is not None:
        agreement.save()
        vignette.agreements.add(agreement)
        team_add(
            family=family,
            user=agreement.owner.user,
            added_by=by,
            reason=TeamReason.ADDED,
            note=_("Voert een afspraak uit het casusoverleg uit."),
        )
        agreement_assigned(agreement=agreement)
    family_touch(family=family)
    return vignette


# What worked


@transaction.atomic
def what_worked_invite(*, family, reason) -> WhatWorked | None:
    """Invite the family's contact person to write what made the difference (once per
    family and reason); None when the family has no active contact person."""
    contact = family.contact_person
    if contact is None or not contact.is_active:
        return None
    item, created = WhatWorked.objects.get_or_create(
        family=family,
        reason=reason,
        defaults={"organisation_id": family.organisation_id, "invited": contact},
    )
    if created:
        notify(
            kind=NotificationKind.WHAT_WORKED,
            event_key=f"what_worked:{item.public_id}",
            url=reverse("learning:what_worked_write", kwargs={"public_id": item.public_id}),
            recipient=contact.user,
            family=family,
        )
    return item


def may_write(user, item):
    return item.invited.user_id == getattr(user, "pk", None) or _is_lead(user, item)


def _is_lead(user, item):
    membership = _membership(user, item.organisation_id)
    return membership is not None and membership.role == Role.LEAD


@transaction.atomic
def what_worked_write(*, item, by, story) -> WhatWorked:
    """The contact person's own lines (they stay in the family's file)."""
    if item.is_approved:
        raise ValidationError(_("Dit is al goedgekeurd voor het team."))
    if not may_write(by, item):
        raise ValidationError(
            _("Alleen de contactpersoon of een aandachtsfunctionaris schrijft dit.")
        )
    item.story = (story or "").strip()
    errors = shape_errors(
        item, exclude=[f.name for f in WhatWorked._meta.fields if f.name != "story"]
    )
    if not item.story and "story" not in errors:
        errors["story"] = [_("Schrijf in een paar regels wat het verschil maakte.")]
    raise_errors(errors)
    item.status = WhatWorkedStatus.WRITTEN
    item.written_at = timezone.now()
    item.save(update_fields=["story", "status", "written_at"])
    family_touch(family=item.family)
    return item


@transaction.atomic
def what_worked_approve(*, item, by, shared_text, categories, age_band) -> WhatWorked:
    """A lead approves the anonymised version for the team's page: no name of the
    organisation's families, children, network or people; at least one category."""
    if not _is_lead(by, item):
        raise ValidationError(_("Alleen een aandachtsfunctionaris keurt dit goed voor het team."))
    if item.status != WhatWorkedStatus.WRITTEN:
        raise ValidationError(_("Eerst schrijft de contactpersoon op wat het verschil maakte."))
    item.shared_text = (shared_text or "").strip()
    item.age_band = age_band or ""
    errors = shape_errors(
        item,
        exclude=[
            f.name for f in WhatWorked._meta.fields if f.name not in ("shared_text", "age_band")
        ],
    )
    if not item.shared_text and "shared_text" not in errors:
        errors["shared_text"] = [_("Schrijf de tekst voor het team.")]
    elif "shared_text" not in errors:
        found = _name_errors(
            item.shared_text, organisation_names(item.organisation), what=_("De tekst"), dates=True
        )
        if found:
            errors["shared_text"] = found
    categories = list(categories or ())
    allowed = SignalCategory.objects.available_to(item.organisation)
    if not categories:
        errors["categories"] = [_("Kies bij welke signalen dit hoort.")]
    elif allowed.filter(pk__in=[c.pk for c in categories]).count() != len(set(categories)):
        errors["categories"] = [_("Kies signalen uit de signalenlijst van je organisatie.")]
    raise_errors(errors)
    item.status = WhatWorkedStatus.APPROVED
    item.approved_by = by
    item.approved_at = timezone.now()
    item.save(update_fields=["shared_text", "age_band", "status", "approved_by", "approved_at"])
    item.categories.set(categories)
    return item
