import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from families.models import Child, Family
from organisations.models import Organisation


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


class SignalCategory(models.Model):
    """One entry of the catalogue: a signal, a risk factor or a protective factor."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=120)
    name_en = models.CharField(_("naam (Engels)"), max_length=120, blank=True)
    domain = models.CharField(_("domein"), max_length=20, choices=Domain.choices)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    weight = models.PositiveSmallIntegerField(_("gewicht"), default=1)
    life_area = models.CharField(
        _("levensgebied"), max_length=20, choices=LifeArea.choices, blank=True
    )
    for_age_0_4 = models.BooleanField(_("0–4 jaar"), default=True)
    for_age_4_12 = models.BooleanField(_("4–12 jaar"), default=True)
    for_age_12_18 = models.BooleanField(_("12–18 jaar"), default=True)
    explanation = models.TextField(_("waarom dit ertoe doet"), blank=True)
    explanation_en = models.TextField(_("waarom dit ertoe doet (Engels)"), blank=True)
    ask = models.TextField(_("wat je kunt vragen"), blank=True)
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
        ]

    def __str__(self):
        return self.display_name

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


class Severity(models.IntegerChoices):
    LIGHT = 1, _("lichte zorg")
    CONCERN = 2, _("zorg")
    SERIOUS = 3, _("ernstige zorg")


class ParentsDiscussed(models.TextChoices):
    YES = "yes", _("ja, besproken met ouders")
    NOT_YET = "not_yet", _("nog niet besproken")
    NOT_SAFE = "not_safe", _("niet besproken: niet veilig voor kind of melder")


class ObservationQuerySet(models.QuerySet):
    def for_family(self, family):
        return self.filter(family=family)

    def latest_versions(self):
        """Only the newest version of each observation (amendments replace, never delete)."""
        newer = Observation.objects.filter(
            chain=models.OuterRef("chain"), pk__gt=models.OuterRef("pk")
        )
        return self.exclude(models.Exists(newer))

    def risks(self):
        return self.filter(category__kind__in=RISK_KINDS)

    def protective(self):
        return self.filter(category__kind=Kind.PROTECTIVE)


class _JoinOnly:
    """`observation.newer_version` reads as None: the relation exists for joins only."""

    def __init__(self, field):
        self.field = field

    def __get__(self, instance, owner=None):
        return self if instance is None else None

    def __set__(self, instance, value):
        pass


class NewerVersion(models.ForeignObject):
    """Historical: migrations 0005 and 0007 name this field class, so it stays importable.

    It was a column-less join to a newer version of the same chain, with which
    `assess_families` found latest versions until `LatestObservation` (migration 0008)
    replaced it; no model uses it any more.
    """

    requires_unique_target = False
    forward_related_accessor_class = _JoinOnly

    def get_extra_restriction(self, alias, related_alias):
        from django.db.models.lookups import GreaterThan, IsNull
        from django.db.models.sql.where import AND, WhereNode

        model = self.related_model
        pk = model._meta.pk
        amends = model._meta.get_field("amends")
        return WhereNode(
            [
                GreaterThan(pk.get_col(alias), pk.get_col(related_alias)),
                IsNull(amends.get_col(alias), False),
            ],
            connector=AND,
        )


class Observation(models.Model):
    """Something a professional noticed. Never edited, never deleted through the app.

    A correction is a new row in the same chain (`chain` is the public id of the
    first version) that names the version it amends; the newest row of a chain
    is what counts.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    chain = models.UUIDField(db_index=True, editable=False)
    # RESTRICT, not PROTECT: the retention purge may delete a whole family's chain at once.
    amends = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.RESTRICT, related_name="amendments"
    )
    amend_reason = models.TextField(_("reden van correctie"), blank=True)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="observations")
    child = models.ForeignKey(
        Child,
        verbose_name=_("kind"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="observations",
    )
    category = models.ForeignKey(
        SignalCategory,
        verbose_name=_("categorie"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    severity = models.PositiveSmallIntegerField(_("ernst"), choices=Severity.choices)
    observed_on = models.DateField(_("waargenomen op"))
    description = models.TextField(_("wat heb je gezien of gehoord?"), max_length=5000)
    acute = models.BooleanField(_("acuut gevaar"), default=False)
    parents_discussed = models.CharField(
        _("besproken met ouders"),
        max_length=20,
        choices=ParentsDiscussed.choices,
        default=ParentsDiscussed.NOT_YET,
    )
    parents_response = models.TextField(_("reactie van de ouders"), blank=True, max_length=2000)
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="observations",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observatie")
        verbose_name_plural = _("observaties")
        ordering = ["-observed_on", "-created_at"]
        indexes = [
            # A family's observations in a period (the explanation, the trend).
            models.Index(fields=["family", "observed_on"], name="obs_family_observed"),
        ]
        constraints = [
            models.CheckConstraint(
                name="obs_severity_1_3", condition=Q(severity__gte=1, severity__lte=3)
            ),
            models.CheckConstraint(
                name="obs_parents_discussed_valid",
                condition=Q(parents_discussed__in=[p.value for p in ParentsDiscussed]),
            ),
        ]

    def __str__(self):
        return f"{self.category} ({self.observed_on})"

    def get_absolute_url(self):
        return reverse("signals:observation_history", kwargs={"public_id": self.public_id})

    @property
    def is_amendment(self):
        return self.amends_id is not None


class LatestObservation(models.Model):
    """The latest version of each observation chain, with what the dashboard and the
    organisation overview read.

    A projection of `Observation`, kept by the database itself: a trigger on every insert of
    an observation writes the row of its chain (only a newer version replaces it), and a
    trigger on categories follows a change of weight or kind (migration 0008). Nothing in
    the app writes here. On SQLite, a migration that rebuilds the observation or category
    table drops the triggers with the old table and must create them again (a test says so).
    `assess_families` aggregates these rows alone, without joining categories or looking
    for newer versions, so the dashboard scores 10,000 families in one pass over an index;
    `assess_family` reads the observations themselves, and the property tests hold the two
    equal.
    """

    chain = models.UUIDField(primary_key=True, editable=False)
    observation = models.OneToOneField(
        Observation, on_delete=models.CASCADE, related_name="+", editable=False
    )
    # Indexed by latest_obs_family_risk, which starts with the family.
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="latest_observations", db_index=False
    )
    category = models.ForeignKey(SignalCategory, on_delete=models.PROTECT, related_name="+")
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    risk = models.BooleanField()  # the category's kind counts as risk (RISK_KINDS)
    severity = models.PositiveSmallIntegerField()
    weight = models.PositiveSmallIntegerField()  # the category's weight
    observed_on = models.DateField()
    acute = models.BooleanField()
    parents_discussed = models.CharField(max_length=20)  # for the organisation overview
    created_at = models.DateTimeField()  # when this version was logged

    class Meta:
        verbose_name = _("laatste versie van een observatie")
        verbose_name_plural = _("laatste versies van observaties")
        indexes = [
            # assess_families and the dashboard's trend read only this index, in family order
            # (every column they need is a key column: SQLite has no INCLUDE, and covers a
            # query only when the column of the index's condition is in the index too).
            models.Index(
                fields=[
                    *("family", "observed_on", "category", "severity", "weight", "acute"),
                    *("created_at", "observer", "risk"),
                ],
                condition=Q(risk=True),
                name="latest_obs_family_risk",
            ),
        ]

    def __str__(self):
        return f"{self.chain} → {self.observation_id}"


class NoteKind(models.TextChoices):
    QUESTION = "question", _("vraag aan collega's")
    RECOGNITION = "recognition", _("ik herken dit")
    DIFFERENT_VIEW = "different_view", _("ik zie het anders")
    ADVICE = "advice", _("advies")
    GOING_WELL = "going_well", _("wat goed gaat")


class ColleagueNote(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="notes")
    observation = models.ForeignKey(
        Observation, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=NoteKind.choices)
    text = models.TextField(_("tekst"), max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="colleague_notes"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("collegiale notitie")
        verbose_name_plural = _("collegiale notities")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="note_kind_valid", condition=Q(kind__in=[k.value for k in NoteKind])
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class LookRequestQuerySet(models.QuerySet):
    def open_for(self, user, organisation):
        return self.filter(
            requested_from=user, family__organisation=organisation, answered_at__isnull=True
        )


class LookRequest(models.Model):
    """ "Kijk je mee?": a professional asks a named colleague or the lead to look."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="look_requests")
    observation = models.ForeignKey(
        Observation, null=True, blank=True, on_delete=models.CASCADE, related_name="look_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="look_requests_sent"
    )
    requested_from = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="look_requests_received"
    )
    message = models.TextField(_("vraag"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.ForeignKey(
        ColleagueNote, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = LookRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("verzoek om mee te kijken")
        verbose_name_plural = _("verzoeken om mee te kijken")
        ordering = ["-created_at"]
        indexes = [
            # The "Voor mij" count in the navigation, on every page.
            models.Index(fields=["requested_from", "answered_at"], name="lookreq_inbox"),
        ]

    def __str__(self):
        return f"{self.requested_by} → {self.requested_from}"


class Decision(models.TextChoices):
    MONITOR = "monitor", _("blijven volgen")
    TALK_PARENTS = "talk_parents", _("gesprek met ouders")
    CONSULT_COLLEAGUE = "consult_colleague", _("collegiale consultatie")
    ADVICE_VT = "advice_vt", _("advies vragen bij Veilig Thuis")
    REPORT_VT = "report_vt", _("melden bij Veilig Thuis")
    HELP_ARRANGED = "help_arranged", _("hulp georganiseerd")
    CLOSED = "closed", _("afgesloten")


class Review(models.Model):
    """The lead's weighing of a family's file, with the decision and its reasons."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="reviews")
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    decision = models.CharField(_("besluit"), max_length=30, choices=Decision.choices)
    rationale = models.TextField(_("onderbouwing"), max_length=5000)
    next_review_on = models.DateField(_("volgende beoordeling op"), null=True, blank=True)
    # The afwegingskader's five questions; null where the walk stopped or was skipped.
    q1_suspicion = models.BooleanField(
        _("1. Vermoeden van huiselijk geweld of kindermishandeling?"), null=True, blank=True
    )
    q1_reason = models.TextField(blank=True, max_length=2000)
    q2_unsafety = models.BooleanField(
        _("2. Acute en/of structurele onveiligheid?"), null=True, blank=True
    )
    q2_reason = models.TextField(blank=True, max_length=2000)
    q3_can_help = models.BooleanField(
        _("3. Kan ik voldoende hulp bieden of organiseren?"), null=True, blank=True
    )
    q3_reason = models.TextField(blank=True, max_length=2000)
    q4_accepted = models.BooleanField(
        _("4. Aanvaarden de betrokkenen de hulp?"), null=True, blank=True
    )
    q4_reason = models.TextField(blank=True, max_length=2000)
    q5_effective = models.BooleanField(
        _("5. Leidt de hulp tot de nodige veiligheid?"), null=True, blank=True
    )
    q5_reason = models.TextField(blank=True, max_length=2000)
    # The family's assessment as this review left it (the acute flag it clears not counted):
    # the dashboard's "new since last review" compares the current status with it.
    status_at_review = models.CharField(_("status bij beoordeling"), max_length=20, blank=True)
    score_at_review = models.DecimalField(
        _("score bij beoordeling"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["family", "created_at"], name="review_family_created")]
        constraints = [
            models.CheckConstraint(
                name="review_decision_valid", condition=Q(decision__in=[d.value for d in Decision])
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} ({self.created_at:%Y-%m-%d})"
