"""A family's team: the contact person or a lead adds someone; a lead removes someone
(not the contact person), and the removal stays on record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.formtools import call_service
from organisations.models import AccessAction
from organisations.scoping import LEAD_ROLES, case_view, get_scoped_or_404, lead_view

from .. import services
from ..forms import TeamAddForm, TeamRemoveForm
from ..models import TeamMember, TeamReason
from ..scoping import get_family_for_user


@case_view
@require_http_methods(["GET", "POST"])
def team_add(request, public_id):
    family = get_family_for_user(request, public_id)
    if not services.may_manage_team(request.user, family):
        raise PermissionDenied
    form = TeamAddForm(request.POST or None, family=family)
    if request.method == "POST" and form.is_valid():
        member = call_service(
            form,
            services.team_add,
            family=family,
            user=form.cleaned_data["membership"].user,
            added_by=request.user,
            reason=TeamReason.ADDED,
            note=form.cleaned_data["note"],
        )
        if member is not None:
            request.audit.record(AccessAction.TEAM_CHANGE, family=family, obj=member)
            messages.success(
                request,
                _("%(name)s hoort nu bij het team.")
                % {"name": form.cleaned_data["membership"].display_name},
            )
            return redirect(family)
    return render(
        request,
        "families/form.html",
        {
            "form": form,
            "family": family,
            "family_name": family.name,
            "title": _("Iemand aan het team toevoegen"),
        },
    )


@lead_view
@require_http_methods(["GET", "POST"])
def team_remove(request, public_id, team_member_id):
    family = get_family_for_user(request, public_id, roles=LEAD_ROLES)
    member = get_scoped_or_404(
        request,
        TeamMember.objects.current().filter(family=family).select_related("user"),
        roles=LEAD_ROLES,
        public_id=team_member_id,
    )
    form = TeamRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        removed = call_service(
            form,
            services.team_remove,
            member=member,
            removed_by=request.user,
            reason=form.cleaned_data["reason"],
        )
        if removed is not None:
            request.audit.record(AccessAction.TEAM_CHANGE, family=family, obj=removed)
            messages.success(request, _("Uit het team gehaald; dat blijft zichtbaar."))
            return redirect(family)
    name = member.user.get_full_name() or member.user.get_username()
    return render(
        request,
        "families/form.html",
        {
            "form": form,
            "family": family,
            "family_name": family.name,
            "title": _("%(name)s uit het team halen") % {"name": name},
            "obj": member,
        },
    )
