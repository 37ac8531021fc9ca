import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import audit, mfa
from .models import Membership

SESSION_KEY = "stap0_membership"


def active_memberships(user):
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("organisation", "user")
        .order_by("organisation__name")
    )


class CurrentOrganisationMiddleware:
    """Sets `request.membership` (and `request.organisation`): where the user works now.

    The choice lives in the session (in the database). With a single active
    membership it is made for the user. A membership that was deactivated or
    removed stops counting at the next request.

    One query reads all of the user's active memberships (a person has a few), so
    that the menu's "wissel" knows their number without counting them again
    (`request.active_membership_count`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = None
        request.organisation = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            mine = list(active_memberships(user))
            request.active_membership_count = len(mine)
            chosen = request.session.get(SESSION_KEY)
            membership = None
            if chosen:
                membership = next((m for m in mine if str(m.public_id) == chosen), None)
                if membership is None:
                    request.session.pop(SESSION_KEY, None)
            if membership is None and len(mine) == 1:
                membership = mine[0]
                request.session[SESSION_KEY] = str(membership.public_id)
            request.membership = membership
            request.organisation = membership.organisation if membership else None
        return self.get_response(request)


class LoginRequiredMiddleware(_DjangoLoginRequired):
    """Every page needs a login, except the few marked `login_not_required`."""


class DeniedAccessLogMiddleware:
    """Logs a refused attempt at a family's file (403 or 404), and any read of a file
    that its view did not log itself.

    It runs outside the view's transaction (ATOMIC_REQUESTS), which rolls back
    when the view refuses, so the refusal itself is still recorded. A page that
    showed a family's file (the scoping helpers note which) without writing an
    entry gets a "view" entry here; should that write fail, the user gets an
    error page instead of the file, so no read goes unlogged.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        public_id = getattr(request, "stap0_denied_family", None)
        read = getattr(request, "stap0_read", None)
        if public_id is not None and response.status_code in (403, 404):
            outcome = "not_found" if response.status_code == 404 else "denied"
            audit.log_access(request, "denied", family_public_id=public_id, outcome=outcome)
        elif read is not None and response.status_code == 200:
            if not getattr(request, "stap0_logged", False):
                family, obj = read
                audit.log_access(request, "view", family=family, obj=obj)
        return response


class NoStoreMiddleware:
    """No page behind the login may be kept by a browser or proxy cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class SessionLimitsMiddleware:
    """Idle timeout and absolute limit of a login session, enforced on the server.

    The session holds when the user logged in and when they were last seen
    (mfa.SESSION_STATE). Last-seen is written at most once a minute, so that
    ordinary requests do not each write the session row.
    """

    TOUCH_EVERY = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            state = mfa.session_state(request)
            if state is None:
                mfa.start_session_state(request, user)
            else:
                idle = now - state.get("seen", now)
                age = now - state.get("login", now)
                if idle > settings.STAP0_SESSION_IDLE_SECONDS or (
                    age > settings.STAP0_SESSION_ABSOLUTE_SECONDS
                ):
                    idle_only = idle > settings.STAP0_SESSION_IDLE_SECONDS
                    return self._expired(request, idle_only=idle_only)
                if idle >= self.TOUCH_EVERY:
                    state["seen"] = now
                    request.session[mfa.SESSION_STATE] = state
        return self.get_response(request)

    def _expired(self, request, *, idle_only):
        next_path = request.get_full_path() if request.method == "GET" else ""
        logout(request)  # flushes the session server-side
        if idle_only:
            messages.warning(
                request, _("Je was een tijd niet actief en bent daarom uitgelogd. Log opnieuw in.")
            )
        else:
            messages.warning(request, _("Je sessie is verlopen. Log opnieuw in."))
        url = resolve_url(settings.LOGIN_URL)
        if next_path and url_has_allowed_host_and_scheme(next_path, allowed_hosts=None):
            url = f"{url}?{urlencode({'next': next_path})}"
        return redirect(url)


class MFARequiredMiddleware:
    """Two-factor authentication: verify a confirmed device, or enrol when required.

    A user with a confirmed device is always asked for a code after the
    password. When settings.STAP0_REQUIRE_MFA is on (read per request), a user
    without a device is sent to enrolment first. Only the pages that make
    this possible stay open.
    """

    OPEN = {"mfa_verify", "mfa_enrol", "mfa_backup_codes", "logout", "login", "set_language"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in self.OPEN:
            return None
        if user.is_verified():
            return None
        state = mfa.session_state(request) or {}
        if state.get("device"):
            target = "mfa_verify"
        elif settings.STAP0_REQUIRE_MFA:
            target = "mfa_enrol"
        else:
            return None
        url = reverse(target)
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return redirect(url)
