import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.formtools import add_service_errors
from organisations.models import AccessAction
from organisations.scoping import case_view, get_scoped_or_404

from . import selectors, services
from .forms import DigestPreferenceForm
from .models import DigestFrequency

READ_PAGE_SIZE = 25


def weekday_name(weekday):
    monday = datetime.date(2024, 1, 1)  # a Monday
    return date_format(monday + datetime.timedelta(days=weekday % 7), "l")


@case_view
@require_http_methods(["GET"])
def notification_list(request):
    """New first, then what was read; each line a link to where to act."""
    visible = selectors.visible_notifications(request).select_related("family", "actor")
    unread = list(visible.unread())
    read = Paginator(visible.filter(read_at__isnull=False), READ_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    request.audit.record(AccessAction.VIEW, object_type="notifications", object_id="")
    return render(
        request,
        "notifications/list.html",
        {
            "unread": unread,
            "read_page": read,
            "elsewhere": selectors.unread_elsewhere(request.user, request.organisation),
        },
    )


@case_view
@require_http_methods(["POST"])
def notification_open(request, public_id):
    """Mark it read and go where it points (a page that checks access itself).

    A POST (a button on the list), not a GET: it writes. It runs in the request's change
    transaction (organisations.middleware.AuditMiddleware), so that a database that stays
    locked too long answers with the Dutch 503, never a 500."""
    notification = get_scoped_or_404(
        request,
        selectors.visible_notifications(request),
        public_id=public_id,
    )
    services.mark_read(
        recipient=request.user,
        organisation=request.organisation,
        notifications=[notification],
    )
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts=None) or not target.startswith(
        "/"
    ):
        target = "notifications:list"
    return redirect(target)


@case_view
@require_http_methods(["POST"])
def mark_all_read(request):
    n = services.mark_read(
        recipient=request.user,
        organisation=request.organisation,
        notifications=selectors.visible_notifications(request).unread(),
    )
    if n:
        messages.success(request, _("Alle berichten staan op gelezen."))
    return redirect("notifications:list")


@case_view
@require_http_methods(["GET", "POST"])
def digest_settings(request):
    membership = request.membership
    current = selectors.frequency_for(membership)
    form = DigestPreferenceForm(request.POST or None, initial={"frequency": current})
    if request.method == "POST" and form.is_valid():
        try:
            preference = services.digest_preference_set(
                membership=membership, frequency=form.cleaned_data["frequency"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.audit.record(AccessAction.CHANGE, obj=preference)
            messages.success(request, _("Je keuze is bewaard."))
            return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "default_label": DigestFrequency(selectors.default_frequency(membership)).label,
            "has_email": bool(request.user.email),
            "weekday": weekday_name(settings.STAP0_DIGEST_WEEKDAY),
        },
    )
