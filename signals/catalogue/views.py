from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.formtools import add_service_errors
from organisations.scoping import case_view, lead_view
from signals.catalogue import selectors, services
from signals.catalogue.forms import (
    SYNONYMS_HELP,
    CatalogueFilterForm,
    CategoryForm,
    SynonymsForm,
)
from signals.catalogue.hooks import category_panels
from signals.catalogue.models import Domain, Kind, SignalCategory


@case_view
@require_http_methods(["GET"])
def catalogue(request):
    # Filters in the query string are fine here: the catalogue holds no personal data.
    form = CatalogueFilterForm(request.GET or None)
    categories = SignalCategory.objects.available_to(request.organisation)
    if form.is_valid():
        data = form.cleaned_data
        if data["age"]:
            categories = categories.for_age_group(data["age"])
        if data["domain"]:
            categories = categories.filter(domain=data["domain"])
        if data["kind"]:
            categories = categories.filter(kind=data["kind"])
    categories = list(categories.order_by("kind", "domain", "name"))
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if query:
        categories = selectors.matching(categories, query)
    sections = []
    for kind in Kind:
        items = [c for c in categories if c.kind == kind.value]
        if items:
            sections.append({"kind": kind, "categories": items})
    return render(
        request,
        "signals/catalogue.html",
        {"form": form, "sections": sections, "count": len(categories), "query": query},
    )


@case_view
@require_http_methods(["GET"])
def category(request, code):
    """One category of the catalogue: its explanation and what the floors above add (the
    team's approved "wat werkte" items: signals.catalogue.hooks)."""
    try:
        found = SignalCategory.objects.available_to(request.organisation).get(code=code)
    except SignalCategory.DoesNotExist:
        raise Http404 from None
    panels = [p for provider in category_panels for p in provider(request, found)]
    return render(
        request,
        "signals/category.html",
        {"category": found, "panels": sorted(panels, key=lambda p: p.order)},
    )


def _manageable(request, code):
    """A shipped category or one of this organisation's own; any other code is a 404."""
    organisation = request.organisation
    category = SignalCategory.objects.filter(
        Q(organisation__isnull=True) | Q(organisation=organisation), code=code
    ).first()
    if category is None:
        raise Http404
    return category


def _set_synonyms(request):
    """The "synonyms" action: None when done or refused with a message (then redirect), else
    the code and the bound form with its Dutch message (what was typed stays in the field)."""
    category = _manageable(request, request.POST.get("code", ""))
    form = SynonymsForm(request.POST, auto_id=f"id_{category.code}_%s")
    # A shipped category has no field on the page: the service's refusal says why, whatever
    # was typed.
    if form.is_valid() or category.organisation_id is None:
        try:
            services.category_set_synonyms(
                organisation=request.organisation,
                category=category,
                synonyms=form.cleaned_data.get("synonyms", ""),
            )
        except ValidationError as exc:
            if category.organisation_id is None:  # a shipped category has no field to show
                messages.error(request, " ".join(exc.messages))
                return None
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De zoekwoorden van %(name)s zijn opgeslagen.") % {"name": category}
            )
            return None
    return category.code, form


def _switch(request, action):
    """The "disable"/"enable" actions: a shipped category off for this organisation, or an
    own one off for good; a refusal says why."""
    organisation = request.organisation
    category = _manageable(request, request.POST.get("code", ""))
    on = action == "enable"
    try:
        if category.organisation_id is None:
            services.category_set_disabled(
                organisation=organisation, category=category, disabled=not on
            )
        else:
            services.category_set_active(organisation=organisation, category=category, active=on)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if on:
            messages.success(request, _("%(name)s staat weer aan.") % {"name": category})
        else:
            messages.success(
                request,
                _("%(name)s staat uit; bestaande observaties blijven bewaard.")
                % {"name": category},
            )


def _set_lasting(request, action):
    """The "lasting"/"not_lasting" actions on an own risk factor; a refusal says why."""
    category = _manageable(request, request.POST.get("code", ""))
    try:
        services.category_set_lasting(
            organisation=request.organisation, category=category, lasting=action == "lasting"
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if action == "lasting":
            message = _(
                "%(name)s is nu blijvend: telt volledig mee tot een correctie vastlegt dat "
                "het voorbij is."
            )
        else:
            message = _("%(name)s is niet meer blijvend: telt weer af met de tijd.")
        messages.success(request, message % {"name": category})


def _add(request, form):
    """The "add" action: True when the new category was saved."""
    if not form.is_valid():
        return False
    try:
        category = services.category_create(organisation=request.organisation, **form.cleaned_data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return False
    messages.success(
        request,
        _("%(name)s staat nu in de signalenlijst van jouw organisatie.") % {"name": category.name},
    )
    return True


@lead_view
@require_http_methods(["GET", "POST"])
def category_manage(request):
    organisation = request.organisation
    action = request.POST.get("action") if request.method == "POST" else None
    form = CategoryForm(request.POST if action == "add" else None)
    refused = None
    if action == "synonyms":
        refused = _set_synonyms(request)
        if refused is None:
            return redirect("signals:category_manage")
    elif action == "add":
        if _add(request, form):
            return redirect("signals:category_manage")
    elif action in ("disable", "enable"):
        _switch(request, action)
        return redirect("signals:category_manage")
    elif action in ("lasting", "not_lasting"):
        _set_lasting(request, action)
        return redirect("signals:category_manage")
    elif action is not None:
        messages.error(request, _("Onbekende actie."))
        return redirect("signals:category_manage")
    disabled = organisation.disabled_categories.filter(pk=OuterRef("pk"))
    shipped = (
        SignalCategory.objects.filter(organisation__isnull=True)
        .annotate(off=Exists(disabled))
        .order_by("kind", "domain", "name")
    )
    own = list(SignalCategory.objects.filter(organisation=organisation).order_by("kind", "name"))
    for c in own:
        bound = refused is not None and refused[0] == c.code
        c.synonyms_form = (
            refused[1]
            if bound
            else SynonymsForm(initial={"synonyms": c.synonyms}, auto_id=f"id_{c.code}_%s")
        )
    return render(
        request,
        "signals/category_manage.html",
        {
            "form": form,
            "shipped": shipped,
            "own": own,
            "domains": Domain,
            "kinds": Kind,
            "synonyms_help": SYNONYMS_HELP,
        },
    )
