"""Invitations: a beheerder invites a colleague by e-mail address and role; the
colleague follows a one-time link (72 hours) and chooses their own password.

No one but the colleague ever sees the password, and the link's secret is not
kept: the database holds its SHA-256 only, so a resend makes a new link.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Invitation, Membership, Role
from .services import membership_add

VALID_HOURS = 72
# A link's secret is 43 URL-safe characters; anything much longer is not one of ours.
MAX_TOKEN_LENGTH = 100


def _hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _normalised_email(email):
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Vul een geldig e-mailadres in.")}) from None
    return email


def accept_url(token):
    return settings.STAP0_BASE_URL.rstrip("/") + reverse("invitation_accept", args=[token])


def _send(invitation, token):
    inviter = invitation.invited_by
    context = {
        "organisation": invitation.organisation.name,
        "role": invitation.get_role_display(),
        "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "",
        "url": accept_url(token),
        "hours": VALID_HOURS,
    }
    subject = _("Uitnodiging voor stap0 bij %(organisation)s") % context
    body = render_to_string("organisations/email/invitation.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except OSError:
        # The transaction rolls back: no invitation without its e-mail.
        raise ValidationError(
            _("De e-mail kon niet worden verstuurd. Probeer het later opnieuw.")
        ) from None


def _issue(invitation):
    """A new secret and a new 72 hours; returns the secret (for the e-mail only)."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _hash(token)
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(hours=VALID_HOURS)
    return token


@transaction.atomic
def invitation_create(*, organisation, email, role, invited_by, job_title="") -> Invitation:
    """Invites `email` to `organisation` as `role` and sends the e-mail with the link."""
    email = _normalised_email(email)
    if role not in Role.values:
        raise ValidationError({"role": _("Kies een rol.")})
    if (
        Membership.objects.active()
        .filter(organisation=organisation, user__email__iexact=email)
        .exists()
    ):
        raise ValidationError(
            {"email": _("Iemand met dit e-mailadres werkt al in deze organisatie.")}
        )
    if organisation.invitations.open().filter(email__iexact=email).exists():
        raise ValidationError(
            {
                "email": _(
                    "Voor dit adres staat al een uitnodiging open. "
                    "Verstuur die opnieuw of trek hem in op de pagina Mensen."
                )
            }
        )
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        job_title=(job_title or "").strip(),
        invited_by=invited_by,
    )
    token = _issue(invitation)
    invitation.full_clean()
    invitation.save()
    _send(invitation, token)
    return invitation


@transaction.atomic
def invitation_resend(*, invitation) -> Invitation:
    """A new link (the old one stops working) with a fresh 72 hours."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("Deze uitnodiging is al aangenomen of ingetrokken."))
    token = _issue(invitation)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _send(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("Deze uitnodiging is al aangenomen of ingetrokken."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def invitation_for_token(token):
    """The open, unexpired invitation that `token` belongs to, or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=_hash(token))
        .first()
    )
    if invitation is None or not invitation.is_usable(timezone.now()):
        return None
    return invitation


def account_for(invitation):
    """The existing account with the invitation's address, if there is exactly one."""
    users = list(get_user_model().objects.filter(email__iexact=invitation.email)[:2])
    return users[0] if len(users) == 1 else None


def _claim(invitation):
    """Locks the invitation and checks that it can still be used: one time only."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable(timezone.now()):
        raise ValidationError(
            _("Deze uitnodiging is al gebruikt, ingetrokken of verlopen. Vraag een nieuwe aan.")
        )
    return locked


def _mark_accepted(invitation, user):
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


@transaction.atomic
def invitation_accept_new(*, invitation, username, first_name, last_name, password) -> Membership:
    """A new account for the invited address, with the password its owner chose."""
    invitation = _claim(invitation)
    User = get_user_model()
    username = (username or "").strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Deze gebruikersnaam is al in gebruik.")})
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _(
                "Er bestaat al een account met dit e-mailadres. "
                "Log in om de uitnodiging aan te nemen."
            )
        )
    user = User(
        username=username,
        first_name=(first_name or "").strip(),
        last_name=(last_name or "").strip(),
        email=invitation.email,
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password1": exc.messages}) from None
    user.set_password(password)
    user.full_clean()
    user.save()
    membership = membership_add(
        organisation=invitation.organisation,
        user=user,
        role=invitation.role,
        job_title=invitation.job_title,
    )
    _mark_accepted(invitation, user)
    return membership


@transaction.atomic
def invitation_accept_existing(*, invitation, user) -> Membership:
    """Someone who already has an account (a jeugdarts of several schools) joins too."""
    invitation = _claim(invitation)
    if (user.email or "").strip().lower() != invitation.email:
        raise ValidationError(_("Deze uitnodiging is voor een ander e-mailadres."))
    membership = Membership.objects.filter(user=user, organisation=invitation.organisation).first()
    if membership is None:
        membership = membership_add(
            organisation=invitation.organisation,
            user=user,
            role=invitation.role,
            job_title=invitation.job_title,
        )
    else:
        # Someone who left and comes back: the old membership is switched on again.
        membership.role = invitation.role
        membership.job_title = invitation.job_title or membership.job_title
        membership.is_active = True
        membership.full_clean()
        membership.save()
    _mark_accepted(invitation, user)
    return membership
