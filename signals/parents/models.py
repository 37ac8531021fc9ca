"""Talking with the parents (issue 14): the conversation as an entry of its own, the summary
written for the parents, and the parents' requests to correct or remove what is recorded."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from families.models import Family
from organisations.shape import ShapedModel, max_length, not_in_future
from signals.observations.models import Observation
from signals.reviews.models import Agreement


class Conversation(ShapedModel, models.Model):
    """A conversation with the parents: prepared (what goes well first, then the observations
    the professional chooses to raise), then recorded (who took part, the parents' own view,
    what they want help with, the next conversation)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(
        Family, on_delete=models.CASCADE, related_name="parent_conversations"
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    planned_on = models.DateField(_("gepland op"), null=True, blank=True)
    preparation_note = models.TextField(_("wat ik wil zeggen"), blank=True, max_length=3000)
    created_at = models.DateTimeField(auto_now_add=True)

    # Recorded afterwards.
    held_on = models.DateField(_("gesprek gevoerd op"), null=True, blank=True)
    with_parents = models.BooleanField(_("ouder(s)"), default=False)
    with_child = models.BooleanField(_("kind"), default=False)
    with_colleagues = models.BooleanField(_("collega's"), default=False)
    with_interpreter = models.BooleanField(_("tolk"), default=False)
    participants_note = models.CharField(_("wie precies"), max_length=300, blank=True)
    parents_view = models.TextField(
        _("hoe de ouders het zien, in hun woorden"), blank=True, max_length=5000
    )
    help_wanted = models.TextField(_("waar ze hulp bij willen"), blank=True, max_length=3000)
    next_on = models.DateField(_("volgend gesprek"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(null=True, blank=True)

    # What, who (a member, or a parent) and by when: the working list's agreements.
    agreements = models.ManyToManyField(Agreement, blank=True, related_name="conversations")

    # The summary for the parents: in which language it is printed.
    summary_language = models.CharField(_("taal"), max_length=10, default="nl")

    field_checks = {
        "held_on": (not_in_future(_("Een gesprek dat nog komt, leg je vast als het gevoerd is.")),),
    }
    field_messages = {
        "held_on": dict.fromkeys(
            ("required", "invalid", "invalid_date"), _("Vul de datum van het gesprek in.")
        ),
        "planned_on": dict.fromkeys(("invalid", "invalid_date"), _("Vul een geldige datum in.")),
        "next_on": dict.fromkeys(("invalid", "invalid_date"), _("Vul een geldige datum in.")),
    }

    class Meta:
        verbose_name = _("gesprek met ouders")
        verbose_name_plural = _("gesprekken met ouders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="conversation_next_after_held",
                condition=Q(next_on__isnull=True)
                | Q(held_on__isnull=True)
                | Q(next_on__gt=models.F("held_on")),
            ),
        ]

    def __str__(self):
        return f"{self.family} ({self.held_on or self.planned_on or self.created_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("signals:conversation", kwargs={"public_id": self.public_id})

    @property
    def is_recorded(self):
        return self.recorded_at is not None

    def participant_labels(self):
        fields = ("with_parents", "with_child", "with_colleagues", "with_interpreter")
        return [self._meta.get_field(name).verbose_name for name in fields if getattr(self, name)]


class RaisedObservation(models.Model):
    """An observation the professional chose to raise in the conversation, with the parents'
    response once it was held. The observation itself is marked discussed by a correction."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="raised")
    chain = models.UUIDField(editable=False)
    # The version chosen when preparing; the timeline shows the chain's latest.
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="+")
    response = models.TextField(_("reactie van de ouders"), blank=True, max_length=2000)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("besproken observatie")
        verbose_name_plural = _("besproken observaties")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "chain"], name="raised_once_per_conversation"
            ),
        ]

    def __str__(self):
        return f"{self.conversation_id}: {self.chain}"


class SummaryKind(models.TextChoices):
    NOTICED = "noticed", _("wat we zagen")
    GOING_WELL = "going_well", _("wat goed gaat")


class SummaryItem(ShapedModel, models.Model):
    """One line of the summary for the parents, in words the professional wrote for them.

    Nothing recorded for colleagues is copied in: only what is written here is printed."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="summary_items"
    )
    kind = models.CharField(max_length=20, choices=SummaryKind.choices)
    text = models.TextField(_("in woorden voor de ouders"), max_length=600)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("regel van de samenvatting")
        verbose_name_plural = _("regels van de samenvatting")
        ordering = ["kind", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                name="summary_item_kind_valid",
                condition=Q(kind__in=[k.value for k in SummaryKind]),
            ),
        ]

    def __str__(self):
        return self.text[:40]


class CorrectionKind(models.TextChoices):
    CORRECT = "correct", _("iets verbeteren")
    REMOVE = "remove", _("iets laten verwijderen")
    ADD_VIEW = "add_view", _("hun eigen visie toevoegen")


class CorrectionDecision(models.TextChoices):
    GRANTED = "granted", _("toegekend")
    REFUSED = "refused", _("afgewezen")


class CorrectionRequest(ShapedModel, models.Model):
    """A parent's request (AVG) to correct or remove something that is recorded, and the
    lead's decision on it. A granted correction is made as a correction of the observation:
    the original stays, as always."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="correction_requests")
    observation = models.ForeignKey(
        Observation,
        verbose_name=_("over welke observatie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(
        _("wat vragen de ouders"), max_length=20, choices=CorrectionKind.choices
    )
    text = models.TextField(_("het verzoek, in hun woorden"), max_length=3000)
    received_on = models.DateField(_("ontvangen op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(
        _("besluit"), max_length=20, choices=CorrectionDecision.choices, blank=True
    )
    decision_reason = models.TextField(_("onderbouwing"), blank=True, max_length=3000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    field_checks = {
        "received_on": (not_in_future(_("De datum kan niet in de toekomst liggen.")),),
        "decision_reason": (max_length(3000),),
    }
    field_messages = {
        "kind": dict.fromkeys(("required", "invalid_choice"), _("Kies wat de ouders vragen.")),
        "text": {"required": _("Schrijf het verzoek op, in de woorden van de ouders.")},
        "received_on": dict.fromkeys(
            ("required", "invalid", "invalid_date"), _("Vul in wanneer het verzoek binnenkwam.")
        ),
        "decision": dict.fromkeys(("invalid_choice",), _("Kies toekennen of afwijzen.")),
    }

    class Meta:
        verbose_name = _("correctieverzoek van ouders")
        verbose_name_plural = _("correctieverzoeken van ouders")
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="correction_kind_valid",
                condition=Q(kind__in=[k.value for k in CorrectionKind]),
            ),
            models.CheckConstraint(
                name="correction_decided_fully",
                condition=Q(decision="", decided_at__isnull=True)
                | (~Q(decision="") & Q(decided_at__isnull=False)),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.received_on})"

    def get_absolute_url(self):
        return reverse("signals:correction_request", kwargs={"public_id": self.public_id})

    @property
    def is_decided(self):
        return bool(self.decision)
