"""Samenwerken: the region page (a lead opts in) and, per child, the involvement signal,
the matches and the consent. Every child is fetched through the family's file (need-to-know)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from families.models import Child, Family
from families.selectors import upcoming_transitions
from organisations.formtools import call_service
from organisations.models import AccessAction, Organisation
from organisations.scoping import LEAD_ROLES, case_view, get_scoped_or_404, lead_view, scoped

from . import services, tokens
from .forms import ConsentForm, HandoverDecisionForm, HandoverForm, OptInForm, SignalForm
from .models import Handover, InvolvementSignal, RegionMember
from .selectors import shared_views


@case_view
@require_http_methods(["GET"])
def region(request):
    member = (
        RegionMember.objects.filter(organisation=request.membership.organisation)
        .select_related("region")
        .first()
    )
    others = []
    if member is not None and member.takes_part:
        others = (
            RegionMember.objects.filter(region=member.region, opted_in_at__isnull=False)
            .exclude(pk=member.pk)
            .select_related("organisation")
        )
    return render(
        request,
        "collaboration/region.html",
        {
            "member": member,
            "others": others,
            "enabled": tokens.enabled(),
            "form": OptInForm(initial={"take_part": bool(member and member.takes_part)}),
        },
    )


@lead_view
@require_POST
def opt_in(request):
    form = OptInForm(request.POST)
    if form.is_valid():
        saved = call_service(
            form,
            services.region_opt_in,
            organisation=request.membership.organisation,
            lead=request.user,
            take_part=form.cleaned_data["take_part"],
        )
        if saved is not None:
            messages.success(request, _("De deelname aan de regio is opgeslagen."))
            return redirect("collaboration:region")
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect("collaboration:region")


def _child(request, child_id):
    return get_scoped_or_404(
        request, Child.objects.select_related("family__organisation"), public_id=child_id
    )


def _page(request, child, *, signal_form=None, consent_form=None, errors=()):
    family = child.family
    signal = InvolvementSignal.objects.live().filter(child=child).first()
    views = [
        v for v in shared_views(family, as_of=timezone.localdate()) if v.own.child_id == child.pk
    ]
    return render(
        request,
        "collaboration/child.html",
        {
            "child": child,
            "family": family,
            "family_name": family.name,
            "enabled": tokens.enabled(),
            "region": services.region_of(family.organisation),
            "signal": signal,
            "may_signal": services.may_signal(child, request.user),
            "views": views,
            "signal_form": signal_form or SignalForm(),
            "consent_form": consent_form or ConsentForm(),
            "errors": [*errors, *_errors_of(signal_form), *_errors_of(consent_form)],
            "today": timezone.localdate(),
        },
    )


def _errors_of(form):
    """Every message of a refused form, for the summary above the page."""
    if form is None or not form.is_bound:
        return []
    return [message for messages_ in form.errors.values() for message in messages_]


@case_view
@require_http_methods(["GET"])
def child(request, child_id):
    return _page(request, _child(request, child_id))


@case_view
@require_POST
def signal_raise(request, child_id):
    child = _child(request, child_id)
    form = SignalForm(request.POST)
    if form.is_valid():
        saved = call_service(
            form,
            services.signal_raise,
            child=child,
            raised_by=request.user,
            parents_informed_on=form.cleaned_data["parents_informed_on"],
        )
        if saved is not None:
            messages.success(request, _("De betrokkenheid is gemeld in de regio."))
            return redirect("collaboration:child", child_id=child.public_id)
    return _page(request, child, signal_form=form)


def _button(request, child, service, message, **kwargs):
    """A button without fields: the service's refusal shows on the child's page."""
    try:
        service(child=child, **kwargs)
    except ValidationError as exc:
        return _page(request, child, errors=exc.messages)
    messages.success(request, message)
    return redirect("collaboration:child", child_id=child.public_id)


@case_view
@require_POST
def signal_withdraw(request, child_id):
    child = _child(request, child_id)
    return _button(
        request,
        child,
        services.signal_withdraw,
        _("De melding is ingetrokken."),
        withdrawn_by=request.user,
    )


@case_view
@require_POST
def consent_record(request, child_id):
    child = _child(request, child_id)
    form = ConsentForm(request.POST)
    if form.is_valid():
        saved = call_service(
            form,
            services.consent_record,
            child=child,
            recorded_by=request.user,
            **form.cleaned_data,
        )
        if saved is not None:
            messages.success(request, _("De toestemming is vastgelegd."))
            return redirect("collaboration:child", child_id=child.public_id)
    return _page(request, child, consent_form=form)


@case_view
@require_POST
def consent_withdraw(request, child_id):
    child = _child(request, child_id)
    return _button(
        request,
        child,
        services.consent_withdraw,
        _("De toestemming is ingetrokken. De andere organisatie ziet niets meer."),
        match=request.POST.get("match", ""),
        withdrawn_by=request.user,
    )


# Warm handover -----------------------------------------------------------------


def _region_organisations(organisation):
    region_ = services.region_of(organisation)
    if region_ is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        region_member__region=region_, region_member__opted_in_at__isnull=False
    ).exclude(pk=organisation.pk)


@case_view
@require_http_methods(["GET", "POST"])
def handover_create(request, child_id):
    child = _child(request, child_id)
    family = child.family
    form = HandoverForm(
        request.POST or None, organisations=_region_organisations(family.organisation)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["to_organisation"] = Organisation.objects.filter(
            public_id=data["to_organisation"]
        ).first()
        saved = call_service(
            form, services.handover_create, child=child, created_by=request.user, **data
        )
        if saved is not None:
            messages.success(request, _("De warme overdracht is verstuurd."))
            return redirect(family)
    transitions = upcoming_transitions([child], today=timezone.localdate(), within_days=365)
    return render(
        request,
        "collaboration/handover_form.html",
        {
            "form": form,
            "child": child,
            "family": family,
            "family_name": family.name,
            "transitions": transitions,
            "may_signal": services.may_signal(child, request.user),
        },
    )


@lead_view
@require_http_methods(["GET"])
def handovers(request):
    now = timezone.now()
    incoming = (
        Handover.objects.open(now=now)
        .filter(to_organisation=request.membership.organisation)
        .select_related("from_organisation")
    )
    return render(request, "collaboration/handovers.html", {"handovers": incoming})


@lead_view
@require_http_methods(["GET", "POST"])
def handover(request, public_id):
    item = get_scoped_or_404(
        request,
        Handover.objects.select_related("from_organisation", "target_family"),
        roles=LEAD_ROLES,
        public_id=public_id,
    )
    families = scoped(request, Family.objects.all(), roles=LEAD_ROLES)
    form = HandoverDecisionForm(request.POST or None, families=families)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "accept":
            saved = call_service(
                form,
                services.handover_accept,
                handover=item,
                lead=request.user,
                family=data["family"],
                family_name=data["family_name"],
            )
        else:
            saved = call_service(form, services.handover_decline, handover=item, lead=request.user)
        if saved is not None:
            messages.success(request, _("Het besluit over de overdracht is opgeslagen."))
            if saved.target_family is not None:
                return redirect(saved.target_family)
            return redirect("collaboration:handovers")
    request.audit.record(AccessAction.VIEW, organisation=item.to_organisation, obj=item)
    return render(
        request,
        "collaboration/handover.html",
        {"handover": item, "form": form, "is_open": item.is_open(timezone.now())},
    )
