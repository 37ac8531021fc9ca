"""The children and the people around a family: informal network and chain partners."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.formtools import call_service
from organisations.models import AccessAction
from organisations.scoping import case_view, get_scoped_or_404

from .. import services
from ..forms import ChainPartnerForm, ChildForm, NetworkMemberForm
from ..models import ChainPartner, Child, NetworkMember
from ..scoping import get_family_for_user


def _form_page(request, *, family, form, title, saved_message, save, obj=None):
    """GET shows the form; a valid POST saves through `save(cleaned_data)` and logs a change."""
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, save, **form.cleaned_data)
        if saved is not None:
            request.audit.record(AccessAction.CHANGE, family=family, obj=saved)
            messages.success(request, saved_message)
            return redirect(family)
    return render(
        request,
        "families/form.html",
        {"form": form, "family": family, "family_name": family.name, "title": title, "obj": obj},
    )


def _remove_page(request, *, family, obj, title, question, remove, removed_message):
    """GET asks for confirmation; POST removes and logs it (a refusal shows on the page)."""
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form.is_bound and _removed(form, remove):
        request.audit.record(AccessAction.DELETE, family=family, obj=obj)
        messages.success(request, removed_message)
        return redirect(family)
    return render(
        request,
        "families/confirm_remove.html",
        {"family": family, "obj": obj, "title": title, "question": question, "form": form},
    )


def _removed(form, remove):
    call_service(form, remove)
    return not form.errors


# Children --------------------------------------------------------------------


@case_view
@require_http_methods(["GET", "POST"])
def child_add(request, public_id):
    family = get_family_for_user(request, public_id)
    return _form_page(
        request,
        family=family,
        form=ChildForm(request.POST or None),
        title=_("Kind toevoegen"),
        saved_message=_("Het kind is toegevoegd."),
        save=lambda **data: services.child_add(family=family, **data),
    )


@case_view
@require_http_methods(["GET", "POST"])
def child_edit(request, public_id, child_id):
    family = get_family_for_user(request, public_id)
    child = get_scoped_or_404(request, Child.objects.filter(family=family), public_id=child_id)
    return _form_page(
        request,
        family=family,
        form=ChildForm(request.POST or None, instance=child),
        title=_("Kind wijzigen"),
        saved_message=_("De gegevens van het kind zijn opgeslagen."),
        save=lambda **data: services.child_update(child=child, **data),
        obj=child,
    )


@case_view
@require_http_methods(["GET", "POST"])
def child_remove(request, public_id, child_id):
    """A child about whom nothing was recorded can be removed, after a confirmation."""
    family = get_family_for_user(request, public_id)
    child = get_scoped_or_404(request, Child.objects.filter(family=family), public_id=child_id)
    form = forms.Form(request.POST if request.method == "POST" else None)
    if form.is_bound and _removed(form, lambda: services.child_remove(child=child)):
        request.audit.record(AccessAction.DELETE, family=family, obj=child)
        messages.success(request, _("%(name)s is verwijderd.") % {"name": child.first_name})
        return redirect(family)
    blocked = services.child_has_entries(child)
    return render(
        request,
        "families/child_remove.html",
        {"family": family, "child": child, "blocked": blocked, "form": form},
    )


# The informal network ----------------------------------------------------------


@case_view
@require_http_methods(["GET", "POST"])
def network_add(request, public_id):
    family = get_family_for_user(request, public_id)
    return _form_page(
        request,
        family=family,
        form=NetworkMemberForm(request.POST or None),
        title=_("Iemand uit het netwerk toevoegen"),
        saved_message=_("Toegevoegd aan het informele netwerk."),
        save=lambda **data: services.network_member_add(family=family, **data),
    )


def _network_member(request, family, member_id):
    return get_scoped_or_404(
        request, NetworkMember.objects.filter(family=family), public_id=member_id
    )


@case_view
@require_http_methods(["GET", "POST"])
def network_edit(request, public_id, member_id):
    family = get_family_for_user(request, public_id)
    member = _network_member(request, family, member_id)
    return _form_page(
        request,
        family=family,
        form=NetworkMemberForm(request.POST or None, instance=member),
        title=_("Netwerklid wijzigen"),
        saved_message=_("Opgeslagen."),
        save=lambda **data: services.network_member_update(member=member, **data),
        obj=member,
    )


@case_view
@require_http_methods(["GET", "POST"])
def network_remove(request, public_id, member_id):
    family = get_family_for_user(request, public_id)
    member = _network_member(request, family, member_id)
    return _remove_page(
        request,
        family=family,
        obj=member,
        title=_("Netwerklid verwijderen"),
        question=_("Wil je %(name)s uit het informele netwerk van dit gezin verwijderen?")
        % {"name": member.name},
        remove=lambda: services.network_member_remove(member=member),
        removed_message=_("Verwijderd uit het informele netwerk."),
    )


# Chain partners ----------------------------------------------------------------


@case_view
@require_http_methods(["GET", "POST"])
def partner_add(request, public_id):
    family = get_family_for_user(request, public_id)
    return _form_page(
        request,
        family=family,
        form=ChainPartnerForm(request.POST or None),
        title=_("Ketenpartner toevoegen"),
        saved_message=_("De ketenpartner is toegevoegd."),
        save=lambda **data: services.chain_partner_add(family=family, **data),
    )


def _partner(request, family, partner_id):
    return get_scoped_or_404(
        request, ChainPartner.objects.filter(family=family), public_id=partner_id
    )


@case_view
@require_http_methods(["GET", "POST"])
def partner_edit(request, public_id, partner_id):
    family = get_family_for_user(request, public_id)
    partner = _partner(request, family, partner_id)
    return _form_page(
        request,
        family=family,
        form=ChainPartnerForm(request.POST or None, instance=partner),
        title=_("Ketenpartner wijzigen"),
        saved_message=_("Opgeslagen."),
        save=lambda **data: services.chain_partner_update(partner=partner, **data),
        obj=partner,
    )


@case_view
@require_http_methods(["GET", "POST"])
def partner_remove(request, public_id, partner_id):
    family = get_family_for_user(request, public_id)
    partner = _partner(request, family, partner_id)
    return _remove_page(
        request,
        family=family,
        obj=partner,
        title=_("Ketenpartner verwijderen"),
        question=_("Wil je %(name)s als ketenpartner van dit gezin verwijderen?")
        % {"name": partner.organisation_name},
        remove=lambda: services.chain_partner_remove(partner=partner),
        removed_message=_("De ketenpartner is verwijderd."),
    )
