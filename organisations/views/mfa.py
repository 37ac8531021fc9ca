"""Two-factor authentication: enrol an authenticator app, verify a code, backup codes."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from organisations import lockout, mfa
from organisations.models import AccessAction, AccessOutcome


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not token.isalnum():
            raise forms.ValidationError(_("Een code bestaat uit cijfers en letters."))
        return token


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


@require_http_methods(["GET", "POST"])
def enrol(request):
    """Set up an authenticator app (TOTP) by QR code; then show backup codes once."""
    user = request.user
    confirmed = mfa.confirmed_totp(user)
    if confirmed is not None and not user.is_verified():
        # Enrolled elsewhere since this session began: ask for a code first.
        mfa.mark_device(request)
        return redirect("mfa_verify")
    if confirmed is not None:
        return render(
            request,
            "organisations/mfa_status.html",
            {
                "device": confirmed,
                "verified": user.is_verified(),
                "remaining": mfa.remaining_backup_codes(user),
            },
        )
    device = mfa.pending_totp(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            mfa.mark_device(request)
            request.session[mfa.BACKUP_CODES_SESSION_KEY] = mfa.new_backup_codes(user)
            request.audit.record(AccessAction.CHANGE, obj=device)
            messages.success(request, _("Tweestapsverificatie staat aan."))
            return redirect("mfa_backup_codes")
        form.add_error("token", _("Deze code klopt niet. Kijk of de tijd op je telefoon klopt."))
    return render(
        request,
        "organisations/mfa_enrol.html",
        {
            "form": form,
            "qr": mfa.qr_data_uri(device.config_url),
            "manual_key": mfa.manual_key(device),
            "required": settings.STAP0_REQUIRE_MFA,
        },
    )


@require_http_methods(["GET", "POST"])
def verify(request):
    """The second step after the password: a code from the app or a backup code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request) or "home")
    if not user_has_device(user, confirmed=True):
        return redirect("mfa_enrol")
    mfa.mark_device(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if lockout.is_locked_out(request, user):
            return lockout.locked_out_response(request, user)
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            lockout.login_completed(request, user)
            request.audit.record(AccessAction.LOGIN, obj=device)
            return redirect(_next_url(request) or "home")
        request.audit.record(AccessAction.FAILED_LOGIN, outcome=AccessOutcome.FAILED)
        # A wrong code counts towards the same lockout as a wrong password.
        if lockout.second_factor_failed(request, user):
            return lockout.locked_out_response(request, user)
        form.add_error("token", _("Deze code klopt niet of is al gebruikt. Probeer het opnieuw."))
    return render(
        request, "organisations/mfa_verify.html", {"form": form, "next": _next_url(request)}
    )


@require_http_methods(["GET", "POST"])
def backup_codes(request):
    """Shows fresh backup codes once; POST (from a verified session) makes new ones."""
    user = request.user
    if request.method == "POST":
        if not user.is_verified():
            return redirect("mfa_verify")
        request.session[mfa.BACKUP_CODES_SESSION_KEY] = mfa.new_backup_codes(user)
        request.audit.record(AccessAction.CHANGE, obj=mfa.confirmed_totp(user))
        return redirect("mfa_backup_codes")
    codes = request.session.pop(mfa.BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("mfa_enrol")
    return render(request, "organisations/mfa_backup_codes.html", {"codes": codes})
