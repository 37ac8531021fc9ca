"""Working across organisations (design.md): regions, involvement signals, matches,
consent and warm handovers. Nothing here holds case content of another organisation:
a signal is a child, a token and a date; a match is two signals."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from families.models import Child, Family
from organisations.models import Organisation
from organisations.shape import ShapedModel, not_in_future

HANDOVER_DAYS = 30


class Region(ShapedModel, models.Model):
    """A samenwerkingsverband (one municipality, say): set up by the installation's
    administrator; each organisation's lead opts in."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    field_messages = {"name": {"required": _("Vul de naam van de regio in.")}}

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    def __str__(self):
        return self.name


class RegionMember(models.Model):
    """An organisation in a region: at most one region each. It takes part only once a lead
    opted in (`opted_in_at`)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="members")
    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="region_member"
    )
    opted_in_at = models.DateTimeField(_("doet mee sinds"), null=True, blank=True)
    opted_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("organisatie in de regio")
        verbose_name_plural = _("organisaties in de regio")
        ordering = ["organisation__name"]

    def __str__(self):
        return f"{self.organisation} ({self.region})"

    @property
    def takes_part(self):
        return self.opted_in_at is not None


class InvolvementSignalQuerySet(models.QuerySet):
    def live(self):
        return self.filter(withdrawn_at__isnull=True)


class InvolvementSignal(models.Model):
    """ "Wij zijn betrokken": no content, only which child (by token) and that the parents
    were informed."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="signals")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="+")
    # HMAC-SHA256 (hex) under STAP0_MATCH_KEY; the key itself is never stored.
    token = models.CharField(max_length=64)
    parents_informed_on = models.DateField(_("ouders geïnformeerd op"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InvolvementSignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("betrokkenheidssignaal")
        verbose_name_plural = _("betrokkenheidssignalen")
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(withdrawn_at__isnull=True),
                name="involvement_one_live_per_child",
            ),
        ]
        indexes = [
            # The match: the live signals of a region with one token.
            models.Index(
                fields=["region", "token"],
                condition=Q(withdrawn_at__isnull=True),
                name="involvement_live_token",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} {self.raised_at:%Y-%m-%d}"

    @property
    def is_live(self):
        return self.withdrawn_at is None


class MatchSlot(models.Model):
    """One row per (region, token): the lock that makes matching happen in one place, so
    that two signals raised at the same moment find each other once."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "token"], name="match_slot_unique"),
        ]

    def __str__(self):
        return f"slot {self.pk}"  # never the token: it is not for display


class MatchQuerySet(models.QuerySet):
    def live(self):
        return self.filter(first__withdrawn_at__isnull=True, second__withdrawn_at__isnull=True)

    def for_organisation(self, organisation):
        return self.filter(
            Q(first__organisation=organisation) | Q(second__organisation=organisation)
        )


class Match(models.Model):
    """Two organisations of a region hold a live signal for the same child. `first` is the
    signal with the lower primary key, so that a pair is one row (the database says so)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    first = models.ForeignKey(InvolvementSignal, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(InvolvementSignal, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="match_pair_unique"),
            models.CheckConstraint(
                name="match_pair_ordered", condition=Q(first__lt=models.F("second"))
            ),
        ]

    def __str__(self):
        return f"match {self.created_at:%Y-%m-%d}"

    def own_and_other(self, organisation):
        """(this organisation's signal, the other's signal)."""
        if self.first.organisation_id == organisation.pk:
            return self.first, self.second
        return self.second, self.first


class ConsentScope(models.TextChoices):
    CONTACT = "contact", _("afspraken en contact")
    DOMAINS = "domains", _("ook zorgen per domein")


class ConsentQuerySet(models.QuerySet):
    def live(self):
        return self.filter(withdrawn_at__isnull=True)


class Consent(ShapedModel, models.Model):
    """The parents' consent, recorded by one side of a match."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    given_on = models.DateField(_("toestemming gegeven op"))
    scope = models.CharField(_("waarvoor"), max_length=20, choices=ConsentScope.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    field_checks = {
        "given_on": (not_in_future(_("De datum van de toestemming ligt in de toekomst.")),),
    }
    field_messages = {
        "given_on": {
            code: _("Vul de datum in waarop de ouders toestemming gaven.")
            for code in ("required", "invalid", "invalid_date")
        },
        "scope": {
            code: _("Kies waarvoor de ouders toestemming gaven.")
            for code in ("required", "invalid_choice")
        },
    }

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["match", "organisation"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_live_per_side",
            ),
            models.CheckConstraint(
                name="consent_scope_valid",
                condition=Q(scope__in=[s.value for s in ConsentScope]),
            ),
        ]

    def __str__(self):
        return f"{self.get_scope_display()} ({self.given_on})"


class HandoverStatus(models.TextChoices):
    PENDING = "pending", _("wacht op antwoord")
    ACCEPTED = "accepted", _("aangenomen")
    DECLINED = "declined", _("afgewezen")


class HandoverQuerySet(models.QuerySet):
    def open(self, *, now):
        """Waiting for an answer and not expired (30 days after it was sent)."""
        return self.filter(status=HandoverStatus.PENDING, expires_at__gt=now)


class Handover(ShapedModel, models.Model):
    """A warm handover at a life-phase transition: with the parents' consent, a package of
    what goes well, agreements, network, chain partners and the contact person, sent to an
    organisation of the region whose lead accepts it into a family or declines it. The
    package is a copy made when it was sent: it holds what the sender chose to hand over."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    from_organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    from_family = models.ForeignKey(
        Family, null=True, on_delete=models.SET_NULL, related_name="handovers_sent"
    )
    to_organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    consent_on = models.DateField(_("toestemming ouders gegeven op"))
    child_first_name = models.CharField(max_length=100)
    child_last_name = models.CharField(max_length=100, blank=True)
    child_birth_date = models.DateField()
    going_well = models.TextField(_("wat gaat goed"), max_length=5000)
    agreements = models.TextField(_("afspraken"), blank=True)
    network = models.TextField(_("netwerk"), blank=True)
    partners = models.TextField(_("ketenpartners"), blank=True)
    contact = models.CharField(_("contactpersoon"), max_length=300)
    lasting_factors = models.TextField(_("blijvende risicofactoren"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=HandoverStatus.choices, default=HandoverStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    target_family = models.ForeignKey(
        Family, null=True, blank=True, on_delete=models.SET_NULL, related_name="handovers_received"
    )

    objects = HandoverQuerySet.as_manager()

    field_checks = {
        "consent_on": (not_in_future(_("De datum van de toestemming ligt in de toekomst.")),),
    }
    field_messages = {
        "consent_on": {
            code: _("Vul de datum in waarop de ouders toestemming gaven voor de overdracht.")
            for code in ("required", "invalid", "invalid_date")
        },
        "going_well": {"required": _("Beschrijf wat goed gaat: daar begint de overdracht.")},
    }

    class Meta:
        verbose_name = _("warme overdracht")
        verbose_name_plural = _("warme overdrachten")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="handover_status_valid",
                condition=Q(status__in=[s.value for s in HandoverStatus]),
            ),
        ]
        indexes = [
            # The receiving lead's list of handovers that wait for an answer.
            models.Index(fields=["to_organisation", "status", "expires_at"], name="handover_open"),
        ]

    def __str__(self):
        return f"{self.from_organisation} → {self.to_organisation} ({self.created_at:%Y-%m-%d})"

    def is_open(self, now):
        return self.status == HandoverStatus.PENDING and self.expires_at > now
