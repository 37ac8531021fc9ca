import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation
from organisations.shape import ShapedModel, max_length


class Domain(models.TextChoices):
    CHILD = "child", _("kind")
    PARENT = "parent", _("ouder")
    FAMILY = "family", _("gezin")
    ENVIRONMENT = "environment", _("omgeving")


class Kind(models.TextChoices):
    SIGNAL = "signal", _("signaal bij het kind")
    RISK = "risk", _("risicofactor")
    PROTECTIVE = "protective", _("beschermende factor")


RISK_KINDS = (Kind.SIGNAL, Kind.RISK)

SYNONYMS_CONTROL = _(
    "Typ de zoekwoorden op één regel, gescheiden door komma's: zonder tabs, enters of "
    "andere onzichtbare tekens."
)


def one_line(value):
    """Synonyms are a single line of words: no tab, newline or other control character."""
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValidationError(SYNONYMS_CONTROL, code="control_characters")


LASTING_ONLY_RISK = _(
    "Alleen een risicofactor kan blijvend zijn: een omstandigheid, geen signaal bij het kind "
    "en geen beschermende factor."
)


class LifeArea(models.TextChoices):
    """The five life areas of the Verwijsindex."""

    MATERIAL = "material", _("materiële omstandigheden")
    HEALTH = "health", _("gezondheid")
    UPBRINGING = "upbringing", _("opvoeding en gezinsrelaties")
    EDUCATION = "education", _("onderwijs en werk")
    SOCIAL = "social", _("sociale omgeving")


class AgeGroup(models.TextChoices):
    TODDLER = "0-4", _("0–4 jaar")
    CHILD = "4-12", _("4–12 jaar")
    TEEN = "12-18", _("12–18 jaar")


class SignalCategoryQuerySet(models.QuerySet):
    def available_to(self, organisation):
        """Shipped categories the organisation did not switch off, plus its own."""
        return self.filter(
            Q(organisation__isnull=True) | Q(organisation=organisation), is_active=True
        ).exclude(disabled_by=organisation)

    def for_age_group(self, group):
        field = {"0-4": "for_age_0_4", "4-12": "for_age_4_12", "12-18": "for_age_12_18"}[group]
        return self.filter(**{field: True})


class SignalCategory(ShapedModel, models.Model):
    """One entry of the catalogue: a signal, a risk factor or a protective factor."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    weight = models.PositiveSmallIntegerField(_("gewicht"), default=1)
    # A circumstance rather than an event (a parent's intellectual disability, addiction,
    # debts): its observations count in full until a correction ends them (design.md,
    # "Lasting risk factors"). Only risk factors can be lasting.
    lasting = models.BooleanField(
        _("blijvend"),
        default=False,
        help_text=_(
            "Een omstandigheid, geen gebeurtenis: telt volledig mee tot een correctie "
            "vastlegt dat het voorbij is."
        ),
    )
    life_area = models.CharField(
        _("levensgebied"), max_length=20, choices=LifeArea.choices, blank=True
    )
    for_age_0_4 = models.BooleanField(_("0–4 jaar"), default=True)
    for_age_4_12 = models.BooleanField(_("4–12 jaar"), default=True)
    for_age_12_18 = models.BooleanField(_("12–18 jaar"), default=True)
    explanation = models.TextField(_("waarom dit ertoe doet"), blank=True)
    explanation_en = models.TextField(_("waarom dit ertoe doet (Engels)"), blank=True)
    ask = models.TextField(_("wat je kunt vragen"), blank=True)
    # Everyday words a professional types for this category ("trek", "blauw"): the
    # type-ahead and the catalogue search look in them, besides name and explanation.
    synonyms = models.CharField(
        _("zoekwoorden"),
        max_length=200,
        blank=True,
        help_text=_(
            "Woorden die iemand typt om deze categorie te vinden, gescheiden door komma's. "
            "Bijvoorbeeld: geen ontbijt, trek, eten"
        ),
    )
    synonyms_en = models.CharField(_("zoekwoorden (Engels)"), max_length=200, blank=True)
    ask_en = models.TextField(_("wat je kunt vragen (Engels)"), blank=True)
    # Null for the shipped catalogue; set for an organisation's own categories.
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_categories",
    )
    is_active = models.BooleanField(_("actief"), default=True)
    disabled_by = models.ManyToManyField(
        Organisation, blank=True, related_name="disabled_categories"
    )

    objects = SignalCategoryQuerySet.as_manager()

    field_checks = {
        "explanation": (max_length(2000),),
        "ask": (max_length(1000),),
        "synonyms": (one_line,),
        "synonyms_en": (one_line,),
    }
    field_messages = {"kind": dict.fromkeys(("required", "invalid_choice"), _("Kies een soort."))}

    class Meta:
        verbose_name = _("signaalcategorie")
        verbose_name_plural = _("signaalcatalogus")
        ordering = ["domain", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                name="category_weight_1_3", condition=Q(weight__gte=1, weight__lte=3)
            ),
            models.CheckConstraint(
                name="category_kind_valid", condition=Q(kind__in=[k.value for k in Kind])
            ),
            models.CheckConstraint(
                name="category_domain_valid", condition=Q(domain__in=[d.value for d in Domain])
            ),
            models.CheckConstraint(
                name="category_lasting_is_risk", condition=Q(lasting=False) | Q(kind=Kind.RISK)
            ),
        ]

    def __str__(self):
        return self.display_name

    def clean(self):
        errors = {}
        if not (self.for_age_0_4 or self.for_age_4_12 or self.for_age_12_18):
            errors["for_age_0_4"] = _("Kies minstens één leeftijdsgroep.")
        if self.lasting and self.kind != Kind.RISK:
            errors["lasting"] = LASTING_ONLY_RISK
        if errors:
            raise ValidationError(errors)

    def _localised(self, field):
        value = getattr(self, field)
        if (get_language() or "nl").startswith("en"):
            return getattr(self, f"{field}_en") or value
        return value

    @property
    def display_name(self):
        return self._localised("name")

    @property
    def display_explanation(self):
        return self._localised("explanation")

    @property
    def display_ask(self):
        return self._localised("ask")

    @property
    def display_synonyms(self):
        return self._localised("synonyms")

    @property
    def weight_words(self):
        """The weight as a person says it; a protective factor is never counted."""
        if not self.counts_as_risk:
            return _("telt niet mee in de score")
        return {1: _("telt gewoon mee"), 2: _("telt dubbel mee"), 3: _("telt driedubbel mee")}.get(
            self.weight, _("telt %(n)s keer mee") % {"n": self.weight}
        )

    @property
    def counts_as_risk(self):
        return self.kind in RISK_KINDS

    @property
    def age_groups(self):
        return [
            g
            for g, on in (
                (AgeGroup.TODDLER, self.for_age_0_4),
                (AgeGroup.CHILD, self.for_age_4_12),
                (AgeGroup.TEEN, self.for_age_12_18),
            )
            if on
        ]
