import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from families.models import TeamReason
from families.scoping import reads_file
from families.services import family_touch, team_add
from signals.catalogue.models import RISK_KINDS, SignalCategory
from signals.observations import alerts
from signals.observations.models import Observation, ParentsDiscussed, Severity
from signals.validation import check_text, is_case_member

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
)


DESCRIPTION_MAX = 5000


def _touch_family(family):
    """Every write about a family moves its retention clock (last_activity_at)."""
    family_touch(family=family)


def _validate(observation, *, check_category=True):
    """The rules of an observation version; raises ValidationError with Dutch messages per field."""
    errors = {}
    family = observation.family
    category = observation.category
    if category is None or not isinstance(category, SignalCategory):
        errors["category"] = _("Kies een categorie uit de signalenlijst.")
    elif (
        check_category
        and not SignalCategory.objects.available_to(family.organisation)
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
    if isinstance(observation.severity, str) and observation.severity.strip().isdigit():
        observation.severity = int(observation.severity)
    if isinstance(observation.severity, bool) or observation.severity not in Severity.values:
        errors["severity"] = _("Kies de ernst: 1 (lichte zorg), 2 (zorg) of 3 (ernstige zorg).")
    observed_on = observation.observed_on
    if isinstance(observed_on, str):
        try:
            observed_on = observation.observed_on = datetime.date.fromisoformat(observed_on)
        except ValueError:
            pass
    if isinstance(observed_on, datetime.datetime):
        observed_on = observation.observed_on = observed_on.date()
    if not isinstance(observed_on, datetime.date):
        errors["observed_on"] = _("Vul een geldige datum in.")
    elif observed_on > timezone.localdate():
        errors["observed_on"] = _("De datum kan niet in de toekomst liggen.")
    child = observation.child
    if child is not None:
        if child.family_id != family.pk:
            errors["child"] = _("Dit kind hoort niet bij dit gezin.")
        elif isinstance(observed_on, datetime.date) and observed_on < child.birth_date:
            errors["observed_on"] = _("De datum ligt vóór de geboortedatum van het kind.")
    if observation.parents_discussed not in ParentsDiscussed.values:
        errors["parents_discussed"] = _("Kies of het met de ouders besproken is.")
    observation.description = check_text(
        observation.description,
        field="description",
        errors=errors,
        required=True,
        max_length=DESCRIPTION_MAX,
    )
    observation.parents_response = check_text(
        observation.parents_response, field="parents_response", errors=errors, max_length=2000
    )
    if not is_case_member(observation.observer, family.organisation):
        errors["observer"] = _(
            "Alleen een actieve professional of aandachtsfunctionaris van deze organisatie "
            "kan een signaal vastleggen."
        )
    if errors:
        raise ValidationError(errors)
    # Fields without a column of their own (joins such as a newer version) hold nothing to check.
    observation.full_clean(exclude=[f.name for f in Observation._meta.fields if not f.concrete])


def join_team_if_reading(*, family, user, reason):
    """Who logs or answers from within a family's file joins its team (need-to-know). Logging
    from outside does not open the file: that would be a way around "toegang vragen" and
    "nu openen"; the logger sees their own entries in "Mijn signalen"."""
    if reads_file(user, family):
        team_add(family=family, user=user, added_by=None, reason=reason)


def _save_and_notify(observation):
    observation.save()
    _touch_family(observation.family)
    join_team_if_reading(
        family=observation.family, user=observation.observer, reason=TeamReason.LOGGED
    )
    if observation.acute:
        # Only once the observation is really stored: no alert for a rolled-back write.
        pk = observation.pk
        transaction.on_commit(lambda: alerts.send_acute_alert(observation_id=pk))
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
        parents_response=parents_response or "",
        confidential=bool(confidential),
        observer=observer,
    )
    observation.chain = observation.public_id
    _validate(observation)
    return _save_and_notify(observation)


@transaction.atomic
def observation_amend(*, original, observer, **changes) -> Observation:
    """Correct an observation: a new version on top of the chain's latest; nothing is overwritten.

    `reason` (why it is corrected) is required; the other keys are AMENDABLE_FIELDS.
    """
    reason = changes.pop("reason", None)
    unknown = set(changes) - set(AMENDABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Dit kun je niet corrigeren: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    errors = {}
    reason = check_text(reason, field="reason", errors=errors, required=True, max_length=2000)
    if errors:
        if "reason" in errors and not reason:
            errors["reason"] = _("Schrijf waarom je dit corrigeert.")
        raise ValidationError(errors)
    latest = Observation.objects.filter(chain=original.chain).order_by("-pk").first()
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
    _validate(amendment, check_category=category_changed)
    return _save_and_notify(amendment)
