from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from families.scoping import get_family_to_find, reads_file_now
from organisations.formtools import add_service_errors
from organisations.models import AccessAction
from organisations.scoping import case_view, get_scoped_or_404
from signals.catalogue import selectors as catalogue_selectors
from signals.observations import selectors, services
from signals.observations.forms import AmendForm, ObservationForm
from signals.observations.models import Observation


def acute_guidance():
    return _(
        "Acuut signaal opgeslagen. Is het kind nu in direct gevaar? Bel 112. "
        "Bel voor advies of een melding Veilig Thuis: 0800-2000 (dag en nacht). "
        "Informeer ook zelf meteen de aandachtsfunctionaris (die krijgt een e-mail)."
    )


def _form_page(request, form, *, family, categories, families=None, template, extra=None):
    context = {
        "form": form,
        "family": family,
        "category_help": catalogue_selectors.category_help(categories),
        "family_children": selectors.family_children_map(families) if families else None,
        **(extra or {}),
    }
    return render(request, template, context)


@case_view
@require_http_methods(["GET", "POST"])
def observation_create(request, family_id=None):
    organisation = request.organisation
    # Logging stays open to every professional of the organisation (need-to-know: they find
    # every family, name and group); the file itself only opens for those who read it.
    family = get_family_to_find(request, family_id) if family_id else None
    families = None if family else selectors.families_for_picker(organisation)
    categories = catalogue_selectors.available_categories(organisation)
    form = ObservationForm(
        request.POST or None,
        categories=categories,
        family=family,
        families=families,
        sharing=services.offers_sharing(organisation.pk),
    )
    if request.method == "POST" and form.is_valid():
        target = family or form.cleaned_data["family"]
        try:
            observation = services.observation_record(
                family=target, observer=request.user, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.audit.record(AccessAction.CREATE, family=target, obj=observation)
            if observation.acute:
                messages.error(request, acute_guidance())
            else:
                messages.success(request, _("Het signaal is vastgelegd. Dank je wel."))
            if reads_file_now(request, target):
                return redirect(target.get_absolute_url())
            messages.info(
                request,
                _(
                    "Het dossier van dit gezin is voor het team; je ziet je eigen signalen hier "
                    "terug. Heb je het dossier nodig? Vraag toegang bij Gezinnen."
                ),
            )
            return redirect("signals:my_signals")
    return _form_page(
        request,
        form,
        family=family,
        categories=categories,
        families=families,
        template="signals/observation_form.html",
        extra={"reads_file": family is not None and family.reads_file},
    )


@case_view
@require_http_methods(["GET"])
def observation_history(request, public_id):
    observation = get_scoped_or_404(
        request, Observation.objects.select_related("family"), public_id=public_id
    )
    versions = selectors.observation_history(observation)
    request.audit.record(AccessAction.VIEW, family=observation.family, obj=observation)
    return render(
        request,
        "signals/observation_history.html",
        {
            "family": observation.family,
            "versions": versions,
            "latest": versions[-1],
            # Every view the parents gave on it, newest first: they stay beside it.
            "parents_views": selectors.parents_views_of_chain(observation.chain),
            # The author reads their own observation also outside the family's team.
            "reads_file": reads_file_now(request, observation.family),
        },
    )


@case_view
@require_http_methods(["GET", "POST"])
def observation_amend(request, public_id):
    original = get_scoped_or_404(
        request, Observation.objects.select_related("family"), public_id=public_id
    )
    family = original.family
    latest = selectors.latest_version(original)
    categories = catalogue_selectors.available_categories(request.organisation)
    if latest.category not in categories:
        # A category switched off since stays choosable for this observation alone.
        categories = [*categories, latest.category]
    initial = {
        "child": str(latest.child.public_id) if latest.child else "",
        "category": latest.category.code,
        "severity": latest.severity,
        "observed_on": latest.observed_on,
        "description": latest.description,
        "acute": latest.acute,
        "parents_discussed": latest.parents_discussed,
        "parents_response": latest.parents_response,
        "confidential": latest.confidential,
        "shared_with_partners": latest.shared_with_partners,
        "ended_on": latest.ended_on,
    }
    form = AmendForm(
        request.POST or None,
        initial=initial,
        categories=categories,
        family=family,
        lasting=latest.category.lasting,
        sharing=services.offers_sharing(family.organisation_id),
    )
    if request.method == "POST" and form.is_valid():
        changes = {
            name: value
            for name, value in form.service_kwargs().items()
            if value != getattr(latest, name)
        }
        try:
            amendment = services.observation_amend(
                original=original,
                observer=request.user,
                reason=form.cleaned_data["reason"],
                **changes,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.audit.record(AccessAction.AMEND, family=family, obj=amendment)
            if amendment.acute:
                messages.error(request, acute_guidance())
            messages.success(
                request, _("De correctie is vastgelegd; het origineel blijft bewaard.")
            )
            return redirect(amendment.get_absolute_url())
    return _form_page(
        request,
        form,
        family=family,
        categories=categories,
        template="signals/observation_amend.html",
        extra={
            "original": original,
            "latest": latest,
            "reads_file": reads_file_now(request, family),
        },
    )
