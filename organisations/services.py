"""The one home for writes about organisations and people."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Membership, Organisation, Role


def organisation_create(*, name) -> Organisation:
    organisation = Organisation(name=(name or "").strip())
    organisation.full_clean()
    organisation.save()
    return organisation


def membership_add(*, organisation, user, role, job_title="") -> Membership:
    if role not in Role.values:
        raise ValidationError(
            {"role": _("Onbekende rol: kies professional, aandachtsfunctionaris of beheerder.")}
        )
    membership = Membership(organisation=organisation, user=user, role=role, job_title=job_title)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def person_add(
    *, organisation, username, first_name, last_name, email, password, role, job_title=""
):
    """A beheerder adds a new person to the organisation, with a first password."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Deze gebruikersnaam is al in gebruik.")})
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    return membership_add(organisation=organisation, user=user, role=role, job_title=job_title)


def membership_update(*, membership, role, is_active, job_title="") -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Onbekende rol.")})
    membership.role = role
    membership.is_active = is_active
    membership.job_title = job_title
    membership.full_clean()
    membership.save()
    if not is_active:
        end_sessions_of(membership.user)
    return membership


def end_sessions_of(user):
    """Log a person out everywhere: their sessions are removed from the database."""
    from django.contrib.sessions.models import Session

    user_id = str(user.pk)
    doomed = [
        s.pk for s in Session.objects.iterator() if s.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=doomed).delete()


def thresholds_update(*, organisation, **values) -> Organisation:
    allowed = {
        "accumulation_threshold",
        "attention_threshold",
        "distinct_threshold",
        "band_full_days",
        "band_half_days",
        "band_quarter_days",
        "retention_years",
    }
    unknown = set(values) - allowed
    if unknown:
        raise ValidationError(
            _("Onbekende instelling: %(names)s") % {"names": ", ".join(sorted(unknown))}
        )
    for field, value in values.items():
        setattr(organisation, field, value)
    errors = {}
    if (
        organisation.attention_threshold is not None
        and organisation.accumulation_threshold is not None
    ):
        if organisation.attention_threshold > organisation.accumulation_threshold:
            errors["attention_threshold"] = _(
                "De aandachtsdrempel moet lager zijn dan (of gelijk aan) de stapelingsdrempel."
            )
    bands = [
        organisation.band_full_days,
        organisation.band_half_days,
        organisation.band_quarter_days,
    ]
    if None not in bands and not bands[0] < bands[1] < bands[2]:
        errors["band_half_days"] = _("De leeftijdsbanden moeten oplopen: volledig < half < kwart.")
    if errors:
        raise ValidationError(errors)
    organisation.full_clean()
    organisation.save()
    return organisation


def file_access_update(*, organisation, everyone_reads_all_families) -> Organisation:
    """Need-to-know (the default) or "iedereen ziet alle gezinnen": the lead's choice."""
    if not isinstance(everyone_reads_all_families, bool):
        raise ValidationError({"everyone_reads_all_families": _("Kies aan of uit.")})
    organisation.everyone_reads_all_families = everyone_reads_all_families
    organisation.full_clean()
    organisation.save(update_fields=["everyone_reads_all_families"])
    return organisation
