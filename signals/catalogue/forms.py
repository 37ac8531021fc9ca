from django import forms
from django.utils.translation import gettext_lazy as _

from signals.catalogue.models import AgeGroup, Domain, Kind, LifeArea
from signals.fields import EMPTY_CHOICE, TEXT_ERRORS, text_field

SYNONYMS_HELP = _(
    "Gewone woorden die collega's typen om deze categorie te vinden, gescheiden door "
    "komma's. Bijvoorbeeld: geen ontbijt, trek, eten"
)


def synonyms_field():
    """The everyday words a category is also found by (one line, as the model checks)."""
    return forms.CharField(
        label=_("Zoekwoorden"),
        max_length=200,
        required=False,
        help_text=SYNONYMS_HELP,
        error_messages=TEXT_ERRORS,
    )


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120, error_messages=TEXT_ERRORS)
    domain = forms.ChoiceField(label=_("Domein"), choices=Domain.choices)
    kind = forms.ChoiceField(label=_("Soort"), choices=Kind.choices)
    weight = forms.TypedChoiceField(
        label=_("Hoe zwaar telt deze soort?"),
        coerce=int,
        choices=[(1, _("1 · gewoon")), (2, _("2 · dubbel")), (3, _("3 · driedubbel"))],
        initial=1,
        help_text=_("Hoe zwaar deze categorie telt in de score (1–3)."),
    )
    lasting = forms.BooleanField(
        label=_("Blijvend (een omstandigheid, geen gebeurtenis)"),
        required=False,
        help_text=_(
            "Alleen voor een risicofactor, zoals een verstandelijke beperking of schulden: "
            "telt volledig mee tot een correctie vastlegt dat het voorbij is."
        ),
    )
    life_area = forms.ChoiceField(
        label=_("Levensgebied"), choices=[EMPTY_CHOICE, *LifeArea.choices], required=False
    )
    for_age_0_4 = forms.BooleanField(label=AgeGroup.TODDLER.label, required=False, initial=True)
    for_age_4_12 = forms.BooleanField(label=AgeGroup.CHILD.label, required=False, initial=True)
    for_age_12_18 = forms.BooleanField(label=AgeGroup.TEEN.label, required=False, initial=True)
    explanation = text_field(_("Waarom dit ertoe doet"), max_length=2000, required=False)
    ask = text_field(_("Wat je kunt vragen"), max_length=1000, required=False, rows=2)
    synonyms = synonyms_field()


class SynonymsForm(forms.Form):
    """The synonyms of one of the organisation's own categories, changed in its row."""

    synonyms = synonyms_field()


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld: honger, schulden, opa"),
    )
    age = forms.ChoiceField(
        label=_("Leeftijd"), choices=[("", _("alle leeftijden")), *AgeGroup.choices], required=False
    )
    domain = forms.ChoiceField(
        label=_("Domein"), choices=[("", _("alle domeinen")), *Domain.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("alle soorten")), *Kind.choices], required=False
    )
