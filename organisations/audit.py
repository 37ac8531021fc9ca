"""Writing the access log (NEN 7513): one entry per access, never case content."""

from django.conf import settings

from .models import AccessLogEntry


def client_address(request):
    # Behind a proxy that we trust (settings.STAP0_TRUSTED_PROXY_COUNT), take the
    # address it saw; otherwise the socket's.
    hops = getattr(settings, "STAP0_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if hops and forwarded:
        parts = [p.strip() for p in forwarded.split(",") if p.strip()]
        if len(parts) >= hops:
            return parts[-hops]
    return request.META.get("REMOTE_ADDR") or None


def clean_text(value, length):
    """Text from a request, made storable: no NUL (PostgreSQL refuses it), cut to length."""
    return (value or "").replace("\x00", "")[:length]


def axes_username(request, credentials=None):
    """The username django-axes records and locks on, storable on every database."""
    username = (credentials or {}).get("username")
    if username is None:
        username = request.POST.get("username", "")
    return clean_text(str(username), 150)


def log_access(
    request,
    action,
    *,
    family=None,
    family_public_id=None,
    obj=None,
    outcome="ok",
    user=None,
    username=None,
    organisation=None,
    object_type=None,
    object_id=None,
):
    """Record one access. Call it inside the transaction of what it records.

    `obj` names the object (its model and public id); `object_type` and
    `object_id` override that for things that are not a model row (the log itself).
    """
    user = user if user is not None else getattr(request, "user", None)
    if user is not None and not user.is_authenticated:
        user = None
    membership = getattr(request, "membership", None)
    if organisation is None:
        organisation = (
            family.organisation if family is not None else getattr(membership, "organisation", None)
        )
    role = (
        membership.role
        if membership is not None and membership.organisation == organisation
        else ""
    )
    if family is not None:
        family_public_id = family.public_id
    if request is not None:
        request.stap0_logged = True  # DeniedAccessLogMiddleware: this request is on record
    return AccessLogEntry.objects.create(
        user=user,
        username=clean_text(
            username if username is not None else (user.get_username() if user else ""), 150
        ),
        organisation=organisation,
        role=role,
        family_public_id=family_public_id,
        action=action,
        object_type=(
            object_type
            if object_type is not None
            else (obj._meta.model_name if obj is not None else "")
        )[:50],
        object_id=(
            object_id
            if object_id is not None
            else (str(getattr(obj, "public_id", getattr(obj, "pk", "")) or "") if obj else "")
        )[:64],
        path=clean_text(request.path, 300) if request is not None else "",
        ip_address=client_address(request) if request is not None else None,
        outcome=outcome,
    )
