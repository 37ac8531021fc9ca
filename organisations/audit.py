"""Writing the access log (NEN 7513): one entry per access, never case content.

One mechanism. During a request, `request.audit` (a `RequestAudit`, set by
`organisations.middleware.AuditMiddleware`) collects what the request accessed: the
view records its action with an `AccessAction` member, and the scoping helpers note
every family file read or refused through them, so that a view that reads a file and
records nothing is still logged as a view. The middleware writes the entries:

- a read (GET, HEAD) after the page is rendered, in a short transaction of its own; the
  page is served only once that committed, otherwise a 503 without the content;
- a change (POST and the other unsafe methods) in the request's transaction, together
  with what it changed: both are committed, or neither;
- a refusal (403/404 on a family's file) after the request's transaction, so that it is
  kept when the refused request is rolled back.

Outside a request (the retention purge) `log_access(None, ...)` writes one entry at once.
"""

from django.conf import settings

from .models import AccessAction, AccessLogEntry, AccessOutcome


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


def build_entry(
    request,
    action,
    *,
    family=None,
    family_public_id=None,
    obj=None,
    outcome=AccessOutcome.OK,
    user=None,
    username=None,
    organisation=None,
    object_type=None,
    object_id=None,
):
    """One access-log entry, not yet saved, with who and where taken from `request` now.

    `action` and `outcome` are `AccessAction` and `AccessOutcome` members (never a bare
    string). `obj` names the object (its model and public id); `object_type` and
    `object_id` override that for things that are not a model row (the log itself).
    """
    if not isinstance(action, AccessAction):
        raise TypeError(f"action must be an AccessAction, not {action!r}")
    if not isinstance(outcome, AccessOutcome):
        raise TypeError(f"outcome must be an AccessOutcome, not {outcome!r}")
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
    return AccessLogEntry(
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


def log_access(request, action, **fields):
    """Write one entry now, in the caller's transaction. For work outside a request (the
    retention purge); views record on `request.audit` instead."""
    entry = build_entry(request, action, **fields)
    entry.save()
    return entry


class RequestAudit:
    """What one request accessed, written to the access log by AuditMiddleware."""

    def __init__(self, request):
        self.request = request
        self.entries = []  # recorded by the view
        self.read = None  # the first family file read through the scoping helpers
        self.refused = None  # a family whose file was refused (403/404), as a denied entry
        self.view_failed = False  # the view raised: what it recorded did not happen

    def record(self, action, **fields):
        """The view's access (an `AccessAction`), with `log_access`'s fields. Who, from
        where and in which role are taken now; the entry is written by the middleware."""
        self.entries.append(build_entry(self.request, action, **fields))

    def note_read(self, family, obj=None):
        """A family's file was read (scoping helpers): logged as a view unless the view
        records its own action."""
        if self.read is None:
            self.read = build_entry(self.request, AccessAction.VIEW, family=family, obj=obj)

    def note_refused(self, family_public_id):
        if self.refused is None:
            self.refused = family_public_id

    def accesses(self, status_code):
        """The entries of a request that ran to `status_code`, refusals apart."""
        if self.view_failed or status_code >= 500:
            return []
        if self.entries:
            return list(self.entries)
        # A page that showed the file: 200, or a form shown again with its errors (400).
        if self.read is not None and status_code in (200, 400):
            return [self.read]
        return []

    def refusal(self, status_code):
        if self.refused is None or status_code not in (403, 404):
            return None
        outcome = AccessOutcome.NOT_FOUND if status_code == 404 else AccessOutcome.DENIED
        return build_entry(
            self.request,
            AccessAction.DENIED,
            family_public_id=self.refused,
            outcome=outcome,
        )
