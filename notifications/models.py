import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from families.models import Family
from organisations.models import Membership, Organisation


class NotificationKind(models.TextChoices):
    """Every event that asks something of a person (README, "Berichten")."""

    ANSWER = "answer", _("antwoord op je vraag")
    DECISION = "decision", _("besluit over een gezin")
    AGREEMENT_ASSIGNED = "agreement_assigned", _("afspraak voor jou")
    AGREEMENT_DUE_SOON = "agreement_due_soon", _("afspraak bijna op de datum")
    AGREEMENT_OVERDUE = "agreement_overdue", _("afspraak over de datum")
    REVIEW_DUE = "review_due", _("beoordeling aan de beurt")
    CHECK_DUE = "check_due", _("controle langdurige ondersteuning")
    LIFE_PHASE = "life_phase", _("nieuwe levensfase")
    STATUS_UP = "status_up", _("hogere status")
    ACUTE = "acute", _("acuut signaal")
    QUIET = "quiet", _("stil gezin")
    # Working across organisations (collaboration): only that another is involved, and how
    # to reach them; the consent of the other side; a warm handover to accept.
    MATCH = "match", _("ook betrokken")
    CONSENT = "consent", _("toestemming andere organisatie")
    HANDOVER = "handover", _("warme overdracht")
    # Learning together: a family is doing better; what made the difference?
    WHAT_WORKED = "what_worked", _("wat werkte")


# The line of one notification in the list; `family`, `actor`, `date` and `detail` are
# filled in when it is shown (a family's name as it is now, never a stale copy).
MESSAGES = {
    NotificationKind.ANSWER: _("%(actor)s beantwoordde je vraag over %(family)s."),
    NotificationKind.DECISION: _(
        "Besluit over %(family)s, waarover jij iets vastlegde: %(detail)s."
    ),
    NotificationKind.AGREEMENT_ASSIGNED: _("Afspraak voor jou bij %(family)s: %(detail)s."),
    NotificationKind.AGREEMENT_DUE_SOON: _(
        "Afspraak bij %(family)s moet over 2 dagen klaar zijn (%(date)s): %(detail)s."
    ),
    NotificationKind.AGREEMENT_OVERDUE: _(
        "Afspraak bij %(family)s is over de datum (%(date)s): %(detail)s."
    ),
    NotificationKind.REVIEW_DUE: _("De beoordeling van %(family)s is aan de beurt (%(date)s)."),
    NotificationKind.CHECK_DUE: _(
        "De controle van de langdurige ondersteuning van %(family)s is aan de beurt (%(date)s)."
    ),
    NotificationKind.LIFE_PHASE: _("Nieuwe levensfase bij %(family)s op %(date)s: %(detail)s."),
    NotificationKind.STATUS_UP: _("%(family)s staat nu op %(detail)s."),
    NotificationKind.ACUTE: _("Acuut signaal bij %(family)s: bekijk het zo snel mogelijk."),
    NotificationKind.QUIET: _("Over %(family)s is sinds %(date)s niets vastgelegd. Gaat het goed?"),
    NotificationKind.MATCH: _("Bij %(family)s ook betrokken: %(detail)s."),
    NotificationKind.CONSENT: _("Toestemming bij %(family)s: %(detail)s."),
    NotificationKind.HANDOVER: _("Warme overdracht: %(detail)s."),
    NotificationKind.WHAT_WORKED: _(
        "Het gaat beter met %(family)s. Schrijf je in een paar regels op wat het verschil maakte?"
    ),
}


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_member(self, user, organisation):
        return self.filter(recipient=user, organisation=organisation)


class Notification(models.Model):
    """One event for one person: the unique event key makes a second notify() a no-op,
    also when two requests race (the database refuses the second row)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="notifications"
    )
    # Purging a family purges what was said about it here too.
    family = models.ForeignKey(
        Family, null=True, blank=True, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=NotificationKind.choices)
    # What happened, once: "answer:<look request>", "review_due:<review>", …
    event_key = models.CharField(max_length=200)
    # Where to act: a path inside the app.
    url = models.CharField(max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], name="notification_once_per_event"
            ),
            models.CheckConstraint(
                name="notification_kind_valid",
                condition=Q(kind__in=[k.value for k in NotificationKind]),
            ),
        ]
        indexes = [
            # The menu's count on every page: a person's unread in one organisation.
            models.Index(
                fields=["recipient", "organisation", "read_at"], name="notification_inbox"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("notifications:open", kwargs={"public_id": self.public_id})

    def message(self):
        actor = self.actor
        return MESSAGES[self.kind] % {
            "family": self.family.name if self.family_id else "—",
            "actor": (actor.get_full_name() or actor.get_username()) if actor else _("Iemand"),
            "date": date_format(self.due_on, "j M Y") if self.due_on else "",
            "detail": self.detail,
        }


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("dagelijks")
    WEEKLY = "weekly", _("wekelijks")
    OFF = "off", _("nooit")


class DigestPreference(models.Model):
    """A person's own choice, per organisation they work in; without one the role decides
    (leads daily, professionals weekly)."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(
        _("samenvatting per e-mail"), max_length=10, choices=DigestFrequency.choices
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("keuze samenvatting")
        verbose_name_plural = _("keuzes samenvatting")
        constraints = [
            models.CheckConstraint(
                name="digest_frequency_valid",
                condition=Q(frequency__in=[f.value for f in DigestFrequency]),
            ),
        ]

    def __str__(self):
        return f"{self.membership_id}: {self.frequency}"


class Digest(models.Model):
    """One digest e-mail, claimed before it goes to the mail server.

    The unique (membership, period) is the claim: a rerun, a second concurrent run or a
    run after a crash finds the row and sends nothing. `sent_at` empty means claimed but
    not (known to be) sent: reported by every run, sent again only with --retry-unsent.
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="digests")
    # "2026-11-30" for a daily digest, "2026-W48" for a weekly one.
    period = models.CharField(max_length=10)
    frequency = models.CharField(max_length=10, choices=DigestFrequency.choices)
    claimed_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=1)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The mail server's refusal, by exception name only (never content).
    error = models.CharField(max_length=200, blank=True)
    items = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("samenvatting")
        verbose_name_plural = _("samenvattingen")
        constraints = [
            models.UniqueConstraint(fields=["membership", "period"], name="digest_once_per_period"),
        ]
        indexes = [
            # Every run reports what was claimed but never sent.
            models.Index(
                fields=["sent_at"], condition=Q(sent_at__isnull=True), name="digest_unsent"
            ),
        ]

    def __str__(self):
        return f"{self.membership_id} {self.period}"
