"""Colleague notes, "kijk je mee?" requests and the "Voor mij" list."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.models import AccessAction
from organisations.scoping import case_view, get_family_for_user, get_scoped_or_404
from signals import selectors, services
from signals.forms import AnswerForm, LookRequestForm, NoteForm
from signals.models import LookRequest
from signals.views.observations import add_service_errors


def note_form_for(family, data=None, *, initial=None):
    return NoteForm(data, observations=selectors.family_observations(family), initial=initial)


def look_form_for(request, data=None):
    return LookRequestForm(
        data, colleagues=selectors.colleagues_to_ask(request.organisation, request.user)
    )


@case_view
@require_http_methods(["GET", "POST"])
def note_create(request, family_id):
    family = get_family_for_user(request, family_id)
    initial = None
    if request.method == "GET" and request.GET.get("observatie"):
        initial = {"observation": request.GET["observatie"]}
    form = note_form_for(family, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_add(
                family=family,
                author=request.user,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                observation=form.cleaned_data.get("observation"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.audit.record(AccessAction.CREATE, family=family, obj=note)
            messages.success(request, _("Je notitie staat bij het gezin."))
            return redirect(family.get_absolute_url())
    return render(request, "signals/note_form.html", {"form": form, "family": family})


@case_view
@require_http_methods(["GET", "POST"])
def look_request_create(request, family_id):
    family = get_family_for_user(request, family_id)
    form = look_form_for(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            look = services.look_request_create(
                family=family,
                requested_by=request.user,
                requested_from=form.cleaned_data["requested_from"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.audit.record(AccessAction.CREATE, family=family, obj=look)
            name = look.requested_from.get_full_name() or look.requested_from.get_username()
            messages.success(
                request,
                _("%(name)s vindt je vraag in “Voor mij”.") % {"name": name},
            )
            return redirect(family.get_absolute_url())
    return render(request, "signals/look_request_form.html", {"form": form, "family": family})


def _for_me_page(request, *, bound=None):
    """The open requests, each with its own answer form (one bound to a failed POST)."""
    requests_ = list(selectors.open_requests_for(request.user, request.organisation))
    for look in requests_:
        if bound is not None and bound[0].pk == look.pk:
            look.form = bound[1]
        else:
            look.form = AnswerForm(prefix=str(look.public_id))
    return render(
        request,
        "signals/for_me.html",
        {
            "open_requests": requests_,
            "answered": selectors.answered_requests_for(request.user, request.organisation),
        },
    )


@case_view
@require_http_methods(["GET"])
def for_me(request):
    return _for_me_page(request)


@case_view
@require_http_methods(["POST"])
def look_request_answer(request, public_id):
    look = get_scoped_or_404(
        request,
        LookRequest.objects.select_related("family", "observation"),
        public_id=public_id,
        requested_from=request.user,
    )
    if look.answered_at is not None:
        messages.info(request, _("Dit verzoek was al beantwoord."))
        return redirect("signals:for_me")
    form = AnswerForm(request.POST, prefix=str(look.public_id))
    if form.is_valid():
        try:
            note = services.look_request_answer(
                request=look,
                author=request.user,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.audit.record(AccessAction.CREATE, family=look.family, obj=note)
            messages.success(
                request,
                _("Dank je. Je antwoord staat bij het gezin %(family)s.")
                % {"family": look.family.name},
            )
            return redirect(reverse("signals:for_me"))
    return _for_me_page(request, bound=(look, form))
