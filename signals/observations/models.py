import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from families.models import Child, Family
from organisations.shape import ShapedModel, max_length, not_in_future
from signals.catalogue.models import RISK_KINDS, Kind, SignalCategory


class Severity(models.IntegerChoices):
    LIGHT = 1, _("lichte zorg")
    CONCERN = 2, _("zorg")
    SERIOUS = 3, _("ernstige zorg")


# A protective factor's severity field holds its strength: same 1-3, its own words.
STRENGTH_LABELS = {1: _("een beetje"), 2: _("duidelijk"), 3: _("sterk")}


class ParentsDiscussed(models.TextChoices):
    YES = "yes", _("ja, besproken met ouders")
    NOT_YET = "not_yet", _("nog niet besproken")
    NOT_SAFE = "not_safe", _("niet besproken: niet veilig voor kind of melder")


class ObservationQuerySet(models.QuerySet):
    def for_family(self, family):
        return self.filter(family=family)

    def latest_versions(self):
        """Only the latest version of each chain: the one its `LatestObservation` row names.

        The one definition of "the latest version" (amendments replace, never delete); the
        database keeps it (signals/observations/triggers.py).
        """
        return self.filter(latest_of_chain__isnull=False)

    def risks(self):
        return self.filter(category__kind__in=RISK_KINDS)

    def protective(self):
        return self.filter(category__kind=Kind.PROTECTIVE)

    def readable_by(self, user):
        """Without the confidential chains that `user` did not write (a chain is confidential
        once any version is; whoever wrote a version of it reads it). Leads read them all:
        the scoping helper does not apply this to them (organisations.scoping)."""
        return self.filter(chain_readable_by(user))


def chain_readable_by(user, chain="chain"):
    """The condition that the observation chain in the field `chain` (of the row filtered) is
    read by `user`: not confidential, or a version of it is theirs. Correlated on the chain
    (its index): it reads the chain's own few versions. As `chain IN (every confidential
    chain)` it read the whole table, every organisation's observations, for each page a
    professional opened: about a second a page on a region's database (issue 18)."""
    versions = Observation.objects.filter(chain=OuterRef(chain))
    return ~Exists(versions.filter(confidential=True)) | Exists(versions.filter(observer=user))


class Observation(ShapedModel, models.Model):
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
    # A lasting risk factor (its category's `lasting`) counts in full until this day; set by a
    # correction ("niet meer van toepassing sinds"), never before `observed_on`.
    ended_on = models.DateField(_("niet meer van toepassing sinds"), null=True, blank=True)
    parents_discussed = models.CharField(
        _("besproken met ouders"),
        max_length=20,
        choices=ParentsDiscussed.choices,
        default=ParentsDiscussed.NOT_YET,
    )
    parents_response = models.TextField(_("reactie van de ouders"), blank=True, max_length=2000)
    # Need-to-know: a child's disclosure, a report to Veilig Thuis. Only the author and the
    # leads read it; the team sees that it exists. A chain is confidential once any of its
    # versions is (a correction may mark it, never unmark it). The score still counts it.
    confidential = models.BooleanField(_("vertrouwelijk"), default=False)
    # "Delen met ketenpartners": the author lets another organisation of the region read this
    # entry, once the parents consented on both sides of a match to "ook zorgen per domein"
    # (collaboration.selectors). Never together with `confidential`.
    shared_with_partners = models.BooleanField(_("delen met ketenpartners"), default=False)
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="observations",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ObservationQuerySet.as_manager()

    # The shape of one version; what spans objects (category, child, observer) is the service's.
    field_checks = {
        "observed_on": (not_in_future(_("De datum kan niet in de toekomst liggen.")),),
        "ended_on": (not_in_future(_("De datum kan niet in de toekomst liggen.")),),
        "amend_reason": (max_length(2000),),
    }
    field_messages = {
        "category": {"required": _("Kies een categorie uit de signalenlijst.")},
        "severity": dict.fromkeys(
            ("required", "invalid", "invalid_choice"),
            _("Kies de ernst: 1 (lichte zorg), 2 (zorg) of 3 (ernstige zorg)."),
        ),
        "observed_on": dict.fromkeys(
            ("required", "invalid", "invalid_date"), _("Vul een geldige datum in.")
        ),
        "parents_discussed": dict.fromkeys(
            ("required", "invalid_choice"), _("Kies of het met de ouders besproken is.")
        ),
        "ended_on": dict.fromkeys(("invalid", "invalid_date"), _("Vul een geldige datum in.")),
    }

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
            models.CheckConstraint(
                name="obs_shared_not_confidential",
                condition=~Q(confidential=True, shared_with_partners=True),
            ),
            models.CheckConstraint(
                name="obs_ended_after_observed",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("observed_on")),
            ),
        ]

    def __str__(self):
        return f"{self.category} ({self.observed_on})"

    def get_absolute_url(self):
        return reverse("signals:observation_history", kwargs={"public_id": self.public_id})

    @property
    def is_protective(self):
        return not self.category.counts_as_risk

    @property
    def severity_words(self):
        """ "zorg" for a risk, "sterkte: duidelijk" for a protective factor."""
        if self.is_protective:
            return _("sterkte: %(s)s") % {"s": STRENGTH_LABELS.get(self.severity, self.severity)}
        return self.get_severity_display()

    def clean(self):
        errors = {}
        if self.amends_id is not None and not self.amend_reason:
            errors["amend_reason"] = _("Schrijf waarom je dit corrigeert.")
        if self.confidential and self.shared_with_partners:
            errors["shared_with_partners"] = _(
                "Een vertrouwelijke observatie deel je niet met ketenpartners."
            )
        if (
            isinstance(self.ended_on, datetime.date)
            and isinstance(self.observed_on, datetime.date)
            and self.ended_on < self.observed_on
        ):
            errors["ended_on"] = _(
                "Iets kan niet voorbij zijn voordat het gezien is: kies een datum op of na "
                "%(date)s."
            ) % {"date": self.observed_on.strftime("%d-%m-%Y")}
        if errors:
            raise ValidationError(errors)

    @property
    def is_amendment(self):
        return self.amends_id is not None


def raises_acute(previous, version):
    """Whether `version` raises its chain's acute flag (design.md): the first acute version, a
    version that makes the chain acute again after one that was not, or an acute version with
    a higher severity than the version before it (`previous`, None for a first version).

    Other corrections (wording, date, a lower severity) neither raise the flag again nor send
    an alert. The database keeps the same rule in LatestObservation.acute_since
    (signals/observations/triggers.py).
    """
    if not version.acute:
        return False
    return previous is None or not previous.acute or version.severity > previous.severity


class LatestObservation(models.Model):
    """The latest version of each observation chain, with what the dashboard and the
    organisation overview read.

    A projection of `Observation`, kept by the database itself: a trigger on every insert of
    an observation writes the row of its chain (only a newer version replaces it), and a
    trigger on categories follows a change of weight or kind (signals/observations/
    triggers.py). Nothing in the app writes here. On SQLite, a migration that rebuilds the
    observation or category table drops the triggers with the old table and must create them
    again (the system check stap0signals.E001 says so). `ObservationQuerySet.latest_versions`
    reads which version is the latest from here; `assess_families` aggregates these rows
    alone, without joining categories, so the dashboard scores 10,000 families in one pass
    over an index. The property test holds them to a Python oracle of every chain's highest
    id.
    """

    chain = models.UUIDField(primary_key=True, editable=False)
    observation = models.OneToOneField(
        Observation, on_delete=models.CASCADE, related_name="latest_of_chain", editable=False
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
    lasting = models.BooleanField(default=False)  # the category's `lasting`
    ended_on = models.DateField(null=True)  # the version's: when a lasting factor stopped
    # When the chain's acute flag was raised (`raises_acute`): the version that raised it,
    # kept through later corrections that do not raise it again; null when not acute.
    acute_since = models.DateTimeField(null=True)
    first_logged_at = models.DateTimeField(null=True)  # when the chain's first version was logged

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
                    *("acute_since", "first_logged_at", "lasting", "ended_on", "observer"),
                    "risk",
                ],
                condition=Q(risk=True),
                name="latest_obs_family_risk_v2",
            ),
            # The overview's counts of the year (every kind, protective factors too) go
            # family by family through one organisation's families. Without it PostgreSQL
            # read all of LatestObservation, every organisation's rows, and hashed (540 ms
            # of a 1,030 ms page in a region of 200, against 177 ms alone; issue 18).
            models.Index(
                fields=["family", "observed_on", "risk", "category", "parents_discussed", "chain"],
                name="latest_obs_family_observed",
            ),
        ]

    def __str__(self):
        return f"{self.chain} → {self.observation_id}"


class ParentsView(ShapedModel, models.Model):
    """The parents' own view on one observation ("ouders zien het anders: …"), in their words.

    Attached to the chain, so it stays beside every later version. A newer view is the one
    shown; earlier ones stay (nothing is overwritten).
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    chain = models.UUIDField(db_index=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="parents_views")
    text = models.TextField(_("hoe de ouders het zien"), max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    field_messages = {
        "text": {"required": _("Schrijf op hoe de ouders het zien, in hun eigen woorden.")},
    }

    class Meta:
        verbose_name = _("visie van de ouders")
        verbose_name_plural = _("visies van de ouders")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.chain} ({self.created_at:%Y-%m-%d})"
