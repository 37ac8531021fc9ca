"""The access log (NEN 7513) as the lead reads it: per person, per period (per family:
families/views/access_log.py, with the same form and pages).

Reading the log is itself logged. Entries show who did what, when and from
where; never any case content.
"""

import datetime
import functools

from django import forms
from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from organisations import hooks
from organisations.models import AccessAction, AccessLogEntry, Membership, Role
from organisations.scoping import LEAD_ROLES, lead_view, scoped

PAGE_SIZE = 50
ROLE_LABELS = dict(Role.choices)
# What an entry's object_type means, for the types that are no model of this project.
OBJECT_WORDS = {
    "accesslog": gettext_lazy("toegangslog"),
    "password": gettext_lazy("wachtwoord"),
    "match": gettext_lazy("match met een andere organisatie"),
    "notifications": gettext_lazy("berichten"),
    "region_opt_in": gettext_lazy("deelname aan de regio"),
    "pupilimport": gettext_lazy("leerlingenimport"),
}


@functools.cache
def _model_words():
    """model_name -> verbose name, for this project's own models (not the libraries')."""
    base = str(settings.BASE_DIR)
    return {
        model._meta.model_name: model._meta.verbose_name
        for config in apps.get_app_configs()
        if config.path.startswith(base) and "/.venv/" not in config.path
        for model in config.get_models()
    }


def object_words(object_type):
    """An entry's object as a person names it ("ketenpartner"), never its code name."""
    if not object_type:
        return ""
    return str(
        OBJECT_WORDS.get(object_type) or _model_words().get(object_type) or _("ander object")
    )


class AccessLogFilterForm(forms.Form):
    # A person is named in the URL by their membership's opaque id, never by username:
    # addresses end up in browser history and proxy logs.
    person = forms.ModelChoiceField(
        label=gettext_lazy("persoon"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=gettext_lazy("iedereen"),
        to_field_name="public_id",
    )
    date_from = forms.DateField(
        label=gettext_lazy("van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        # Everyone who is or was a member: the log outlives an ended membership.
        self.fields["person"].queryset = (
            Membership.objects.filter(organisation=organisation)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__username")
        )
        self.fields["person"].label_from_instance = lambda m: m.display_name

    def clean_person(self):
        membership = self.cleaned_data.get("person")
        return membership.user if membership is not None else None

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data


def _filtered(request, form):
    entries = scoped(request, AccessLogEntry.objects.all(), roles=LEAD_ROLES)
    if not form.is_valid():
        return entries
    person = form.cleaned_data.get("person")
    if person is not None:
        # The person's work in this organisation, plus their logins (which
        # belong to no organisation) and failed logins under their username.
        # `person` is always a (former) member of this organisation (the form's queryset).
        entries = AccessLogEntry.objects.filter(
            Q(organisation=request.organisation, user=person)
            | Q(organisation__isnull=True, user=person)
            | Q(organisation__isnull=True, user__isnull=True, username__iexact=person.username)
        )
    return in_period(entries, form)


def in_period(entries, form):
    """`entries` within the form's period (a valid form)."""
    if form.cleaned_data.get("date_from"):
        entries = entries.filter(at__date__gte=form.cleaned_data["date_from"])
    if form.cleaned_data.get("date_to"):
        entries = entries.filter(at__date__lte=form.cleaned_data["date_to"])
    return entries


def _rows(request, entries):
    """Each entry with its role and its family's name."""
    ids = {e.family_public_id for e in entries if e.family_public_id}
    names = {}
    for provider in hooks.family_names:  # families fills it: this floor knows no families
        names.update(provider(request, ids, roles=LEAD_ROLES))
    return [
        {
            "entry": e,
            "role": ROLE_LABELS.get(e.role, e.role),
            "family_name": names.get(e.family_public_id, ""),
            "object_words": object_words(e.object_type),
        }
        for e in entries
    ]


def log_page(request, entries):
    """One page of `entries`, newest first, each row with its role and its family's name."""
    page = Paginator(entries.select_related("user").order_by("-at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return page, _rows(request, list(page))


# Files opened outside the team ("nu openen") come first on the lead's log, for this long.
BREAK_GLASS_DAYS = 30


def break_glass_rows(request, entries):
    """The break-the-glass entries among `entries` of the last BREAK_GLASS_DAYS, newest first."""
    since = timezone.now() - datetime.timedelta(days=BREAK_GLASS_DAYS)
    recent = (
        entries.filter(action=AccessAction.BREAK_GLASS, at__gte=since)
        .select_related("user")
        .order_by("-at", "-id")[:50]
    )
    return _rows(request, list(recent))


def query_without_page(request):
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


@lead_view
@require_http_methods(["GET"])
def access_log(request):
    """Everything that happened in the organisation, filtered by person and period."""
    form = AccessLogFilterForm(request.GET or None, organisation=request.organisation)
    entries = _filtered(request, form)
    page, rows = log_page(request, entries)
    glass = break_glass_rows(request, entries)
    request.audit.record(AccessAction.VIEW, object_type="accesslog", object_id="")
    return render(
        request,
        "organisations/access_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "glass_rows": glass,
            "glass_days": BREAK_GLASS_DAYS,
            "query": query_without_page(request),
        },
    )
