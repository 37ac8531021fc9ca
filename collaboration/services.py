"""The one home for writes across organisations. Keyword-only arguments; refusals are
ValidationErrors in Dutch. Matching happens in `_match`, under the lock of one MatchSlot row
per (region, token): two signals raised at the same moment make one match."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from families.services import chain_partner_add, child_add, family_create
from notifications.models import NotificationKind
from notifications.services import notify
from organisations.audit import log_access
from organisations.models import AccessAction, Membership
from organisations.shape import raise_errors, shape_errors
from signals.models import Observation, SignalCategory

from . import tokens
from .models import (
    HANDOVER_DAYS,
    Consent,
    Handover,
    HandoverStatus,
    InvolvementSignal,
    Match,
    MatchSlot,
    Region,
    RegionMember,
)


def _log_by_system(action, *, obj, family=None, organisation=None):
    """An access-log entry that no person's request wrote: Samenwerken itself acted (a match
    made, a signal re-raised, a handover arriving)."""
    log_access(
        None,
        action,
        user=None,
        username="samenwerken",
        family=family,
        organisation=organisation,
        obj=obj,
    )


def _refuse(message, field=None):
    raise ValidationError({field: message} if field else message)


def _require_enabled():
    if not tokens.enabled():
        _refuse(_("Samenwerken staat uit: er is geen sleutel ingesteld."))


# Regions ---------------------------------------------------------------------


def region_create(*, name) -> Region:
    region = Region(name=(name or "").strip())
    raise_errors(shape_errors(region))
    region.save()
    return region


def region_add(*, region, organisation) -> RegionMember:
    """The installation's administrator puts an organisation in a region (not yet taking
    part: its lead opts in)."""
    existing = RegionMember.objects.filter(organisation=organisation).first()
    if existing is not None and existing.region_id != region.pk:
        _refuse(_("Deze organisatie hoort al bij een andere regio."))
    member, _created = RegionMember.objects.get_or_create(region=region, organisation=organisation)
    return member


def region_opt_in(*, organisation, lead, take_part) -> RegionMember:
    member = RegionMember.objects.filter(organisation=organisation).first()
    if member is None:
        _refuse(_("Je organisatie hoort (nog) niet bij een regio."))
    if not Membership.objects.leads().filter(organisation=organisation, user=lead).exists():
        _refuse(_("Alleen een aandachtsfunctionaris meldt de organisatie aan of af."))
    with transaction.atomic():
        member.opted_in_at = timezone.now() if take_part else None
        member.opted_in_by = lead if take_part else None
        member.save()
        log_access(
            None,
            AccessAction.SETTING_CHANGE,
            user=lead,
            organisation=organisation,
            obj=member.region,
            object_type="region_opt_in" if take_part else "region_opt_out",
        )
    return member


def region_of(organisation):
    """The region the organisation takes part in, or None."""
    member = (
        RegionMember.objects.filter(organisation=organisation, opted_in_at__isnull=False)
        .select_related("region")
        .first()
    )
    return member.region if member is not None else None


def takes_part(organisation_id) -> bool:
    """Whether the organisation can share with chain partners now: the feature is on and it
    takes part in a region (the observation form offers "Delen met ketenpartners" then)."""
    return tokens.enabled() and region_of(organisation_id) is not None


# Involvement signals and the match ----------------------------------------------


def may_signal(child, user):
    """The family's contact person or a lead of its organisation."""
    family = child.family
    if (
        Membership.objects.leads()
        .filter(organisation_id=family.organisation_id, user=user)
        .exists()
    ):
        return True
    contact = family.contact_person
    return contact is not None and contact.user_id == user.pk and contact.is_active


def contact_line(signal):
    """ "<organisation>, contactpersoon <name>, <how to reach>": all that a match tells."""
    family = signal.family
    membership = family.contact_person
    if membership is None:
        membership = (
            Membership.objects.filter(organisation_id=signal.organisation_id, user=signal.raised_by)
            .select_related("user")
            .first()
        )
    user = membership.user if membership is not None else signal.raised_by
    name = (user.get_full_name() or user.get_username()) if user else _("onbekend")
    reach = (user.email if user else "") or _("via de organisatie")
    return _("%(organisation)s, contactpersoon %(name)s, %(reach)s") % {
        "organisation": signal.organisation.name,
        "name": name,
        "reach": reach,
    }


def _contact_user(signal):
    contact = signal.family.contact_person
    if contact is not None and contact.is_active:
        return contact.user
    return signal.raised_by


@transaction.atomic
def signal_raise(*, child, raised_by, parents_informed_on) -> InvolvementSignal:
    """ "Wij zijn betrokken" for `child`, after the parents were informed on that date."""
    _require_enabled()
    family = child.family
    region = region_of(family.organisation)
    if region is None:
        _refuse(_("Je organisatie doet (nog) niet mee in een regio."))
    if not may_signal(child, raised_by):
        _refuse(
            _("Alleen de vaste contactpersoon of een aandachtsfunctionaris meldt betrokkenheid.")
        )
    if parents_informed_on is None:
        _refuse(_("Vul de datum in waarop de ouders zijn geïnformeerd."), "parents_informed_on")
    if parents_informed_on > timezone.localdate():
        _refuse(
            _("De datum waarop de ouders zijn geïnformeerd ligt in de toekomst."),
            "parents_informed_on",
        )
    try:
        token = tokens.child_token(child)
    except ValidationError as exc:
        raise ValidationError({"child": exc.messages}) from None
    if InvolvementSignal.objects.live().filter(child=child).exists():
        _refuse(_("Voor dit kind is de betrokkenheid al gemeld."))
    slot = _lock_slot(region, token)
    try:
        with transaction.atomic():
            signal = _store_signal(region, child, token, parents_informed_on, raised_by)
    except IntegrityError:
        _refuse(_("Voor dit kind is de betrokkenheid al gemeld."))
    log_access(None, AccessAction.CREATE, user=raised_by, family=family, obj=signal)
    _match(signal, slot)
    return signal


def _store_signal(region, child, token, parents_informed_on, raised_by):
    return InvolvementSignal.objects.create(
        region=region,
        organisation=child.family.organisation,
        family=child.family,
        child=child,
        token=token,
        parents_informed_on=parents_informed_on,
        raised_by=raised_by,
    )


def _lock_slot(region, token):
    """The row that serialises matching for one token in one region."""
    try:
        with transaction.atomic():
            MatchSlot.objects.get_or_create(region=region, token=token)
    except IntegrityError:
        pass  # made by a concurrent transaction a moment ago: it exists now
    return MatchSlot.objects.select_for_update().get(region=region, token=token)


def _match(signal, slot):
    """Under the slot's lock: every live signal of another organisation taking part in the
    region, with the same token, makes one match; both contact persons hear of it."""
    others = (
        InvolvementSignal.objects.live()
        .filter(region_id=slot.region_id, token=slot.token)
        .exclude(organisation_id=signal.organisation_id)
        .filter(
            organisation__region_member__region_id=slot.region_id,
            organisation__region_member__opted_in_at__isnull=False,
        )
        .select_related("organisation", "family__contact_person__user", "raised_by")
    )
    made = []
    for other in others:
        first, second = sorted((signal, other), key=lambda s: s.pk)
        match, created = Match.objects.get_or_create(
            region_id=slot.region_id, first=first, second=second
        )
        if not created:
            continue
        made.append(match)
        for own, theirs in ((signal, other), (other, signal)):
            _log_by_system(AccessAction.VIEW, family=own.family, obj=match)
            notify(
                kind=NotificationKind.MATCH,
                event_key=f"match:{match.public_id}",
                url=own.family.get_absolute_url(),
                recipients=[_contact_user(own)],
                family=own.family,
                detail=contact_line(theirs),
            )
    return made


def _live_signal(child):
    return InvolvementSignal.objects.live().filter(child=child).first()


@transaction.atomic
def signal_withdraw(*, child, withdrawn_by) -> InvolvementSignal:
    """Withdraws the child's live signal: it matches nothing any more, and what was shared
    through its matches is hidden at once."""
    signal = _live_signal(child)
    if signal is None:
        _refuse(_("Voor dit kind is geen betrokkenheid gemeld."))
    if not may_signal(child, withdrawn_by):
        _refuse(_("Alleen de vaste contactpersoon of een aandachtsfunctionaris trekt dit in."))
    signal.withdrawn_at = timezone.now()
    signal.withdrawn_by = withdrawn_by
    signal.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log_access(None, AccessAction.CHANGE, user=withdrawn_by, family=signal.family, obj=signal)
    return signal


def child_identity_changed(*, child):
    """Listener of `families.services.child_identity_changed`: a match rests on the child's
    name and birth date as they are now. When a correction changes the token of the child's
    live signal, that signal is withdrawn (its matches end, and what was shared through them
    is hidden) and the same signal is raised again under the new token, so that it finds the
    organisations that know the child by the corrected data. A change that leaves the child
    without a token (no last name) is refused while the signal is live."""
    signal = _live_signal(child)
    if signal is None or not tokens.enabled():
        return None
    try:
        token = tokens.child_token(child)
    except ValidationError:
        _refuse(
            _(
                "Voor dit kind is betrokkenheid gemeld bij Samenwerken: voornaam, achternaam en "
                "geboortedatum blijven nodig. Trek de betrokkenheid eerst in."
            )
        )
    if token == signal.token:
        return None
    signal.withdrawn_at = timezone.now()
    signal.save(update_fields=["withdrawn_at"])
    _log_by_system(AccessAction.CHANGE, family=signal.family, obj=signal)
    slot = _lock_slot(signal.region, token)
    again = _store_signal(signal.region, child, token, signal.parents_informed_on, signal.raised_by)
    _log_by_system(AccessAction.CREATE, family=signal.family, obj=again)
    _match(again, slot)
    return again


# Consent ---------------------------------------------------------------------


def _own_match(child, public_id):
    """A live match of this child's signal, by its public id (as a form sent it), or a
    refusal."""
    try:
        public_id = uuid.UUID(str(public_id))
    except ValueError:
        public_id = None
    match = (
        Match.objects.live()
        .filter(public_id=public_id)
        .filter(Q(first__child=child) | Q(second__child=child))
        .select_related("first__family", "second__family", "first__child", "second__child")
        .first()
        if public_id is not None
        else None
    )
    if match is None:
        _refuse(_("Deze match bestaat niet (meer) voor dit kind."))
    return match


@transaction.atomic
def consent_record(*, child, match, recorded_by, given_on, scope) -> Consent:
    """The parents' consent, as this side of the match (`match`: its public id) recorded it."""
    _require_enabled()
    match = _own_match(child, match)
    organisation = child.family.organisation
    own, other = match.own_and_other(organisation)
    if not may_signal(child, recorded_by):
        _refuse(
            _("Alleen de vaste contactpersoon of een aandachtsfunctionaris legt toestemming vast.")
        )
    consent = Consent(
        match=match,
        organisation=organisation,
        recorded_by=recorded_by,
        given_on=given_on,
        scope=scope,
    )
    # A new consent replaces this side's earlier one (another scope, say): the earlier one
    # is withdrawn first, so that the one-live-per-side constraint holds when this one is
    # checked; a refusal rolls both back.
    Consent.objects.live().filter(match=match, organisation=organisation).update(
        withdrawn_at=timezone.now(), withdrawn_by=recorded_by
    )
    raise_errors(shape_errors(consent, exclude=["recorded_by"]))
    consent.save()
    log_access(None, AccessAction.CHANGE, user=recorded_by, family=own.family, obj=consent)
    notify(
        kind=NotificationKind.CONSENT,
        event_key=f"consent:{consent.public_id}",
        url=other.family.get_absolute_url(),
        recipients=[_contact_user(other)],
        family=other.family,
        detail=_("%(organisation)s legde toestemming van de ouders vast (%(scope)s)")
        % {"organisation": organisation.name, "scope": consent.get_scope_display()},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, child, match, withdrawn_by) -> Consent:
    """Withdraws this side's consent: the other side sees nothing more at once."""
    match = _own_match(child, match)
    consent = (
        Consent.objects.live().filter(match=match, organisation=child.family.organisation).first()
    )
    if consent is None:
        _refuse(_("Er is geen toestemming om in te trekken."))
    if not may_signal(child, withdrawn_by):
        _refuse(_("Alleen de vaste contactpersoon of een aandachtsfunctionaris trekt dit in."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = withdrawn_by
    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log_access(None, AccessAction.CHANGE, user=withdrawn_by, family=child.family, obj=consent)
    return consent


# Warm handover -----------------------------------------------------------------


def _lines(rows):
    return "\n".join(" — ".join(part for part in row if part) for row in rows)


def _lasting_factors(family):
    """The names of the family's current lasting risk factors, where the catalogue knows
    lasting factors (`SignalCategory.lasting`); else nothing."""
    names = {f.name for f in SignalCategory._meta.get_fields()}
    if "lasting" not in names:
        return ""
    latest = Observation.objects.filter(family=family, category__lasting=True).latest_versions()
    if "ended_on" in {f.name for f in Observation._meta.get_fields()}:
        latest = latest.filter(ended_on__isnull=True)
    return "\n".join(sorted(set(latest.values_list("category__name", flat=True))))


@transaction.atomic
def handover_create(
    *, child, created_by, to_organisation, consent_on, going_well, include_lasting=False
) -> Handover:
    """Composes the package from the family's file and sends it to `to_organisation`."""
    family = child.family
    region = region_of(family.organisation)
    if region is None:
        _refuse(_("Je organisatie doet (nog) niet mee in een regio."))
    if to_organisation is None or region_of(to_organisation) != region:
        _refuse(_("Kies een organisatie die meedoet in jullie regio."), "to_organisation")
    if to_organisation.pk == family.organisation_id:
        _refuse(_("Een overdracht gaat naar een andere organisatie."), "to_organisation")
    if not may_signal(child, created_by):
        _refuse(_("Alleen de vaste contactpersoon of een aandachtsfunctionaris draagt over."))
    contact = family.contact_person
    contact_user = contact.user if contact is not None else created_by
    handover = Handover(
        from_organisation=family.organisation,
        from_family=family,
        to_organisation=to_organisation,
        consent_on=consent_on,
        child_first_name=child.first_name,
        child_last_name=child.last_name,
        child_birth_date=child.birth_date,
        going_well=(going_well or "").strip(),
        agreements=family.support_notes,
        network=_lines(
            (m.name, m.get_relationship_display(), m.how_they_help, m.contact)
            for m in family.network.all()
        ),
        partners=_lines(
            (p.organisation_name, p.contact_person, p.responsibility) for p in family.partners.all()
        ),
        contact=_("%(organisation)s, %(name)s, %(reach)s")
        % {
            "organisation": family.organisation.name,
            "name": contact_user.get_full_name() or contact_user.get_username(),
            "reach": contact_user.email or _("via de organisatie"),
        },
        lasting_factors=_lasting_factors(family) if include_lasting else "",
        created_by=created_by,
        expires_at=timezone.now() + datetime.timedelta(days=HANDOVER_DAYS),
    )
    raise_errors(shape_errors(handover, exclude=["created_by", "from_family"]))
    handover.save()
    log_access(None, AccessAction.EXPORT, user=created_by, family=family, obj=handover)
    _log_by_system(AccessAction.CREATE, organisation=to_organisation, obj=handover)
    notify(
        kind=NotificationKind.HANDOVER,
        event_key=f"handover:{handover.public_id}",
        url=reverse("collaboration:handover", kwargs={"public_id": handover.public_id}),
        recipients=list(
            Membership.objects.leads()
            .filter(organisation=to_organisation)
            .values_list("user_id", flat=True)
        ),
        organisation=to_organisation,
        detail=_("van %(organisation)s") % {"organisation": family.organisation.name},
    )
    return handover


def _decidable(handover, lead):
    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if (
        not Membership.objects.leads()
        .filter(organisation=handover.to_organisation, user=lead)
        .exists()
    ):
        _refuse(_("Alleen een aandachtsfunctionaris van de ontvangende organisatie beslist."))
    if not handover.is_open(timezone.now()):
        _refuse(_("Deze overdracht is al beantwoord of verlopen (na 30 dagen)."))
    return handover


def _tell_sender(handover, detail):
    if handover.from_family is None or handover.created_by is None:
        return
    notify(
        kind=NotificationKind.HANDOVER,
        event_key=f"handover:{handover.public_id}:{handover.status}",
        url=handover.from_family.get_absolute_url(),
        recipient=handover.created_by,
        family=handover.from_family,
        detail=detail,
    )
    _log_by_system(AccessAction.VIEW, family=handover.from_family, obj=handover)


@transaction.atomic
def handover_accept(*, handover, lead, family=None, family_name="") -> Handover:
    """Takes the handover into an existing family of the receiving organisation, or a new
    one: the child is added, and the sender becomes a chain partner there."""
    handover = _decidable(handover, lead)
    if family is not None and family.organisation_id != handover.to_organisation_id:
        _refuse(_("Kies een gezin van je eigen organisatie."), "family")
    if family is None:
        name = (family_name or "").strip() or _("Gezin %(name)s") % {
            "name": handover.child_last_name or handover.child_first_name
        }
        family = family_create(organisation=handover.to_organisation, name=name, created_by=lead)
    child_add(
        family=family,
        first_name=handover.child_first_name,
        last_name=handover.child_last_name,
        birth_date=handover.child_birth_date,
    )
    chain_partner_add(
        family=family,
        organisation_name=handover.from_organisation.name,
        contact_person=handover.contact[:150],
        responsibility=_("Warme overdracht ontvangen op %(day)s.")
        % {"day": timezone.localdate().isoformat()},
        consent_basis=(
            _("Toestemming ouders voor de overdracht gegeven op %(day)s.")
            % {"day": handover.consent_on.isoformat()}
        )[:200],
    )
    handover.status = HandoverStatus.ACCEPTED
    handover.decided_by, handover.decided_at = lead, timezone.now()
    handover.target_family = family
    handover.save()
    log_access(None, AccessAction.CREATE, user=lead, family=family, obj=handover)
    _tell_sender(
        handover,
        _("%(organisation)s nam de overdracht aan")
        % {"organisation": handover.to_organisation.name},
    )
    return handover


@transaction.atomic
def handover_decline(*, handover, lead) -> Handover:
    handover = _decidable(handover, lead)
    handover.status = HandoverStatus.DECLINED
    handover.decided_by, handover.decided_at = lead, timezone.now()
    handover.save()
    log_access(
        None, AccessAction.CHANGE, user=lead, organisation=handover.to_organisation, obj=handover
    )
    _tell_sender(
        handover,
        _("%(organisation)s wees de overdracht af")
        % {"organisation": handover.to_organisation.name},
    )
    return handover
