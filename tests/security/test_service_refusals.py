"""Every form view survives a service that refuses.

For each view that handles a POST form, the service it calls is replaced by one that
raises ValidationError: on a field the form has, on a field it does not have, and
without a field. The page answers with the form again (never a 500), shows the message,
and nothing is saved. A button on a list, without a page of its own, answers a refusal
with the message on the page it goes back to. The lists are checked against the
authorization matrix, so that a new form view cannot escape them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from families.models import (
    AccessRequest,
    ChainPartner,
    Child,
    Family,
    GlassBreak,
    NetworkMember,
    PupilImport,
    SupportCheck,
    TeamMember,
)
from organisations.models import Invitation, Membership, Organisation
from signals.models import (
    Agreement,
    ColleagueNote,
    Conversation,
    CorrectionRequest,
    LookRequest,
    Observation,
    ParentsView,
    Review,
    SignalCategory,
    SummaryItem,
)
from tests.security.formdata import form_of, valid_data
from tests.security.test_matrix import EXPECTATIONS, OK
from tests.security.world import INVITATION_TOKEN, build_world

MARKER = "Weigering-van-de-dienst-7Q"


@dataclass
class FormView:
    persona: str  # a conftest fixture name
    url: Callable  # world -> the URL the form is sent to
    service: str  # the name the view calls, as the test patches it
    page: Callable | None = None  # world -> the page that shows the form (default: url)
    pick_form: Callable = form_of  # response -> the form
    extra: dict = field(default_factory=dict)  # POST fields outside the form (or makers)
    status: int = 200  # the review page answers a refused form with 400
    fieldless: bool = False  # a confirmation: a button and no fields


def _answer_form(response):
    return response.context["open_requests"][0].form


def _family(name):
    return lambda w: reverse(name, args=[w.family.public_id])


def _import(name):
    return lambda w: reverse(name, args=[w.pupil_import.public_id])


def _removable_child(w):
    """A child about whom nothing was recorded (the world's child has observations)."""
    child = Child.objects.create(
        family=w.family,
        first_name="Kindnaam-A-leeg",
        birth_date=timezone.localdate() - datetime.timedelta(days=5 * 365),
    )
    return reverse("families:child_remove", args=[w.family.public_id, child.public_id])


def _class_list():
    """A fresh file for every POST (the test client reads it to the end)."""
    data = b"Roepnaam;Achternaam;Geboortedatum\r\nNoor;Jansen;01-02-2018\r\n"
    return SimpleUploadedFile("klas.csv", data, content_type="text/csv")


def _prepared_conversation(w):
    """A conversation prepared and not yet recorded (the world's one is recorded)."""
    conversation = Conversation.objects.create(family=w.family, prepared_by=w.observation.observer)
    return reverse("signals:conversation", args=[conversation.public_id])


def _conversation(name):
    return lambda w: reverse(name, args=[w.conversation.public_id])


FORM_VIEWS = {
    # Learning together (issue 20)
    "learning:consultation_create": FormView(
        "client_lead_a",
        lambda w: reverse("learning:consultation_create"),
        "learning.services.consultation_create",
    ),
    "learning:vignette_outcome": FormView(
        "client_lead_a",
        lambda w: reverse("learning:vignette_outcome", args=[w.vignette.public_id]),
        "learning.services.outcome_record",
    ),
    "learning:what_worked_write": FormView(
        "client_professional_a",
        lambda w: reverse("learning:what_worked_write", args=[w.what_worked.public_id]),
        "learning.services.what_worked_write",
    ),
    "learning:what_worked_approve": FormView(
        "client_lead_a",
        lambda w: reverse("learning:what_worked_approve", args=[w.what_worked.public_id]),
        "learning.services.what_worked_approve",
    ),
    "signals:conversation_prepare": FormView(
        "client_professional_a",
        _family("signals:conversation_prepare"),
        "signals.parents.services.conversation_prepare",
    ),
    "signals:conversation": FormView(
        "client_professional_a",
        _prepared_conversation,
        "signals.parents.services.conversation_record",
    ),
    "signals:conversation_summary": FormView(
        "client_professional_a",
        _conversation("signals:conversation_summary"),
        "signals.parents.services.summary_save",
    ),
    "signals:parents_view_add": FormView(
        "client_professional_a",
        lambda w: reverse("signals:parents_view_add", args=[w.observation.public_id]),
        "signals.observations.services.parents_view_add",
    ),
    "signals:correction_request_create": FormView(
        "client_professional_a",
        _family("signals:correction_request_create"),
        "signals.parents.services.correction_request_record",
    ),
    "signals:correction_request": FormView(
        "client_lead_a",
        lambda w: reverse("signals:correction_request", args=[w.correction_request.public_id]),
        "signals.parents.services.correction_request_decide",
    ),
    "organisations:person_add": FormView(
        "client_admin_a",
        lambda w: reverse("organisations:person_add"),
        "organisations.services.person_add",
    ),
    "organisations:membership_edit": FormView(
        "client_admin_a",
        lambda w: reverse("organisations:membership_edit", args=[w.membership.public_id]),
        "organisations.services.membership_update",
    ),
    "organisations:thresholds": FormView(
        "client_lead_a",
        lambda w: reverse("organisations:thresholds"),
        "organisations.services.thresholds_update",
    ),
    "families:create": FormView(
        "client_professional_a",
        lambda w: reverse("families:create"),
        "families.services.family_create",
    ),
    "families:edit": FormView(
        "client_professional_a", _family("families:edit"), "families.services.family_update"
    ),
    "families:child_add": FormView(
        "client_professional_a", _family("families:child_add"), "families.services.child_add"
    ),
    "families:child_edit": FormView(
        "client_professional_a",
        lambda w: reverse("families:child_edit", args=[w.family.public_id, w.child.public_id]),
        "families.services.child_update",
    ),
    "families:network_add": FormView(
        "client_professional_a",
        _family("families:network_add"),
        "families.services.network_member_add",
    ),
    "families:network_edit": FormView(
        "client_professional_a",
        lambda w: reverse("families:network_edit", args=[w.family.public_id, w.member.public_id]),
        "families.services.network_member_update",
    ),
    "families:network_remove": FormView(
        "client_professional_a",
        lambda w: reverse("families:network_remove", args=[w.family.public_id, w.member.public_id]),
        "families.services.network_member_remove",
        fieldless=True,
    ),
    "families:child_remove": FormView(
        "client_professional_a",
        _removable_child,
        "families.services.child_remove",
        fieldless=True,
    ),
    "families:partner_add": FormView(
        "client_professional_a",
        _family("families:partner_add"),
        "families.services.chain_partner_add",
    ),
    "families:partner_edit": FormView(
        "client_professional_a",
        lambda w: reverse("families:partner_edit", args=[w.family.public_id, w.partner.public_id]),
        "families.services.chain_partner_update",
    ),
    "families:partner_remove": FormView(
        "client_professional_a",
        lambda w: reverse(
            "families:partner_remove", args=[w.family.public_id, w.partner.public_id]
        ),
        "families.services.chain_partner_remove",
        fieldless=True,
    ),
    "families:import_upload": FormView(
        "client_admin_a",
        lambda w: reverse("families:import_upload"),
        "families.imports.services.import_upload",
        extra={"file": _class_list},
    ),
    "families:import_mapping": FormView(
        "client_admin_a",
        _import("families:import_mapping"),
        "families.imports.services.import_map",
    ),
    "families:import_preview": FormView(
        "client_admin_a",
        _import("families:import_preview"),
        "families.imports.services.import_run",
        fieldless=True,
    ),
    "collaboration:signal_raise": FormView(
        "client_professional_a",
        lambda w: reverse("collaboration:signal_raise", args=[w.child.public_id]),
        "collaboration.services.signal_raise",
        page=lambda w: reverse("collaboration:child", args=[w.child.public_id]),
        pick_form=lambda r: r.context["signal_form"],
        extra={"parents_informed": "on"},
    ),
    "collaboration:consent_record": FormView(
        "client_professional_a",
        lambda w: reverse("collaboration:consent_record", args=[w.child.public_id]),
        "collaboration.services.consent_record",
        page=lambda w: reverse("collaboration:child", args=[w.child.public_id]),
        pick_form=lambda r: r.context["consent_form"],
    ),
    "collaboration:handover_create": FormView(
        "client_professional_a",
        lambda w: reverse("collaboration:handover_create", args=[w.child.public_id]),
        "collaboration.services.handover_create",
        extra={"to_organisation": "00000000-0000-4000-8000-000000000000"},
    ),
    "organisations:invite": FormView(
        "client_admin_a",
        lambda w: reverse("organisations:invite"),
        "organisations.invitations.invitation_create",
    ),
    "invitation_accept": FormView(
        "client",  # the invited colleague has no account yet
        lambda w: reverse("invitation_accept", args=[INVITATION_TOKEN]),
        "organisations.invitations.invitation_accept_new",
    ),
    "organisations:mfa_reset": FormView(
        "client_admin_a",
        lambda w: reverse("organisations:mfa_reset", args=[w.membership.public_id]),
        "organisations.accounts.second_factor_reset",
        fieldless=True,
    ),
    "notifications:settings": FormView(
        "client_professional_a",
        lambda w: reverse("notifications:settings"),
        "notifications.services.digest_preference_set",
    ),
    "signals:category_manage": FormView(
        "client_lead_a",
        lambda w: reverse("signals:category_manage"),
        "signals.catalogue.services.category_create",
        extra={"action": "add"},
    ),
    "signals:observation_create": FormView(
        "client_professional_a",
        lambda w: reverse("signals:observation_create"),
        "signals.observations.services.observation_record",
    ),
    "signals:family_observation_create": FormView(
        "client_professional_a",
        _family("signals:family_observation_create"),
        "signals.observations.services.observation_record",
    ),
    "signals:observation_amend": FormView(
        "client_professional_a",
        lambda w: reverse("signals:observation_amend", args=[w.observation.public_id]),
        "signals.observations.services.observation_amend",
    ),
    "signals:note_create": FormView(
        "client_professional_a", _family("signals:note_create"), "signals.notes.services.note_add"
    ),
    "signals:look_request_create": FormView(
        "client_professional_a",
        _family("signals:look_request_create"),
        "signals.notes.services.look_request_create",
    ),
    "signals:look_request_answer": FormView(
        "client_lead_a",
        lambda w: reverse("signals:look_request_answer", args=[w.look_request.public_id]),
        "signals.notes.services.look_request_answer",
        page=lambda w: reverse("signals:for_me"),
        pick_form=_answer_form,
    ),
    "signals:review_create": FormView(
        "client_lead_a",
        _family("signals:review_create"),
        "signals.reviews.services.review_record",
        status=400,
    ),
    # Need-to-know. A lead manages the team (the world's family has no contact person);
    # colleague_a is outside the world family's team: she asks for access or opens the file.
    "organisations:file_access": FormView(
        "client_lead_a",
        lambda w: reverse("organisations:file_access"),
        "organisations.services.file_access_update",
    ),
    "families:team_add": FormView(
        "client_lead_a", _family("families:team_add"), "families.services.team_add"
    ),
    "families:team_remove": FormView(
        "client_lead_a",
        lambda w: reverse(
            "families:team_remove", args=[w.family.public_id, w.team_member.public_id]
        ),
        "families.services.team_remove",
    ),
    "families:access_request": FormView(
        "client_colleague_a",
        _family("families:access_request"),
        "families.services.access_request_create",
    ),
    "families:break_glass": FormView(
        "client_colleague_a", _family("families:break_glass"), "families.services.glass_break_open"
    ),
    "signals:review_vt_answer": FormView(
        "client_lead_a",
        lambda w: reverse("signals:review_vt_answer", args=[w.review.public_id]),
        "signals.reviews.services.review_vt_answer",
    ),
    "signals:agreement_close": FormView(
        "client_professional_a",
        lambda w: reverse("signals:agreement_close", args=[w.agreement.public_id]),
        "signals.reviews.agreements.agreement_close",
    ),
    "families:check_create": FormView(
        "client_professional_a",
        _family("families:check_create"),
        "families.services.support_check_record",
    ),
}


@dataclass
class ButtonView:
    """A button on a list that posts to a URL without a page of its own."""

    persona: str
    url: Callable
    service: str
    data: Callable = lambda w: {}  # world -> what the button sends


BUTTON_VIEWS = {
    # A vignette's own sentences, on the consultation's page.
    "learning:vignette_sentences": ButtonView(
        "client_lead_a",
        lambda w: reverse("learning:vignette_sentences", args=[w.vignette.public_id]),
        "learning.services.vignette_sentences_set",
        data=lambda w: {
            f"{w.vignette.public_id}-sentences": "Een zin.",
            f"{w.vignette.public_id}-approved": "on",
        },
    ),
    "collaboration:opt_in": ButtonView(
        "client_lead_a",
        lambda w: reverse("collaboration:opt_in"),
        "collaboration.services.region_opt_in",
    ),
    "collaboration:signal_withdraw": ButtonView(
        "client_professional_a",
        lambda w: reverse("collaboration:signal_withdraw", args=[w.child.public_id]),
        "collaboration.services.signal_withdraw",
    ),
    "collaboration:consent_withdraw": ButtonView(
        "client_professional_a",
        lambda w: reverse("collaboration:consent_withdraw", args=[w.child.public_id]),
        "collaboration.services.consent_withdraw",
    ),
    "signals:going_well": ButtonView(
        "client_professional_a",
        lambda w: reverse("signals:going_well", args=[w.family.public_id]),
        "signals.followup.views.note_add",
    ),
    "organisations:invitation_resend": ButtonView(
        "client_admin_a",
        lambda w: reverse("organisations:invitation_resend", args=[w.invitation.public_id]),
        "organisations.invitations.invitation_resend",
    ),
    "organisations:invitation_revoke": ButtonView(
        "client_admin_a",
        lambda w: reverse("organisations:invitation_revoke", args=[w.invitation.public_id]),
        "organisations.invitations.invitation_revoke",
    ),
    # The decision on an access request, on the list of requests (lead A decides).
    "families:access_request_decide": ButtonView(
        "client_lead_a",
        lambda w: reverse("families:access_request_decide", args=[w.access_request.public_id]),
        "families.services.access_request_decide",
        data=lambda w: {f"{w.access_request.public_id}-decision": "grant"},
    ),
}

# Views that take a POST but call no service that could refuse, and why.
WITHOUT_SERVICE = {
    "home": "chooses the organisation to work in (a session value)",
    "login": "Django's authentication form",
    "mfa_enrol": "checks a code against the device",
    "mfa_verify": "checks a code against the device",
    "mfa_backup_codes": "makes new backup codes",
    "set_language": "Django's language switch",
    "families:list": "a search, sent by POST to keep it out of the URL",
    "notifications:mark_all_read": "marks the reader's own notifications read; nothing to refuse",
    "notifications:open": "marks the reader's own notification read and follows its link",
    "password_reset": "Django's password-reset form: it sends an e-mail or not, never refuses",
    "password_reset_confirm": "Django's set-password form; ending the sessions refuses nothing",
}

REFUSALS = {
    "on_a_field_of_the_form": lambda form_field: ValidationError({form_field: MARKER}),
    "on_a_field_the_form_lacks": lambda form_field: ValidationError({"no_such_field": MARKER}),
    "without_a_field": lambda form_field: ValidationError(MARKER),
}


def _snapshot():
    counted = (
        Family,
        Child,
        NetworkMember,
        ChainPartner,
        Observation,
        ColleagueNote,
        LookRequest,
        Review,
        Agreement,
        SupportCheck,
        Membership,
        Organisation,
        SignalCategory,
        Invitation,
        PupilImport,
        TeamMember,
        AccessRequest,
        GlassBreak,
        TOTPDevice,
        StaticDevice,
        get_user_model(),
    )
    return (
        tuple(m.objects.count() for m in counted),
        list(Organisation.objects.order_by("pk").values_list()),
        list(Family.objects.order_by("pk").values_list()),
        list(Child.objects.order_by("pk").values_list()),
        list(NetworkMember.objects.order_by("pk").values_list()),
        list(ChainPartner.objects.order_by("pk").values_list()),
        list(Membership.objects.order_by("pk").values_list("role", "is_active", "job_title")),
        list(LookRequest.objects.order_by("pk").values_list("answered_at", "answer")),
        list(
            Invitation.objects.order_by("pk").values_list(
                "token_hash", "sent_at", "expires_at", "accepted_at", "revoked_at"
            )
        ),
        list(PupilImport.objects.order_by("pk").values_list("mapping", "imported_at", "summary")),
        list(TeamMember.objects.order_by("pk").values_list("user", "reason", "removed_at")),
        list(AccessRequest.objects.order_by("pk").values_list("status", "decided_by")),
        list(Agreement.objects.order_by("pk").values_list("status", "outcome_note")),
        list(Review.objects.order_by("pk").values_list("vt_answer", "vt_reference")),
        list(Conversation.objects.order_by("pk").values_list()),
        list(SummaryItem.objects.order_by("pk").values_list()),
        list(ParentsView.objects.order_by("pk").values_list()),
        list(CorrectionRequest.objects.order_by("pk").values_list()),
    )


def _shown_field(form):
    """A field the user sees, to name in the refusal (the first visible one)."""
    return next(name for name, f in form.fields.items() if not f.widget.is_hidden)


def test_every_view_that_takes_a_post_is_listed():
    takes_post = {name for name, rows in EXPECTATIONS.items() if OK in rows["POST"]}
    listed = [*FORM_VIEWS, *BUTTON_VIEWS, *WITHOUT_SERVICE]
    assert len(listed) == len(set(listed)), "a view is listed twice"
    assert takes_post == set(listed)


CASES = [
    (name, refusal)
    for name, view in sorted(FORM_VIEWS.items())
    for refusal in sorted(REFUSALS)
    if not (view.fieldless and refusal == "on_a_field_of_the_form")
]


@pytest.mark.parametrize(("name", "refusal"), CASES)
def test_a_refused_service_call_shows_the_form_again(
    request, name, refusal, org_a, professional_a, lead_a, admin_a
):
    view = FORM_VIEWS[name]
    client = request.getfixturevalue(view.persona)
    world = build_world(org_a, professional_a, lead_a)
    url = view.url(world)
    page = client.get(view.page(world) if view.page else url)
    assert page.status_code == 200
    form = view.pick_form(page)
    form_field = None if view.fieldless else _shown_field(form)
    extra = {key: value() if callable(value) else value for key, value in view.extra.items()}
    data = {**valid_data(form), **extra}
    before = _snapshot()

    error = REFUSALS[refusal](form_field)
    with mock.patch(view.service, side_effect=error) as service:
        response = client.post(url, data)

    assert service.call_count == 1, "the form did not reach the service"
    assert response.status_code == view.status
    assert MARKER in response.content.decode()
    refused = view.pick_form(response)
    where = form_field if refusal == "on_a_field_of_the_form" else NON_FIELD_ERRORS
    assert MARKER in refused.errors.get(where, [])
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("name", "refusal"),
    [
        (name, refusal)
        for name in sorted(BUTTON_VIEWS)
        for refusal in sorted(REFUSALS)
        if refusal != "on_a_field_of_the_form"
    ],
)
def test_a_refused_button_says_why(request, name, refusal, org_a, professional_a, lead_a, admin_a):
    view = BUTTON_VIEWS[name]
    client = request.getfixturevalue(view.persona)
    world = build_world(org_a, professional_a, lead_a)
    before = _snapshot()
    with mock.patch(view.service, side_effect=REFUSALS[refusal](None)) as service:
        response = client.post(view.url(world), view.data(world), follow=True)
    assert service.call_count == 1
    assert response.status_code == 200
    assert MARKER in response.content.decode()
    assert _snapshot() == before


@pytest.mark.parametrize("action", ["disable", "enable"])
def test_a_refused_category_switch_says_why(client_lead_a, org_a, action):
    category = SignalCategory.objects.filter(organisation__isnull=True).first()
    before = _snapshot()
    target = "signals.catalogue.services.category_set_disabled"
    with mock.patch(target, side_effect=ValidationError(MARKER)) as service:
        response = client_lead_a.post(
            reverse("signals:category_manage"),
            {"action": action, "code": category.code},
            follow=True,
        )
    assert service.call_count == 1
    assert response.status_code == 200
    assert MARKER in response.content.decode()
    assert _snapshot() == before
