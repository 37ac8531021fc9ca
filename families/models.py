import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership, Organisation
from organisations.shape import ShapedModel, between, max_length, not_in_future

# A child in this app is someone's child in care of a school, childcare or youth
# health care; beyond 23 it is almost certainly a typing error in the year.
MAX_CHILD_AGE = 23
# A monitoring interval longer than two years is not monitoring.
MAX_INTERVAL_WEEKS = 104
INTERVAL_MESSAGE = (
    _("Kies een interval van 1 tot en met %(max)d weken."),
    {"max": MAX_INTERVAL_WEEKS},
)


class FamilyQuerySet(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class Family(ShapedModel, models.Model):
    """A household that professionals of one organisation worry about.

    Identified by a name or reference the professional chooses: never a BSN.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="families"
    )
    name = models.CharField(_("naam of kenmerk"), max_length=200)
    contact_person = models.ForeignKey(
        Membership,
        verbose_name=_("vaste contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_for_families",
    )
    long_term_support = models.BooleanField(_("langdurige ondersteuning"), default=False)
    monitoring_interval_weeks = models.PositiveSmallIntegerField(
        _("monitoren elke (weken)"), null=True, blank=True
    )
    next_check_on = models.DateField(_("volgende controle op"), null=True, blank=True)
    support_notes = models.TextField(_("afspraken ondersteuningsplan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Retention counts from here: moved forward by every write about the family.
    last_activity_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = FamilyQuerySet.as_manager()

    field_checks = {
        "monitoring_interval_weeks": (between(1, MAX_INTERVAL_WEEKS, *INTERVAL_MESSAGE),),
    }
    field_messages = {
        "name": {"required": _("Vul een naam of kenmerk voor het gezin in (geen BSN).")},
        "monitoring_interval_weeks": dict.fromkeys(
            ("invalid", "min_value", "max_value"), INTERVAL_MESSAGE
        ),
    }

    class Meta:
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["organisation", "name"], name="family_org_name"),
            # Organisation first, in id order: the working list's aggregate walks one
            # organisation's families in id order (a merge or group by family). Without it,
            # PostgreSQL walked the primary key over every organisation's families and
            # filtered (200,000 removed for 10,000 kept in a region of 200; issue 18).
            models.Index(fields=["organisation", "id"], name="family_org_id"),
        ]
        constraints = [
            models.CheckConstraint(
                name="family_interval_positive",
                condition=Q(monitoring_interval_weeks__isnull=True)
                | Q(monitoring_interval_weeks__gte=1),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("families:detail", kwargs={"public_id": self.public_id})


def _plausible_child_age(birth_date):
    from .selectors import age_on  # the one rule for ages (29 February), which reads Child

    if age_on(birth_date, timezone.localdate()) > MAX_CHILD_AGE:
        raise ValidationError(
            _("Dit kind zou ouder zijn dan %(max)d jaar. Controleer het geboortejaar."),
            code="too_old",
            params={"max": MAX_CHILD_AGE},
        )


class Child(ShapedModel, models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="children")
    first_name = models.CharField(_("voornaam of initialen"), max_length=100)
    # Optional: only matching across organisations (collaboration) needs it.
    last_name = models.CharField(_("achternaam"), max_length=100, blank=True)
    birth_date = models.DateField(_("geboortedatum"))
    group_name = models.CharField(_("groep of klas"), max_length=50, blank=True)

    field_checks = {
        "birth_date": (
            not_in_future(_("De geboortedatum ligt in de toekomst. Controleer de datum.")),
            _plausible_child_age,
        ),
    }
    field_messages = {
        "first_name": {"required": _("Vul een voornaam of initialen van het kind in.")},
        "birth_date": {
            code: _("Vul een geboortedatum in (dag-maand-jaar).")
            for code in ("required", "invalid", "invalid_date")
        },
    }

    class Meta:
        verbose_name = _("kind")
        verbose_name_plural = _("kinderen")
        ordering = ["birth_date", "first_name"]

    def __str__(self):
        return self.first_name


class Relationship(models.TextChoices):
    RELATIVE = "relative", _("familielid")
    NEIGHBOUR = "neighbour", _("buur")
    FRIEND = "friend", _("vriend(in)")
    OTHER = "other", _("anders")


class NetworkMember(ShapedModel, models.Model):
    """Someone of the informal network: relatives, neighbours, friends who help."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="network")
    name = models.CharField(_("naam"), max_length=150)
    relationship = models.CharField(_("relatie"), max_length=20, choices=Relationship.choices)
    relationship_detail = models.CharField(_("toelichting relatie"), max_length=150, blank=True)
    how_they_help = models.TextField(_("hoe helpt deze persoon"), blank=True)
    contact = models.CharField(_("bereikbaar via"), max_length=200, blank=True)

    field_messages = {
        "name": {"required": _("Vul de naam in van wie helpt.")},
        "relationship": {
            code: _("Kies de relatie: familielid, buur, vriend(in) of anders.")
            for code in ("required", "invalid_choice")
        },
    }

    class Meta:
        verbose_name = _("netwerklid")
        verbose_name_plural = _("informeel netwerk")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ChainPartner(ShapedModel, models.Model):
    """A partner organisation and what was agreed with it: who does what."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="partners")
    organisation_name = models.CharField(_("organisatie"), max_length=200)
    contact_person = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_details = models.CharField(_("bereikbaar via"), max_length=200, blank=True)
    responsibility = models.TextField(_("afgesproken verantwoordelijkheid"))
    expectations = models.TextField(_("wat verwachten we van hen"), blank=True)
    consent_basis = models.CharField(
        _("grondslag samenwerking (toestemming)"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: toestemming ouders mondeling gegeven op 3 maart."),
    )

    field_checks = {"responsibility": (max_length(5000),)}
    field_messages = {
        "organisation_name": {"required": _("Vul de naam van de organisatie in.")},
        "responsibility": {
            "required": _("Beschrijf wat er met deze partner is afgesproken: wie doet wat.")
        },
    }

    class Meta:
        verbose_name = _("ketenpartner")
        verbose_name_plural = _("ketenpartners")
        ordering = ["organisation_name"]

    def __str__(self):
        return self.organisation_name


# Need-to-know (design.md): a family's file is read by its team and the organisation's leads.


class TeamReason(models.TextChoices):
    CREATED = "created", _("heeft het dossier aangemaakt")
    CONTACT = "contact", _("vaste contactpersoon")
    LOGGED = "logged", _("heeft een signaal vastgelegd")
    ANSWERED = "answered", _("heeft gereageerd")
    ASKED_TO_LOOK = "asked_to_look", _("gevraagd om mee te kijken")
    ADDED = "added", _("toegevoegd")
    ACCESS_GRANTED = "access_granted", _("toegang gevraagd en gekregen")


class TeamMemberQuerySet(models.QuerySet):
    def current(self):
        return self.filter(removed_at__isnull=True)


class TeamMember(models.Model):
    """Someone who reads the family's file, and why. A removal keeps the row: a trace."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_teams"
    )
    reason = models.CharField(_("waarom"), max_length=20, choices=TeamReason.choices)
    note = models.TextField(_("toelichting"), max_length=1000, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    removal_reason = models.TextField(_("reden van verwijderen"), max_length=1000, blank=True)

    objects = TeamMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("team")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "user"],
                condition=Q(removed_at__isnull=True),
                name="team_member_current_unique",
            ),
            models.CheckConstraint(
                name="team_member_reason_valid",
                condition=Q(reason__in=[r.value for r in TeamReason]),
            ),
        ]
        indexes = [
            # The scoping rule on every page: the families whose team the user is in.
            models.Index(
                fields=["user", "family"],
                condition=Q(removed_at__isnull=True),
                name="team_member_user_current",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_reason_display()})"

    @property
    def is_current(self):
        return self.removed_at is None


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", _("open")
    GRANTED = "granted", _("toegestaan")
    REFUSED = "refused", _("geweigerd")


class AccessRequest(models.Model):
    """ "Toegang vragen": a professional outside the team asks; the contact person or a lead
    decides."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="access_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_requests"
    )
    reason = models.TextField(_("waarom heb je toegang nodig?"), max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AccessRequestStatus.choices,
        default=AccessRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("toelichting bij het besluit"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("toegangsverzoek")
        verbose_name_plural = _("toegangsverzoeken")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["family", "requested_by"],
                condition=Q(status="pending"),
                name="access_request_one_open",
            ),
            models.CheckConstraint(
                name="access_request_status_valid",
                condition=Q(status__in=[s.value for s in AccessRequestStatus]),
            ),
        ]
        indexes = [
            # The menu's count of open requests for a contact person or lead.
            models.Index(fields=["family", "status"], name="access_request_open"),
        ]

    def __str__(self):
        return f"{self.requested_by} → {self.family} ({self.get_status_display()})"


class GlassBreak(models.Model):
    """ "Nu openen" (break the glass): a professional outside the team opens the file at once,
    with a reason, for a limited time; logged as such and shown to the leads."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="glass_breaks")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="glass_breaks"
    )
    reason = models.TextField(_("waarom moet het nu?"), max_length=1000)
    opened_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        verbose_name = _("dossier nu geopend")
        verbose_name_plural = _("dossiers nu geopend")
        ordering = ["-opened_at", "-pk"]
        indexes = [
            # The scoping rule: the files the user opened that are still open.
            models.Index(fields=["user", "expires_at"], name="glass_break_user_open"),
        ]

    def __str__(self):
        return f"{self.user} → {self.family} ({self.opened_at:%Y-%m-%d %H:%M})"


class CheckOutcome(models.TextChoices):
    SAFE = "safe", _("nog steeds veilig")
    CONCERNS = "concerns", _("zorgen")


class SupportCheck(ShapedModel, models.Model):
    """A check of long-term support ("controle"): when, what was found in words, and the
    next check that follows from the monitoring interval."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="checks")
    checked_on = models.DateField(_("gecontroleerd op"))
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=CheckOutcome.choices)
    findings = models.TextField(_("wat zag of hoorde je?"), max_length=3000)
    next_check_on = models.DateField(_("volgende controle op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    field_checks = {
        "checked_on": (not_in_future(_("De datum kan niet in de toekomst liggen.")),),
        "findings": (max_length(3000),),
    }
    field_messages = {
        "checked_on": dict.fromkeys(
            ("required", "invalid", "invalid_date"), _("Vul de datum van de controle in.")
        ),
        "outcome": dict.fromkeys(
            ("required", "invalid_choice"), _("Kies: nog steeds veilig, of zorgen.")
        ),
        "findings": {"required": _("Schrijf in een paar woorden wat je zag of hoorde.")},
    }

    class Meta:
        verbose_name = _("controle")
        verbose_name_plural = _("controles")
        ordering = ["-checked_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="check_outcome_valid",
                condition=Q(outcome__in=[o.value for o in CheckOutcome]),
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.checked_on})"


# The import's own models (families/imports/models.py), gathered here where Django looks.
from families.imports.models import FamilyKey, PupilImport, PupilNumber  # noqa: E402,F401
