from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from signals.catalogue.models import Kind, SignalCategory
from signals.validation import check_text


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
) -> SignalCategory:
    """A lead adds a category of the organisation's own to the catalogue."""
    errors = {}
    name = check_text(name, field="name", errors=errors, required=True, max_length=120)
    explanation = check_text(explanation, field="explanation", errors=errors, max_length=2000)
    ask = check_text(ask, field="ask", errors=errors, max_length=1000)
    if kind not in Kind.values:
        errors["kind"] = _("Kies een soort.")
    if not (for_age_0_4 or for_age_4_12 or for_age_12_18):
        errors["for_age_0_4"] = _("Kies minstens één leeftijdsgroep.")
    if errors:
        raise ValidationError(errors)
    category = SignalCategory(
        code=_unique_code(name),
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
        organisation=organisation,
    )
    category.full_clean()
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
