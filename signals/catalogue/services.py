from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from signals.catalogue.models import SignalCategory


def _unique_code(name):
    base = slugify(name)[:50].strip("-") or "categorie"
    code, n = base, 1
    while SignalCategory.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@transaction.atomic
def category_create(
    *,
    organisation,
    name,
    domain,
    kind,
    weight,
    for_age_0_4=True,
    for_age_4_12=True,
    for_age_12_18=True,
    explanation="",
    ask="",
    life_area="",
    lasting=False,
    synonyms="",
) -> SignalCategory:
    """A lead adds a category of the organisation's own to the catalogue."""
    category = SignalCategory(
        code=_unique_code(name or ""),
        name=name,
        domain=domain,
        kind=kind,
        weight=weight,
        life_area=life_area or "",
        for_age_0_4=bool(for_age_0_4),
        for_age_4_12=bool(for_age_4_12),
        for_age_12_18=bool(for_age_12_18),
        explanation=explanation,
        ask=ask,
        lasting=bool(lasting),
        synonyms=synonyms or "",
        organisation=organisation,
    )
    category.full_clean()  # every rule of a category is its own shape
    category.save()
    return category


def _refuse_switching_off_the_last_of_its_kind(organisation, category):
    """A catalogue with no category of a kind left leaves the observation form without a
    choice (no protective factor to log, say): the last active one of a kind stays on.

    The organisation's row is locked first, so that two leads switching off the last two
    at the same moment cannot both pass the check."""
    type(organisation).objects.select_for_update().filter(pk=organisation.pk).exists()
    available = SignalCategory.objects.available_to(organisation).filter(kind=category.kind)
    if not available.filter(pk=category.pk).exists():
        return  # already off: nothing changes
    if not available.exclude(pk=category.pk).exists():
        raise ValidationError(
            _(
                "%(name)s is de laatste categorie van de soort “%(kind)s” die aan staat. "
                "Zet eerst een andere van die soort aan of voeg er een toe: anders valt er "
                "bij het vastleggen niets te kiezen."
            )
            % {"name": category.display_name, "kind": category.get_kind_display()},
            code="last_of_kind",
        )


@transaction.atomic
def category_set_disabled(*, organisation, category, disabled) -> SignalCategory:
    """Switch a shipped category off (or on again) for one organisation."""
    if category.organisation_id is not None:
        raise ValidationError(_("Alleen categorieën uit de standaardlijst worden zo uitgezet."))
    if disabled:
        _refuse_switching_off_the_last_of_its_kind(organisation, category)
        category.disabled_by.add(organisation)
    else:
        category.disabled_by.remove(organisation)
    return category


@transaction.atomic
def category_set_active(*, organisation, category, active) -> SignalCategory:
    """Switch an organisation's own category off or on; its observations stay."""
    if category.organisation_id != organisation.pk:
        raise ValidationError(_("Dit is geen eigen categorie van jouw organisatie."))
    if not active:
        _refuse_switching_off_the_last_of_its_kind(organisation, category)
    category.is_active = bool(active)
    category.save(update_fields=["is_active"])
    return category


def category_set_lasting(*, organisation, category, lasting) -> SignalCategory:
    """Make an own risk factor lasting or not; its observations count by the new rule at once.

    The shipped catalogue's circumstances are set by the project for every organisation
    alike (like their weights): one organisation does not change another's scores.
    """
    if category.organisation_id != organisation.pk:
        raise ValidationError(
            _(
                "Of een categorie uit de standaardlijst blijvend is, geldt voor alle "
                "organisaties en staat vast; dat kun je alleen bij een eigen categorie kiezen."
            )
        )
    category.lasting = bool(lasting)
    category.full_clean()
    category.save(update_fields=["lasting"])
    return category


def category_set_synonyms(*, organisation, category, synonyms) -> SignalCategory:
    """Change the search words of an own category; the type-ahead finds it by them at once.

    The shipped catalogue's synonyms are the project's, alike for every organisation.
    """
    if category.organisation_id != organisation.pk:
        raise ValidationError(
            _(
                "De zoekwoorden van een categorie uit de standaardlijst gelden voor alle "
                "organisaties en staan vast; je kunt ze alleen bij een eigen categorie kiezen."
            )
        )
    category.synonyms = synonyms or ""
    category.full_clean()
    category.save(update_fields=["synonyms"])
    return category
