from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from families.scoping import get_family_for_user
from notifications.models import NotificationKind
from notifications.services import mark_seen
from organisations.formtools import add_service_errors
from organisations.models import AccessAction
from organisations.scoping import case_view, get_scoped_or_404
from signals.notes import selectors, services
from signals.notes.forms import AnswerForm, LookRequestForm, NoteForm
from signals.notes.models import LookRequest
from signals.observations import selectors as observation_selectors


def note_form_for(request, family, data=None, *, initial=None):
    observations = observation_selectors.readable_family_observations(request, family)
    return NoteForm(data, observations=observations, initial=initial)


def look_form_for(request, family, data=None, *, initial=None):
    return LookRequestForm(
        data,
        colleagues=selectors.colleagues_to_ask(request.organisation, request.user),
        observations=observation_selectors.family_observations(family),
        initial=initial,
    )


@case_view
@require_http_methods(["GET", "POST"])
def note_create(request, family_id):
    family = get_family_for_user(request, family_id)
    initial = None
    if request.method == "GET" and request.GET.get("observatie"):
        initial = {"observation": request.GET["observatie"]}
    form = note_form_for(request, family, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            note = services.note_add(
                family=family,
                author=request.user,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                observation=form.cleaned_data.get("observation"),
                confidential=form.cleaned_data["confidential"],
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
    initial = None
    if request.method == "GET" and request.GET.get("observatie"):
        initial = {"observation": request.GET["observatie"]}
    form = look_form_for(request, family, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            look = services.look_request_create(
                family=family,
                requested_by=request.user,
                requested_from=form.cleaned_data["requested_from"],
                message=form.cleaned_data["message"],
                observation=form.cleaned_data.get("observation"),
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
@require_http_methods(["GET"])
def my_questions(request):
    """ "Mijn vragen": the questions I asked, open and answered, each answer beside it."""
    questions = selectors.with_need_to_know(
        request, list(selectors.my_questions(request.user, request.organisation))
    )
    # Seeing the answers here is reading their notifications.
    mark_seen(
        recipient=request.user,
        organisation=request.organisation,
        kinds=[NotificationKind.ANSWER],
    )
    request.audit.record(AccessAction.VIEW, object_type="lookrequest", object_id="")
    return render(
        request,
        "signals/my_questions.html",
        {
            "open_questions": [q for q in questions if q.answered_at is None],
            "answered_questions": [q for q in questions if q.answered_at is not None],
        },
    )


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
