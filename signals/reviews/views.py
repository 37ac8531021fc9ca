from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from families.scoping import get_family_for_user
from notifications.models import NotificationKind
from notifications.services import mark_seen
from organisations.formtools import add_service_errors, call_service
from organisations.models import AccessAction
from organisations.scoping import (
    LEAD_ROLES,
    case_view,
    get_scoped_or_404,
    lead_view,
    readable_families,
    scoped,
)
from signals.accumulation import STATUS_LABELS, assess_family
from signals.reviews import agreements, selectors, services
from signals.reviews.forms import AgreementCloseForm, ReviewForm, VeiligThuisAnswerForm
from signals.reviews.models import Agreement, Review

# "Mijn signalen": families per page.
MY_SIGNALS_PER_PAGE = 20


@lead_view
@require_http_methods(["GET", "POST"])
def review_create(request, family_id):
    family = get_family_for_user(request, family_id, roles=LEAD_ROLES)
    assessment = assess_family(family, as_of=timezone.localdate())
    form = ReviewForm(
        request.POST or None,
        lasting=assessment.lasting_factors,
        members=selectors.agreement_owners(family.organisation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = services.review_record(
                family=family, lead=request.user, assessment=assessment, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.audit.record(AccessAction.REVIEW, family=family, obj=review)
            messages.success(request, _("De beoordeling is vastgelegd."))
            return redirect("signals:explanation", family_id=family.public_id)
    return render(
        request,
        "signals/review_form.html",
        {
            "family": family,
            "form": form,
            "assessment": assessment,
            "status_label": STATUS_LABELS[assessment.status],
            "walk_required": services.walk_required(assessment),
            "stop": form.stop_step(),
        },
        status=400 if form.is_bound else 200,
    )


@lead_view
@require_http_methods(["GET", "POST"])
def review_vt_answer(request, public_id):
    """Veilig Thuis answered a report: record its answer on the review."""
    review = get_scoped_or_404(
        request, Review.objects.select_related("family"), roles=LEAD_ROLES, public_id=public_id
    )
    family = review.family
    form = VeiligThuisAnswerForm(
        request.POST or None, initial={"vt_reference": review.vt_reference}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = call_service(
            form,
            services.review_vt_answer,
            review=review,
            lead=request.user,
            answer=data["vt_answer"],
            answered_on=data["vt_answered_on"],
            reference=data["vt_reference"],
        )
        if saved is not None:
            request.audit.record(AccessAction.CHANGE, family=family, obj=review)
            messages.success(request, _("De reactie van Veilig Thuis is vastgelegd."))
            return redirect(family)
    return render(
        request, "signals/vt_answer_form.html", {"form": form, "review": review, "family": family}
    )


@case_view
@require_http_methods(["GET", "POST"])
def agreement_close(request, public_id):
    """Its owner (or a lead) marks an agreement done or not done, with a note."""
    agreement = get_scoped_or_404(
        request,
        Agreement.objects.select_related("family", "owner__user", "review"),
        public_id=public_id,
    )
    if not agreements.may_close(request.user, agreement):
        raise PermissionDenied
    family = agreement.family
    form = AgreementCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            agreements.agreement_close,
            agreement=agreement,
            by=request.user,
            **form.service_kwargs(),
        )
        if saved is not None:
            request.audit.record(AccessAction.CHANGE, family=family, obj=agreement)
            messages.success(request, _("De afspraak is afgerond."))
            return redirect(
                request.POST.get("next") == "mine" and "signals:my_agreements" or family
            )
    return render(
        request,
        "signals/agreement_close.html",
        {"form": form, "agreement": agreement, "family": family},
    )


@case_view
@require_http_methods(["GET"])
def my_agreements(request):
    """What the current member agreed to do, open first (by date), then the finished."""
    today = timezone.localdate()
    open_items, closed = selectors.my_agreements(
        scoped(request, Agreement.objects.all()), request.membership
    )
    request.audit.record(AccessAction.VIEW)
    return render(
        request,
        "signals/my_agreements.html",
        {"open_items": open_items, "closed": closed, "today": today},
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
    mark_seen(
        recipient=request.user,
        organisation=request.organisation,
        kinds=[NotificationKind.DECISION],
    )
    page = Paginator(groups, MY_SIGNALS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "signals/my_signals.html", {"groups": page, "page": page})
