import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired
from django.db import DatabaseError, transaction
from django.http import HttpResponse
from django.shortcuts import redirect, resolve_url
from django.template import loader
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from . import audit, mfa
from .models import Membership

SESSION_KEY = "stap0_membership"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
logger = logging.getLogger(__name__)


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
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = None
        request.organisation = None
        request.active_memberships_count = 0
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # All of them in one query (a person has a few): the menu shows the switcher
            # when there is more than one, without counting them again.
            mine = list(active_memberships(user))
            request.active_memberships_count = len(mine)
            chosen = request.session.get(SESSION_KEY)
            membership = None
            if chosen:
                membership = next((m for m in mine if str(m.public_id) == chosen), None)
                if membership is None:
                    request.session.pop(SESSION_KEY, None)
            if membership is None:
                if len(mine) == 1:
                    membership = mine[0]
                    request.session[SESSION_KEY] = str(membership.public_id)
            request.membership = membership
            request.organisation = membership.organisation if membership else None
        return self.get_response(request)


class LoginRequiredMiddleware(_DjangoLoginRequired):
    """Every page needs a login, except the few marked `login_not_required`. There is one
    login page (its lockout and second factor), also for Django's admin, whose views name
    their own."""

    def get_login_url(self, view_func):
        return str(settings.LOGIN_URL)


class AuditMiddleware:
    """Writes each request's access-log entries (organisations.audit), and owns the
    request's transaction.

    Reads (GET, HEAD, OPTIONS) run without a transaction: on SQLite in WAL mode they
    neither wait for nor block anyone. Their entries are written after the page is
    rendered, in one short transaction that holds the write lock only for the INSERT;
    the page is served only when that committed, otherwise the user gets a 503 (never
    the content): no read goes unlogged.

    Changes (POST and the other unsafe methods) run in one transaction with their
    entries (`BEGIN IMMEDIATE` on SQLite, so that a writer waits for the busy timeout
    instead of failing halfway); it rolls back when the view raises or answers 5xx.

    A refused attempt at a family's file (403/404; the scoping helpers note which
    family) is written after that transaction, so it is kept when the refusal rolled
    the request back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.audit = audit.RequestAudit(request)
        if request.method in SAFE_METHODS:
            response = self.get_response(request)
            entries = request.audit.accesses(response.status_code)
        else:
            response, entries = self._change(request), []
        refusal = request.audit.refusal(response.status_code)
        if refusal is not None:
            entries.append(refusal)
        if entries and not self._write(entries):
            return service_unavailable(request)
        return response

    def process_exception(self, request, exception):
        if hasattr(request, "audit"):
            request.audit.view_failed = True

    def _change(self, request):
        try:
            with transaction.atomic():
                response = self.get_response(request)
                entries = request.audit.accesses(response.status_code)
                if request.audit.view_failed or response.status_code >= 500:
                    transaction.set_rollback(True)
                else:
                    for entry in entries:
                        entry.save()
            return response
        except DatabaseError:
            # The change and its entries are not committed (busy too long, connection
            # lost): say so, rather than a 500 or a page that suggests it was saved.
            logger.exception("Wijziging niet vastgelegd: %s %s", request.method, request.path)
            request.audit.view_failed = True
            return service_unavailable(request)

    def _write(self, entries):
        try:
            with transaction.atomic():
                for entry in entries:
                    entry.save()
        except DatabaseError:
            logger.exception("Toegangslog niet geschreven; pagina niet getoond")
            return False
        return True


def service_unavailable(request):
    """503 in Dutch, rendered without the database (which may be what failed)."""
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = "5"
    add_never_cache_headers(response)
    return response


class PermissionsPolicyMiddleware:
    """Switches off the browser features stap0 does not use (settings.STAP0_PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{f}=()" for f in settings.STAP0_PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
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
