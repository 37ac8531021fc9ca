"""The access log (NEN 7513) as the lead reads it: per family, per person, per period.

Reading the log is itself logged. Entries show who did what, when and from
where; never any case content.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from families.extensions import Panel
from families.models import Family
from organisations.models import AccessAction, AccessLogEntry, Membership, Role
from organisations.scoping import LEAD_ROLES, get_family_for_user, lead_view, scoped

PAGE_SIZE = 50
ROLE_LABELS = dict(Role.choices)


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
    return _in_period(entries, form)


def _in_period(entries, form):
    if form.cleaned_data.get("date_from"):
        entries = entries.filter(at__date__gte=form.cleaned_data["date_from"])
    if form.cleaned_data.get("date_to"):
        entries = entries.filter(at__date__lte=form.cleaned_data["date_to"])
    return entries


def _page(request, entries):
    page = Paginator(entries.select_related("user").order_by("-at", "-id"), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    ids = {e.family_public_id for e in page if e.family_public_id}
    names = dict(
        scoped(request, Family.objects.filter(public_id__in=ids), roles=LEAD_ROLES).values_list(
            "public_id", "name"
        )
    )
    rows = [
        {
            "entry": e,
            "role": ROLE_LABELS.get(e.role, e.role),
            "family_name": names.get(e.family_public_id, ""),
        }
        for e in page
    ]
    return page, rows


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


@lead_view
@require_http_methods(["GET"])
def access_log(request):
    """Everything that happened in the organisation, filtered by person and period."""
    form = AccessLogFilterForm(request.GET or None, organisation=request.organisation)
    entries = _filtered(request, form)
    page, rows = _page(request, entries)
    request.audit.record(AccessAction.VIEW, object_type="accesslog", object_id="")
    return render(
        request,
        "organisations/access_log.html",
        {"form": form, "page": page, "rows": rows, "query": _query_without_page(request)},
    )


@lead_view
@require_http_methods(["GET"])
def family_access_log(request, family_id):
    """Who saw and did what with one family's file, also when it was refused."""
    family = get_family_for_user(request, family_id, roles=LEAD_ROLES)
    form = AccessLogFilterForm(request.GET or None, organisation=request.organisation)
    entries = AccessLogEntry.objects.for_family(family)
    if form.is_valid():
        person = form.cleaned_data.get("person")
        if person is not None:
            entries = entries.filter(user=person)
        entries = _in_period(entries, form)
    page, rows = _page(request, entries)
    request.audit.record(AccessAction.VIEW, family=family, object_type="accesslog", object_id="")
    return render(
        request,
        "organisations/access_log.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "family": family,
            "query": _query_without_page(request),
        },
    )


def family_panel(family, request):
    """A link to the family's access history on the family page, for leads only."""
    membership = getattr(request, "membership", None)
    if membership is None or not membership.is_lead:
        return []
    return [Panel(template="organisations/panel_access_log.html", order=900)]
