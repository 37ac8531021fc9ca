"""The one home for writes about organisations and people."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Membership, Organisation


def organisation_create(*, name) -> Organisation:
    organisation = Organisation(name=name)
    organisation.full_clean()
    organisation.save()
    return organisation


def membership_add(*, organisation, user, role, job_title="") -> Membership:
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
    membership.role = role
    membership.is_active = is_active
    membership.job_title = job_title
    membership.full_clean()
    membership.save()
    if not is_active:
        end_sessions_of(membership.user)
    return membership


def end_sessions_of(user):
    """Log a person out everywhere at once: their sessions are removed from the database.

    Found through the session index (organisations.sessions), not by decoding
    every session of every user."""
    from django.contrib.sessions.models import Session

    from .models import SessionIndex

    keys = list(SessionIndex.objects.filter(user=user).values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    SessionIndex.objects.filter(session_key__in=keys).delete()


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
