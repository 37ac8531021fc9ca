"""The one place where querysets meet the current organisation, the user's role and
need-to-know.

Views never filter by organisation themselves: they call `scoped()`,
`get_scoped_or_404()` or a helper built on it in the model's own app
(`get_family_for_user`).
A stranger gets 404 (not even existence leaks); a member without the right role
gets 403.

Need-to-know (design.md): an object of a family's file is read only by those who read
that file (the family's team, the leads, whoever opened it for 24 hours: the families
floor states the rule, `register_file_rule`), and by its own author; a confidential
entry only by its author and the leads. Outside that it is a 404, like another
organisation's. `find_only=True` asks for what every professional may find and log
about (a family's name and group), never for its file.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from operator import attrgetter

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect

from .models import Role

CASE_ROLES = (Role.PROFESSIONAL, Role.LEAD)
LEAD_ROLES = (Role.LEAD,)
ADMIN_ROLES = (Role.ADMIN,)


@dataclass(frozen=True)
class Scope:
    """How a scoped model reaches its organisation, and the family whose file holds it."""

    organisation: str  # lookup from the model to its Organisation
    family: str | None = None  # lookup to its family; "" for the family itself; None: no file
    # lookup to the user who wrote it: they read their own entries also outside the team
    author: str | None = None
    # (queryset, user) -> the queryset without the confidential entries `user` may not read;
    # applied for everyone but the leads
    confidential: Callable | None = None


# organisations states its own models here; the apps above register theirs in their
# AppConfig.ready() (register_scope), so that this floor names none of them.
SCOPES = {
    "organisations.membership": Scope(organisation="organisation"),
    "organisations.accesslogentry": Scope(organisation="organisation"),
}


def register_scope(model_label, *, organisation, family=None, author=None, confidential=None):
    """States once how the model `app_label.modelname` is scoped (see `Scope`)."""
    SCOPES[model_label.lower()] = Scope(
        organisation=organisation, family=family, author=author, confidential=confidential
    )


# rule(membership) -> a queryset of the primary keys of the families whose file the member
# reads, or None when they read every file of the organisation. The families floor registers
# it (this floor knows no teams); without one, every member of a case role reads every file.
_file_rules = []


def register_file_rule(rule):
    """States who reads which family's file (need-to-know); the families floor calls it."""
    _file_rules[:] = [rule]  # one rule; ready() may run again in tests
    return rule


def readable_families(membership):
    """The pks of the families whose file `membership` reads (a queryset), or None for all.

    Built once per membership row read (the middleware reads the member's row on every
    request, so: once per request): a page asks it for its family, its entries and the
    menu's counts. A lazy subquery, evaluated in each query that uses it; only the moment
    that decides whether an opening has expired is that of the first call."""
    if not _file_rules:
        return None
    # Keyed on what the rule reads of the member, so that a role or organisation changed on
    # this object (a demotion in the same request) builds the rule anew.
    key = (
        *(membership.pk, membership.user_id, membership.organisation_id, membership.role),
        membership.organisation.everyone_reads_all_families,
    )
    memo = membership.__dict__.get("_stap0_readable_families")
    if memo is None or memo[0] != key:
        memo = (key, _file_rules[0](membership))
        membership.__dict__["_stap0_readable_families"] = memo
    return memo[1]


def _within_files(queryset, scope, membership, user):
    """`queryset` limited to the files the member reads, plus their own entries; without the
    confidential entries they may not read."""
    readable = readable_families(membership)
    if readable is not None:
        path = f"{scope.family}__in" if scope.family else "pk__in"
        condition = Q(**{path: readable})
        if scope.author:
            condition |= Q(**{scope.author: user})
        queryset = queryset.filter(condition)
    if scope.confidential is not None and membership.role not in LEAD_ROLES:
        queryset = scope.confidential(queryset, user)
    return queryset


def _scope(model):
    try:
        return SCOPES[model._meta.label_lower]
    except KeyError:
        raise ImproperlyConfigured(
            f"{model._meta.label} has no scope: call register_scope() in its AppConfig.ready()."
        ) from None


class NoOrganisationChosen(Exception):
    """The user is logged in but works in no organisation yet."""


def require_role(request, roles):
    membership = getattr(request, "membership", None)
    if membership is None:
        raise NoOrganisationChosen
    if membership.role not in roles:
        raise PermissionDenied
    return membership


def scoped(request, queryset, *, roles=CASE_ROLES, find_only=False):
    """`queryset` (or a model) limited to the current organisation, for the allowed roles,
    and to the families' files the user reads (need-to-know) unless `find_only`."""
    membership = require_role(request, roles)
    if not hasattr(queryset, "model") or not hasattr(queryset, "filter"):
        queryset = queryset._default_manager.all()
    scope = _scope(queryset.model)
    queryset = queryset.filter(**{scope.organisation: membership.organisation})
    if scope.family is not None and not find_only:
        queryset = _within_files(queryset, scope, membership, request.user)
    return queryset


def get_scoped_or_404(request, queryset, *, roles=CASE_ROLES, find_only=False, **lookup):
    try:
        obj = scoped(request, queryset, roles=roles, find_only=find_only).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        _note_refused(request, queryset.model, lookup)
        raise Http404 from exc
    except PermissionDenied:
        _note_refused(request, queryset.model, lookup)
        raise
    _note_read(request, obj)
    if not find_only and _family_lookup(type(obj)) == "":
        _files_read(request).add(obj.pk)
    return obj


def _files_read(request):
    """The pks of the families whose file this request has read through `get_scoped_or_404`
    (the organisation and the file rule held for them then): kept on the request only."""
    return request.__dict__.setdefault("_stap0_files_read", set())


def _file_scope(model):
    scope = _scope(model)
    if not scope.family:
        raise ImproperlyConfigured(f"{model._meta.label} is no entry of a family's file.")
    return scope


def scoped_within_file(request, queryset, family):
    """`scoped(request, queryset)` limited to the rows of `family`'s file. When this request
    read that file already (`get_scoped_or_404`, as the family's page does), the
    organisation and the file rule hold for each of its rows (and an author reads their own
    anyway): only the confidential filter is left, without the file rule's subqueries."""
    membership = require_role(request, CASE_ROLES)
    scope = _file_scope(queryset.model)
    queryset = queryset.filter(**{scope.family: family})
    if family.pk not in _files_read(request):
        return scoped(request, queryset)
    if scope.confidential is not None and membership.role not in LEAD_ROLES:
        queryset = scope.confidential(queryset, request.user)
    return queryset


def reads_whole_file(request, model, family):
    """Whether the user reads every row of `model` in `family`'s file, as `scoped` decides,
    known without a query: this request read the file already (`get_scoped_or_404`) and no
    confidential filter applies (none for the model, or the user is a lead). False when not
    known: then ask `scoped_within_file`."""
    membership = require_role(request, CASE_ROLES)
    scope = _file_scope(model)
    return family.pk in _files_read(request) and (
        scope.confidential is None or membership.role in LEAD_ROLES
    )


def _family_lookup(model):
    scope = SCOPES.get(model._meta.label_lower)
    return scope.family if scope is not None else None


def _family_path(model):
    """The lookup from `model` to its family's public id, or None outside a family's file."""
    family = _family_lookup(model)
    if family is None:
        return None
    return f"{family}__public_id" if family else "public_id"


def _note_refused(request, model, lookup):
    """A refused object of some family's file: its family goes in the access log (audit
    middleware), so that the family's own organisation sees the attempt. Never shown.

    The view's transaction rolls back on the refusal; the middleware writes it to
    the access log after that (AuditMiddleware)."""
    path = _family_path(model)
    if path is None or request.audit.refused is not None:
        return
    if path == "public_id" and "public_id" in lookup:
        # The family itself: the id that was asked for, also one that does not exist.
        request.audit.note_refused(lookup["public_id"])
        return
    public_id = model._default_manager.filter(**lookup).values_list(path, flat=True).first()
    if public_id is not None:
        request.audit.note_refused(public_id)


def _note_read(request, obj):
    """The first family whose file this request reads: logged as a view by the audit
    middleware if the view itself records nothing (no read goes unlogged)."""
    family = _family_lookup(type(obj))
    if family == "":
        request.audit.note_read(obj)
    elif family is not None:
        request.audit.note_read(attrgetter(family.replace("__", "."))(obj), obj)


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
