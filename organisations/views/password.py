"""'Wachtwoord vergeten': Django's own reset views, in stap0's style.

The answer is the same whether or not the address is known. Requests are
rate-limited by the access log itself (per address of the requester and per
e-mail address, counted in the database so that every app server sees the
same numbers), and every request and every new password is logged.
"""

import datetime

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.crypto import salted_hmac

from organisations.account_forms import BoundedPasswordResetForm, BoundedSetPasswordForm
from organisations.audit import client_address
from organisations.models import AccessAction, AccessLogEntry, AccessOutcome
from organisations.services import end_sessions_of

# Per requesting address: this many requests per window, then a "try again later".
PER_CLIENT = 5
# Per e-mail address: this many e-mails per window; beyond it, the same answer, no e-mail.
PER_EMAIL = 3
WINDOW = datetime.timedelta(minutes=15)
REQUEST = "resetrequest"


def _email_digest(email):
    """Who asked, without keeping the address: a keyed hash (64 hex characters)."""
    key_salt = "stap0.password_reset"
    return salted_hmac(key_salt, email.strip().lower(), algorithm="sha256").hexdigest()


def _recent(**lookup):
    since = timezone.now() - WINDOW
    return AccessLogEntry.objects.filter(
        action=AccessAction.PASSWORD_RESET, object_type=REQUEST, at__gte=since, **lookup
    ).count()


class PasswordResetView(auth_views.PasswordResetView):
    http_method_names = ["get", "post", "head", "options"]
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    form_class = BoundedPasswordResetForm
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        request = self.request
        address = client_address(request)
        if address and _recent(ip_address=address) >= PER_CLIENT:
            request.audit.record(
                AccessAction.PASSWORD_RESET, object_type=REQUEST, outcome=AccessOutcome.DENIED
            )
            return render(request, "registration/password_reset_limited.html", status=429)
        who = _email_digest(form.cleaned_data["email"])
        flooded = _recent(object_id=who) >= PER_EMAIL
        result = AccessOutcome.DENIED if flooded else AccessOutcome.OK
        request.audit.record(
            AccessAction.PASSWORD_RESET, object_type=REQUEST, object_id=who, outcome=result
        )
        if flooded:
            # The same answer as always: no one learns whether the address exists.
            return redirect(self.get_success_url())
        self.extra_email_context = {"base_url": settings.STAP0_BASE_URL.rstrip("/")}
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    http_method_names = ["get", "post", "head", "options"]
    template_name = "registration/password_reset_confirm.html"
    form_class = BoundedSetPasswordForm
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        # Logged out everywhere; and the lockout of this username is lifted, as the
        # owner of the mailbox chose a new password (the second factor still stands).
        end_sessions_of(user)
        AxesProxyHandler.reset_attempts(username=user.get_username())
        self.request.audit.record(AccessAction.PASSWORD_RESET, user=user, object_type="password")
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"
