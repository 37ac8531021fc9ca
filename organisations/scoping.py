"""The one place where querysets meet the current organisation and role.

Views never filter by organisation themselves: they call `scoped()` or one of
the `get_*_for_user()` helpers. A stranger gets 404 (not even existence
leaks); a member without the right role gets 403.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from .models import Role

CASE_ROLES = (Role.PROFESSIONAL, Role.LEAD)
LEAD_ROLES = (Role.LEAD,)
ADMIN_ROLES = (Role.ADMIN,)

# How each scoped model reaches its organisation.
ORGANISATION_PATHS = {
    "organisations.membership": "organisation",
    "organisations.accesslogentry": "organisation",
    "families.family": "organisation",
    "families.child": "family__organisation",
    "families.networkmember": "family__organisation",
    "families.chainpartner": "family__organisation",
    "stap0signals.observation": "family__organisation",
    "stap0signals.latestobservation": "family__organisation",
    "stap0signals.colleaguenote": "family__organisation",
    "stap0signals.lookrequest": "family__organisation",
    "stap0signals.review": "family__organisation",
}


class NoOrganisationChosen(Exception):
    """The user is logged in but works in no organisation yet."""


def require_role(request, roles):
    membership = getattr(request, "membership", None)
    if membership is None:
        raise NoOrganisationChosen
    if membership.role not in roles:
        raise PermissionDenied
    return membership


def scoped(request, queryset, *, roles=CASE_ROLES):
    """`queryset` (or a model) limited to the current organisation, for the allowed roles."""
    membership = require_role(request, roles)
    if not hasattr(queryset, "model") or not hasattr(queryset, "filter"):
        queryset = queryset._default_manager.all()
    path = ORGANISATION_PATHS[queryset.model._meta.label_lower]
    return queryset.filter(**{path: membership.organisation})


def get_scoped_or_404(request, queryset, *, roles=CASE_ROLES, **lookup):
    try:
        obj = scoped(request, queryset, roles=roles).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        _note_refused(request, queryset.model, lookup)
        raise Http404 from exc
    except PermissionDenied:
        _note_refused(request, queryset.model, lookup)
        raise
    _note_read(request, obj)
    return obj


def _family_path(model):
    if model._meta.label_lower == "families.family":
        return "public_id"
    if any(f.name == "family" for f in model._meta.get_fields()):
        return "family__public_id"
    return None


def _note_refused(request, model, lookup):
    """A refused object of some family's file: its family goes in the access log (audit
    middleware), so that the family's own organisation sees the attempt. Never shown."""
    path = _family_path(model)
    if path is None or request.audit.refused is not None:
        return
    public_id = model._default_manager.filter(**lookup).values_list(path, flat=True).first()
    if public_id is not None:
        request.audit.note_refused(public_id)


def _note_read(request, obj):
    """The first family whose file this request reads: logged as a view by the audit
    middleware if the view itself records nothing (no read goes unlogged)."""
    if obj._meta.label_lower == "families.family":
        request.audit.note_read(obj)
    elif _family_path(type(obj)) is not None:
        request.audit.note_read(obj.family, obj)


def get_family_for_user(request, public_id, *, roles=CASE_ROLES):
    from families.models import Family

    try:
        return get_scoped_or_404(request, Family.objects.all(), roles=roles, public_id=public_id)
    except (Http404, PermissionDenied):
        # The view's transaction rolls back on this exception; the middleware
        # writes the refusal to the access log after it (AuditMiddleware).
        request.audit.note_refused(public_id)
        raise


def role_required(*roles):
    """View decorator: a chosen organisation and one of `roles`, else picker or 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                require_role(request, roles)
            except NoOrganisationChosen:
                return redirect("organisations:switch")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


case_view = role_required(*CASE_ROLES)
lead_view = role_required(*LEAD_ROLES)
admin_view = role_required(*ADMIN_ROLES)
