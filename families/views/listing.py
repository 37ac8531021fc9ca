"""The family list of the current organisation, with a search that never reaches a URL."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from organisations.audit import log_access
from organisations.scoping import case_view, scoped

from .. import selectors
from ..extensions import start_panels_for
from ..forms import SearchForm
from ..models import Family

PAGE_SIZE = 25


@case_view
@require_http_methods(["GET", "POST"])
def family_list(request):
    families = scoped(request, Family.objects.all()).order_by("name", "pk")
    query = ""
    if request.method == "POST":
        # The query travels in the POST body only: never in a link, a redirect or the log.
        form = SearchForm(request.POST)
        if form.is_valid():
            query = form.cleaned_data["q"].strip()
            if query:
                families = selectors.search_families(families, query)
                log_access(request, "search")
        page_number = request.POST.get("page") or 1
    else:
        form = SearchForm()
        page_number = request.GET.get("page") or 1
    page = Paginator(selectors.family_list(families), PAGE_SIZE).get_page(page_number)
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
