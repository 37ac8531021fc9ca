"""The family list of the current organisation, with a search that never reaches a URL."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from organisations.links import url_maker
from organisations.models import AccessAction
from organisations.scoping import case_view, scoped

from .. import selectors
from ..extensions import family_badges_for, start_panels_for
from ..forms import SearchForm
from ..models import Family
from ..scoping import with_file_access

PAGE_SIZE = 25


ROW_URLS = {
    "url": "families:detail",
    "observe_url": "signals:family_observation_create",
    "request_url": "families:access_request",
    "glass_url": "families:break_glass",
}


def _url_makers():
    """{attribute: public_id -> the URL of ROW_URLS' view for that family}."""
    return {name: url_maker(view) for name, view in ROW_URLS.items()}


@case_view
@require_http_methods(["GET", "POST"])
def family_list(request):
    # Every professional finds every family (name and group) to log about it; the row links
    # to the file only where the user reads it (need-to-know).
    families = with_file_access(
        request, scoped(request, Family.objects.all(), find_only=True)
    ).order_by("name", "pk")
    query = ""
    if request.method == "POST":
        # The query travels in the POST body only: never in a link, a redirect or the log.
        form = SearchForm(request.POST)
        if form.is_valid():
            query = form.cleaned_data["q"].strip()
            if query:
                families = selectors.search_families(families, query)
                request.audit.record(AccessAction.SEARCH)
        page_number = request.POST.get("page") or 1
    else:
        form = SearchForm()
        page_number = request.GET.get("page") or 1
    page = Paginator(selectors.family_list(families), PAGE_SIZE).get_page(page_number)
    badges = family_badges_for([f for f in page.object_list if f.reads_file], request)
    urls = _url_makers()
    for family in page.object_list:
        family.badges = badges.get(family.pk, [])
        # The rows' links, each reversed once per page rather than once per row.
        for name, make in urls.items():
            setattr(family, name, make(family.public_id))
    return render(
        request,
        "families/list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "searching": bool(query),
            "start_panels": [] if query else start_panels_for(request),
        },
    )
