"""Two-factor authentication (django-otp) and the login session's own state.

The session keeps, under SESSION_STATE, who logged in, when, when they were
last seen and whether they have a confirmed second factor; the middleware
(organisations/middleware.py) enforces idle and absolute limits and the
verify/enrol step from it without a query per request.
"""

import base64
import io
import time

from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_STATE = "stap0_session"
BACKUP_CODES_SESSION_KEY = "stap0_backup_codes"
BACKUP_CODE_COUNT = 10
TOTP_NAME = "stap0"
BACKUP_NAME = "herstelcodes"


def session_state(request):
    state = request.session.get(SESSION_STATE)
    if not isinstance(state, dict) or state.get("uid") != str(request.user.pk):
        return None
    return state


def start_session_state(request, user):
    now = int(time.time())
    request.session[SESSION_STATE] = {
        "uid": str(user.pk),
        "login": now,
        "seen": now,
        "device": user_has_device(user, confirmed=True),
    }


def mark_device(request, has_device=True):
    state = session_state(request)
    if state is None:
        start_session_state(request, request.user)
        state = session_state(request)
    state["device"] = has_device
    request.session[SESSION_STATE] = state


def confirmed_totp(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_totp(user):
    """The unconfirmed authenticator device being enrolled (created on first need)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def qr_data_uri(text):
    """An SVG QR code, drawn locally by the qrcode package, as a data: URI (CSP img-src data:)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    out = io.BytesIO()
    image.save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def manual_key(device):
    """The secret in base32, in groups of four, for typing into an app by hand."""
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def new_backup_codes(user):
    """Replace the user's backup codes with BACKUP_CODE_COUNT fresh ones; returns them."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def remaining_backup_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
