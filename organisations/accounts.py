"""A colleague's account, as the beheerder looks after it: a lost phone."""

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services import end_sessions_of


@transaction.atomic
def second_factor_reset(*, membership, by) -> bool:
    """Removes the colleague's authenticator and backup codes, so that they enrol again at
    their next login; ends their sessions and tells them by e-mail.

    Never one's own: someone who lost their phone asks a colleague beheerder, so that
    a stolen password alone cannot turn the second factor off. Returns whether the
    e-mail went out (there may be no address, or the mail server may be down).
    """
    user = membership.user
    if user.pk == by.pk:
        raise PermissionDenied
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    end_sessions_of(user)
    if not user.email:
        return False
    context = {
        "name": user.get_full_name() or user.get_username(),
        "by": by.get_full_name() or by.get_username(),
        "organisation": membership.organisation.name,
    }
    body = render_to_string("organisations/email/mfa_reset.txt", context)
    try:
        send_mail(_("Je tweestapsverificatie voor stap0 is hersteld"), body, None, [user.email])
    except OSError:
        return False
    return True
