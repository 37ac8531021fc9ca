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
        organisation=organisation,
    )
    category.full_clean()  # every rule of a category is its own shape
    category.save()
    return category


def category_set_disabled(*, organisation, category, disabled) -> SignalCategory:
    """Switch a shipped category off (or on again) for one organisation."""
    if category.organisation_id is not None:
        raise ValidationError(_("Alleen categorieën uit de standaardlijst worden zo uitgezet."))
    if disabled:
        category.disabled_by.add(organisation)
    else:
        category.disabled_by.remove(organisation)
    return category


def category_set_active(*, organisation, category, active) -> SignalCategory:
    """Switch an organisation's own category off or on; its observations stay."""
    if category.organisation_id != organisation.pk:
        raise ValidationError(_("Dit is geen eigen categorie van jouw organisatie."))
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
