import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from families.models import Family


class Decision(models.TextChoices):
    MONITOR = "monitor", _("blijven volgen")
    TALK_PARENTS = "talk_parents", _("gesprek met ouders")
    CONSULT_COLLEAGUE = "consult_colleague", _("collegiale consultatie")
    ADVICE_VT = "advice_vt", _("advies vragen bij Veilig Thuis")
    REPORT_VT = "report_vt", _("melden bij Veilig Thuis")
    HELP_ARRANGED = "help_arranged", _("hulp georganiseerd")
    CLOSED = "closed", _("afgesloten")


class ReviewQuerySet(models.QuerySet):
    def readable_by(self, user):
        """Without the confidential reviews: only the leads read those (organisations.scoping)."""
        return self.filter(confidential=False)


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
    # Need-to-know: only the leads read a confidential review; by default a decision to
    # report to Veilig Thuis is (signals.reviews.services.review_record).
    confidential = models.BooleanField(_("vertrouwelijk"), default=False)
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

    objects = ReviewQuerySet.as_manager()

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
