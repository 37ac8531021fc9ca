from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from families.models import TeamMember, TeamReason
from families.scoping import reads_file
from families.services import family_touch, team_add
from notifications.models import NotificationKind
from notifications.services import notify, resolve
from organisations.hooks import Hook
from organisations.models import Membership
from organisations.shape import raise_errors, shape_errors
from signals.catalogue.models import RISK_KINDS, SignalCategory
from signals.observations import alerts
from signals.observations.models import Observation, ParentsDiscussed, ParentsView, raises_acute
from signals.observations.selectors import latest_version
from signals.validation import is_case_member

# What a correction may change; everything else is copied from the latest version.
AMENDABLE_FIELDS = (
    "category",
    "severity",
    "observed_on",
    "description",
    "acute",
    "child",
    "parents_discussed",
    "parents_response",
    "confidential",
    "shared_with_partners",
    "ended_on",
)


def _check_category(observation, errors, *, available):
    category = observation.category
    if available and (
        not SignalCategory.objects.available_to(observation.family.organisation)
        .filter(pk=category.pk)
        .exists()
    ):
        errors["category"] = _(
            "Deze categorie is onbekend of staat uit voor jouw organisatie. Kies een andere."
        )
    elif observation.acute and category.kind not in RISK_KINDS:
        errors["acute"] = _(
            "Alleen een signaal of risicofactor kan acuut zijn, geen beschermende factor."
        )


def _check_end(observation, errors):
    """A correction that ends something: only a lasting risk factor can stop applying."""
    if observation.ended_on is not None and not observation.category.lasting:
        errors["ended_on"] = _(
            "Alleen een blijvende risicofactor (zoals een verstandelijke beperking of schulden) "
            "kan voorbij zijn; deze categorie is dat niet."
        )


def _check_child(observation, errors):
    child = observation.child
    if child.family_id != observation.family_id:
        errors["child"] = _("Dit kind hoort niet bij dit gezin.")
    elif "observed_on" not in errors and observation.observed_on < child.birth_date:
        errors["observed_on"] = _("De datum ligt vóór de geboortedatum van het kind.")


def _validate(observation, *, check_category=True, check_end=False):
    """One version's shape (the model's full_clean) and the rules that span objects: the
    category is the organisation's, the child the family's, the observer a case member.
    Raises ValidationError with Dutch messages per field."""
    errors = shape_errors(observation)
    if "category" not in errors:
        _check_category(observation, errors, available=check_category)
    if "child" not in errors and observation.child is not None:
        _check_child(observation, errors)
    if check_end and "ended_on" not in errors and "category" not in errors:
        _check_end(observation, errors)
    if "observer" not in errors and not is_case_member(
        observation.observer, observation.family.organisation
    ):
        errors["observer"] = _(
            "Alleen een actieve professional of aandachtsfunctionaris van deze organisatie "
            "kan een signaal vastleggen."
        )
    if "amend_reason" in errors:  # the service's argument is called `reason`
        errors["reason"] = errors.pop("amend_reason")
    raise_errors(errors)


def join_team_if_reading(*, family, user, reason):
    """Who logs or answers from within a family's file joins its team (need-to-know). Logging
    from outside does not open the file: that would be a way around "toegang vragen" and
    "nu openen"; the logger sees their own entries in "Mijn signalen".

    Callers checked that `user` is an active case member (`is_case_member`): one already in
    the team stays as they are (what `team_add` would return), in one query instead of
    seven (membership, file rule, savepoint, twice the membership again, the team row)."""
    if TeamMember.objects.current().filter(family=family, user=user).exists():
        return
    if reads_file(user, family):
        team_add(family=family, user=user, added_by=None, reason=reason)


# Called with every stored observation version, inside its transaction. The features above
# observations (the accumulation's status: signals.followup) register here in
# SignalsConfig.ready(), so that this module names none of them.
saved = Hook("observation_saved")

# provider(organisation_id) -> bool: whether the organisation can share an observation with
# chain partners (collaboration fills it: it takes part in a region, the match key is set).
# Without a provider saying yes, the form does not offer "Delen met ketenpartners".
sharing_offered = Hook("sharing_offered")


def offers_sharing(organisation_id) -> bool:
    return any(provider(organisation_id) for provider in sharing_offered)


def _notify_leads_of_acute(observation):
    family = observation.family
    leads = Membership.objects.leads().filter(organisation_id=family.organisation_id)
    notify(
        kind=NotificationKind.ACUTE,
        event_key=f"acute:{observation.public_id}",
        url=reverse("signals:explanation", kwargs={"family_id": family.public_id}),
        recipients=[m.user_id for m in leads.only("user_id")],
        family=family,
        actor=observation.observer,
    )


def _save_and_notify(observation, previous=None):
    """Store a version; the leads hear of it (in the app and by e-mail) only when it raises
    the chain's acute flag (`raises_acute`): a correction of wording, date or a lower
    severity tells no one again."""
    observation.save()
    family_touch(family=observation.family)
    # Something was logged: the family is no longer quiet for its contact person.
    resolve(family=observation.family, kinds=[NotificationKind.QUIET])
    raised = raises_acute(previous, observation)
    if raised:
        _notify_leads_of_acute(observation)
    join_team_if_reading(
        family=observation.family, user=observation.observer, reason=TeamReason.LOGGED
    )
    if raised:
        # Only once the observation is really stored: no alert for a rolled-back write.
        pk = observation.pk
        transaction.on_commit(lambda: alerts.send_acute_alert(observation_id=pk))
    for provider in saved:
        provider(observation)
    return observation


@transaction.atomic
def observation_record(
    *,
    family,
    category,
    severity,
    observed_on,
    observer,
    description,
    acute=False,
    child=None,
    parents_discussed=ParentsDiscussed.NOT_YET,
    parents_response="",
    confidential=False,
    shared_with_partners=False,
) -> Observation:
    """Log what a professional noticed about a family (the first version of a chain).

    `confidential`: only the observer and the leads read it (need-to-know); it still counts.
    """
    observation = Observation(
        family=family,
        child=child,
        category=category,
        severity=severity,
        observed_on=observed_on,
        description=description,
        acute=bool(acute),
        parents_discussed=parents_discussed,
        parents_response=parents_response,
        confidential=bool(confidential),
        shared_with_partners=bool(shared_with_partners),
        observer=observer,
    )
    observation.chain = observation.public_id
    _validate(observation)
    return _save_and_notify(observation)


@transaction.atomic
def observation_amend(*, original, observer, **changes) -> Observation:
    """Correct an observation: a new version on top of the chain's latest; nothing is overwritten.

    `reason` (why it is corrected) is required; the other keys are AMENDABLE_FIELDS.
    `ended_on` ends a lasting risk factor ("niet meer van toepassing sinds"); None again
    makes it current.
    """
    reason = changes.pop("reason", None)
    unknown = set(changes) - set(AMENDABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Dit kun je niet corrigeren: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    latest = latest_version(original)
    amendment = Observation(
        chain=latest.chain,
        amends=original,
        amend_reason=reason,
        family=latest.family,
        observer=observer,
        **{name: getattr(latest, name) for name in AMENDABLE_FIELDS},
    )
    for name, value in changes.items():
        setattr(amendment, name, value)
    if "acute" in changes:
        amendment.acute = bool(changes["acute"])
    if "confidential" in changes:
        amendment.confidential = bool(changes["confidential"])
        chain_confidential = Observation.objects.filter(chain=latest.chain, confidential=True)
        if not amendment.confidential and chain_confidential.exists():
            raise ValidationError(
                {"confidential": _("Een vertrouwelijke observatie blijft vertrouwelijk.")}
            )
    if amendment.parents_response is None:
        amendment.parents_response = ""
    # A category the organisation switched off later does not block correcting a typo;
    # choosing a (new) category must pass the catalogue check.
    category_changed = "category" in changes and getattr(
        changes["category"], "pk", None
    ) != getattr(latest, "category_id", None)
    _validate(
        amendment,
        check_category=category_changed,
        check_end=amendment.ended_on != getattr(latest, "ended_on", None),
    )
    return _save_and_notify(amendment, previous=latest)


@transaction.atomic
def parents_view_add(*, observation, recorded_by, text) -> ParentsView:
    """Attach the parents' own view ("ouders zien het anders: …") to an observation's chain.

    The newest view is the one shown beside the observation; earlier ones stay.
    """
    view = ParentsView(
        chain=observation.chain, family=observation.family, text=text, recorded_by=recorded_by
    )
    errors = shape_errors(view)
    if not is_case_member(recorded_by, observation.family.organisation):
        errors["recorded_by"] = _(
            "Alleen een actieve professional of aandachtsfunctionaris van deze organisatie "
            "kan dit vastleggen."
        )
    raise_errors(errors)
    view.save()
    family_touch(family=observation.family)
    return view
