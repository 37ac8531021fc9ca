from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Membership
from organisations.scoping import CASE_ROLES

INVALID_CHARACTERS = gettext_lazy("Tekst bevat ongeldige tekens.")


def is_case_member(user, organisation):
    """An active professional or lead of `organisation`."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return (
        Membership.objects.active()
        .filter(user=user, organisation=organisation, role__in=CASE_ROLES)
        .exists()
    )


def check_text(value, *, field, errors, required=False, max_length=None):
    """Strip a user text and collect a Dutch message for what PostgreSQL or the page cannot take."""
    text = "" if value is None else str(value)
    if "\x00" in text:
        errors[field] = INVALID_CHARACTERS
        return text
    text = text.strip()
    if required and not text:
        errors[field] = _("Vul dit veld in.")
    elif max_length is not None and len(text) > max_length:
        errors[field] = _("Maximaal %(max)s tekens (nu %(n)s).") % {
            "max": max_length,
            "n": len(text),
        }
    return text
