"""The lead records a review of a family: decision, rationale, next date, afwegingskader."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.models import AccessAction
from organisations.scoping import LEAD_ROLES, get_family_for_user, lead_view
from signals import services
from signals.accumulation import STATUS_LABELS, assess_family
from signals.review_forms import ReviewForm


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
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
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
