import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from families.models import Family
from organisations.shape import ShapedModel
from signals.observations.models import Observation


class NoteKind(models.TextChoices):
    QUESTION = "question", _("vraag aan collega's")
    RECOGNITION = "recognition", _("ik herken dit")
    DIFFERENT_VIEW = "different_view", _("ik zie het anders")
    ADVICE = "advice", _("advies")
    GOING_WELL = "going_well", _("wat goed gaat")


class ColleagueNoteQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Without the confidential notes of others (the leads read all: organisations.scoping)."""
        return self.filter(Q(confidential=False) | Q(author=user))


class ColleagueNote(ShapedModel, models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="notes")
    observation = models.ForeignKey(
        Observation, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=NoteKind.choices)
    text = models.TextField(_("tekst"), max_length=5000)
    # Need-to-know: only the author and the leads read a confidential note.
    confidential = models.BooleanField(_("vertrouwelijk"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="colleague_notes"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ColleagueNoteQuerySet.as_manager()

    field_messages = {
        "kind": dict.fromkeys(("required", "invalid_choice"), _("Kies wat voor notitie dit is.")),
    }

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


class LookRequest(ShapedModel, models.Model):
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

    field_messages = {
        "requested_from": {
            "required": _("Kies een actieve collega of aandachtsfunctionaris van deze organisatie.")
        },
    }

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
