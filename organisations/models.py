import numbers
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .shape import ShapedModel, positive

POSITIVE_THRESHOLD = positive(_("Een drempel moet groter dan nul zijn."))


class Organisation(ShapedModel, models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    # Thresholds of the accumulation model (design.md); the lead edits them.
    accumulation_threshold = models.DecimalField(
        _("drempel stapeling (score)"), max_digits=6, decimal_places=2, default=8
    )
    attention_threshold = models.DecimalField(
        _("drempel aandacht (score)"), max_digits=6, decimal_places=2, default=4
    )
    distinct_threshold = models.PositiveSmallIntegerField(
        _("drempel verschillende risico's"), default=4
    )
    band_full_days = models.PositiveSmallIntegerField(_("telt volledig tot (dagen)"), default=90)
    band_half_days = models.PositiveSmallIntegerField(_("telt half tot (dagen)"), default=180)
    band_quarter_days = models.PositiveSmallIntegerField(
        _("telt een kwart tot (dagen)"), default=365
    )
    retention_years = models.PositiveSmallIntegerField(
        _("bewaartermijn (jaren na laatste activiteit)"), default=5
    )
    # Need-to-know is the default: a family's file is read by its team and the leads. A small
    # organisation (a gastouderbureau) may open every file to every professional; only a
    # lead changes it, and the change is logged.
    everyone_reads_all_families = models.BooleanField(
        _("iedereen ziet alle gezinnen"),
        default=False,
        help_text=_(
            "Alleen voor kleine organisaties. Uit (standaard): een professional leest alleen "
            "de dossiers van gezinnen in wier team hij of zij zit; de aandachtsfunctionaris "
            "leest alles."
        ),
    )

    field_checks = {
        "accumulation_threshold": (POSITIVE_THRESHOLD,),
        "attention_threshold": (POSITIVE_THRESHOLD,),
        "distinct_threshold": (POSITIVE_THRESHOLD,),
    }

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="org_attention_below_accumulation",
                condition=Q(attention_threshold__lte=F("accumulation_threshold")),
            ),
            models.CheckConstraint(
                name="org_bands_increasing",
                condition=Q(band_full_days__lt=F("band_half_days"))
                & Q(band_half_days__lt=F("band_quarter_days")),
            ),
            models.CheckConstraint(
                name="org_thresholds_positive",
                condition=Q(attention_threshold__gt=0) & Q(distinct_threshold__gt=0),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """The constraints above, in words on the field to change (when both values are numbers)."""
        errors = {}
        attention, accumulation = self.attention_threshold, self.accumulation_threshold
        if _numbers(attention, accumulation) and attention > accumulation:
            errors["attention_threshold"] = _(
                "De aandachtsdrempel moet lager zijn dan (of gelijk aan) de stapelingsdrempel."
            )
        bands = (self.band_full_days, self.band_half_days, self.band_quarter_days)
        if _numbers(*bands) and not bands[0] < bands[1] < bands[2]:
            errors["band_half_days"] = _(
                "De leeftijdsbanden moeten oplopen: volledig < half < kwart."
            )
        if errors:
            raise ValidationError(errors)


def _numbers(*values):
    return all(isinstance(v, numbers.Number) for v in values)


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("professional")
    LEAD = "lead", _("aandachtsfunctionaris")
    ADMIN = "admin", _("beheerder")


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)

    def leads(self):
        return self.active().filter(role=Role.LEAD)


class Membership(ShapedModel, models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    field_messages = {
        "role": dict.fromkeys(
            ("required", "invalid_choice"),
            _("Onbekende rol: kies professional, aandachtsfunctionaris of beheerder."),
        )
    }

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(
                name="membership_role_valid", condition=Q(role__in=[r.value for r in Role])
            ),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.get_role_display()}, {self.organisation})"

    @property
    def display_name(self):
        return self.user.get_full_name() or self.user.get_username()

    @property
    def is_lead(self):
        return self.role == Role.LEAD

    @property
    def sees_cases(self):
        """Professionals and leads see families; a beheerder alone does not."""
        return self.role in (Role.PROFESSIONAL, Role.LEAD)


class AccessAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    SEARCH = "search", _("gezocht")
    CREATE = "create", _("aangemaakt")
    CHANGE = "change", _("gewijzigd")
    AMEND = "amend", _("gecorrigeerd")
    EXPORT = "export", _("geëxporteerd")
    PRINT = "print", _("afgedrukt")
    REVIEW = "review", _("beoordeeld")
    DELETE = "delete", _("verwijderd")
    LOGIN = "login", _("ingelogd")
    LOGOUT = "logout", _("uitgelogd")
    FAILED_LOGIN = "failed_login", _("mislukte inlog")
    DENIED = "denied", _("toegang geweigerd")
    IMPORT = "import", _("geïmporteerd")
    INVITE = "invite", _("uitgenodigd")
    PASSWORD_RESET = "password_reset", _("wachtwoordherstel")
    MFA_RESET = "mfa_reset", _("tweestapsverificatie hersteld")
    # Need-to-know: opening a file outside the team, asking for access, the team, the setting.
    BREAK_GLASS = "break_glass", _("nu geopend (zonder team)")
    ACCESS_REQUEST = "access_request", _("toegang gevraagd")
    ACCESS_DECISION = "access_decision", _("toegangsverzoek beslist")
    TEAM_CHANGE = "team_change", _("team gewijzigd")
    SETTING_CHANGE = "setting_change", _("instelling gewijzigd")


class AccessOutcome(models.TextChoices):
    OK = "ok", _("gelukt")
    DENIED = "denied", _("geweigerd")
    NOT_FOUND = "not_found", _("niet gevonden")
    FAILED = "failed", _("mislukt")


class AccessLogEntryQuerySet(models.QuerySet):
    def for_family(self, family):
        return self.filter(
            organisation_id=family.organisation_id, family_public_id=family.public_id
        )


class AccessLogEntry(models.Model):
    """One append-only line per access (NEN 7513): who, where, which file, what, outcome.

    Families are referenced by their public id, not a foreign key, so that the
    log outlives a purged family. It never holds case content.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=20, blank=True)
    family_public_id = models.UUIDField(null=True, blank=True)
    action = models.CharField(max_length=20, choices=AccessAction.choices)
    object_type = models.CharField(max_length=50, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    path = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    outcome = models.CharField(
        max_length=20, choices=AccessOutcome.choices, default=AccessOutcome.OK
    )

    objects = AccessLogEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("toegangslogregel")
        verbose_name_plural = _("toegangslog")
        ordering = ["-at", "-id"]
        indexes = [
            # The lead's "who saw this family" page.
            models.Index(
                fields=["organisation", "family_public_id", "at"], name="accesslog_family"
            ),
            # The lead's "what did this person do" page.
            models.Index(fields=["organisation", "user", "at"], name="accesslog_user"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Toegangslogregels worden nooit gewijzigd.")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:access_log")


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked (an expired one is open until resent or revoked)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """A beheerder's invitation of a colleague by e-mail address and role.

    The link in the e-mail carries a secret; only its SHA-256 is kept here, so the
    link cannot be read back from the database. A resend makes a new secret.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    job_title = models.CharField(_("functie"), max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open invitation per address and organisation: resend it instead.
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_open_per_address",
            ),
            models.CheckConstraint(
                name="invitation_role_valid", condition=Q(role__in=[r.value for r in Role])
            ),
        ]

    def __str__(self):
        return f"{self.email} ({self.organisation})"

    @property
    def is_open(self):
        return self.accepted_at is None and self.revoked_at is None

    def is_usable(self, now):
        return self.is_open and self.expires_at > now


class SessionIndex(models.Model):
    """Which database sessions belong to which user (written by organisations.sessions),
    so that a person can be logged out everywhere without decoding every session."""

    session_key = models.CharField(max_length=40, primary_key=True)
    # No database constraint: the session is saved after the view's transaction, and a
    # row for a user deleted meanwhile must not fail that save. Stale rows are harmless
    # and go with `clearsessions`.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    def __str__(self):
        return f"{self.user_id}: {self.session_key[:6]}…"
