"""One lockout for both steps of a login: wrong passwords and wrong second-factor codes
count together (django-axes, 5 per username and address, 15 minutes).

django-axes counts a wrong password through Django's `user_login_failed` signal; a wrong
code is sent through the same signal. Because a right password alone must not wipe the
count of wrong codes before it, axes does not reset on a password (AXES_RESET_ON_SUCCESS
is off); the count is reset here once the whole login has succeeded.
"""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed

from .audit import client_address


def _credentials(user):
    return {"username": user.get_username()}


def is_locked_out(request, user):
    return not AxesProxyHandler.is_allowed(request, _credentials(user))


def second_factor_failed(request, user):
    """Counts a wrong code like a wrong password; True when that locked the user out."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def locked_out_response(request, user):
    """The half-finished login ends, and the lockout page says when to try again."""
    credentials = _credentials(user)
    logout(request)
    return get_lockout_response(request, None, credentials)


def login_completed(request, user):
    """Password and (if any) second factor were right: the count for this pair starts again."""
    AxesProxyHandler.reset_attempts(
        ip_address=client_address(request), username=user.get_username()
    )
