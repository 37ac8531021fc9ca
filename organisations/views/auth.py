from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.validators import MaxLengthValidator
from django.db import transaction
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django_otp import user_has_device

from organisations import audit, lockout, mfa
from organisations.forms import LoginForm
from organisations.models import AccessAction, AccessOutcome

# A password longer than this is refused before it is hashed (no hashing as a DoS).
PASSWORD_MAX_LENGTH = 1024


class BoundedLoginForm(LoginForm):
    """AuthenticationForm sets the username's max_length after its validators were
    made, so a 100,000-character username reached authenticate() (and the lockout
    table). Enforce both lengths here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length or 150))
        self.fields["password"].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "organisations/login.html"
    form_class = BoundedLoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mfa_required"] = settings.STAP0_REQUIRE_MFA
        return context

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            # A fresh login session: idle and absolute limits count from now;
            # a confirmed second factor is asked for next (MFARequiredMiddleware).
            mfa.start_session_state(self.request, form.get_user())
            if not user_has_device(form.get_user(), confirmed=True):
                lockout.login_completed(self.request, form.get_user())
            self.request.audit.record(AccessAction.LOGIN, user=form.get_user(), organisation=None)
        return response

    def form_invalid(self, form):
        username = audit.clean_text(self.request.POST.get("username"), 150)
        self.request.audit.record(
            AccessAction.FAILED_LOGIN, user=None, username=username, outcome=AccessOutcome.FAILED
        )
        return super().form_invalid(form)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            request.audit.record(AccessAction.LOGOUT)
        # Django's logout flushes the session: it is gone from the database.
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("Je bent uitgelogd."))
        return response
