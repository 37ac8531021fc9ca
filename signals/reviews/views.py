from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from families.scoping import get_family_for_user
from notifications.models import NotificationKind
from notifications.services import mark_read
from organisations.formtools import add_service_errors
from organisations.models import AccessAction
from organisations.scoping import LEAD_ROLES, case_view, lead_view, readable_families
from signals.accumulation import STATUS_LABELS, assess_family
from signals.reviews import selectors, services
from signals.reviews.forms import ReviewForm

# "Mijn signalen": families per page.
MY_SIGNALS_PER_PAGE = 20


@lead_view
@require_http_methods(["GET", "POST"])
def review_create(request, family_id):
    family = get_family_for_user(request, family_id, roles=LEAD_ROLES)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_record(
                family=family, lead=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.audit.record(AccessAction.REVIEW, family=family, obj=review)
            messages.success(request, _("De beoordeling is vastgelegd."))
            return redirect("signals:explanation", family_id=family.public_id)
    assessment = assess_family(family, as_of=timezone.localdate())
    stop = form.data.get("q2_unsafety") == "yes" if form.is_bound else False
    return render(
        request,
        "signals/review_form.html",
        {
            "family": family,
            "form": form,
            "assessment": assessment,
            "status_label": STATUS_LABELS[assessment.status],
            "stop": stop,
        },
        status=400 if form.is_bound else 200,
    )


@case_view
@require_http_methods(["GET"])
def my_signals(request):
    membership = request.membership
    groups = selectors.my_signals(
        request.user,
        request.organisation,
        readable_families=readable_families(membership),
        reads_confidential=membership.is_lead,
    )
    # Seeing the decisions here is reading their notifications.
    mark_read(
        recipient=request.user,
        organisation=request.organisation,
        kinds=[NotificationKind.DECISION],
    )
    page = Paginator(groups, MY_SIGNALS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "signals/my_signals.html", {"groups": page, "page": page})
