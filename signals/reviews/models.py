import uuid
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from families.models import Family
from organisations.shape import ShapedModel, not_in_past


class Decision(models.TextChoices):
    MONITOR = "monitor", _("blijven volgen")
    TALK_PARENTS = "talk_parents", _("gesprek met ouders")
    CONSULT_COLLEAGUE = "consult_colleague", _("collegiale consultatie")
    ADVICE_VT = "advice_vt", _("advies vragen bij Veilig Thuis")
    REPORT_VT = "report_vt", _("melden bij Veilig Thuis")
    HELP_ARRANGED = "help_arranged", _("hulp georganiseerd")
    CLOSED = "closed", _("afgesloten")


class Question(NamedTuple):
    """One of the afwegingskader's questions and the review's fields for it."""

    answer: str  # the field of the answer: True (ja), False (nee) or None (not answered)
    reason: str  # the field of its reasoning
    text: str  # the question, as the meldcode asks it


# The five afwegingsvragen of the meldcode (stap 4 and 5), in the order they are walked: the
# one definition of them, read by the model's fields (their verbose names, which the family
# export shows), the review form, the service's rules and the timeline (Review.weighing).
AFWEGINGSVRAGEN = (
    Question(
        "q1_suspicion",
        "q1_reason",
        _("1. Is er een vermoeden van (dreiging van) huiselijk geweld of kindermishandeling?"),
    ),
    Question(
        "q2_unsafety",
        "q2_reason",
        _("2. Is er sprake van acute en/of structurele onveiligheid?"),
    ),
    Question(
        "q3_can_help",
        "q3_reason",
        _("3. Kan ik, gezien mijn rol en competenties, voldoende hulp bieden of organiseren?"),
    ),
    Question(
        "q4_accepted",
        "q4_reason",
        _("4. Aanvaarden de betrokkenen de hulp en committeren zij zich eraan?"),
    ),
    Question(
        "q5_effective",
        "q5_reason",
        _("5. Leidt de hulp binnen de afgesproken tijd tot de nodige veiligheid en het welzijn?"),
    ),
)


class ReviewQuerySet(models.QuerySet):
    def last_of(self, family):
        """The family's last review, as a queryset of at most one row: the latest logged, the
        higher id on a tie. `family` is a Family, or an OuterRef to one in a subquery.

        The one definition of "the last review": the acute flag it clears, the dashboard's
        markers and "Mijn signalen" all read it.
        """
        return self.filter(family=family).order_by("-created_at", "-pk")[:1]

    def readable_by(self, user):
        """Without the confidential reviews: only the leads read those (organisations.scoping)."""
        return self.filter(confidential=False)


class Review(ShapedModel, models.Model):
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
    # The afwegingskader's five questions (AFWEGINGSVRAGEN); null where the walk stopped or
    # was skipped.
    q1_suspicion = models.BooleanField(AFWEGINGSVRAGEN[0].text, null=True, blank=True)
    q1_reason = models.TextField(blank=True, max_length=2000)
    q2_unsafety = models.BooleanField(AFWEGINGSVRAGEN[1].text, null=True, blank=True)
    q2_reason = models.TextField(blank=True, max_length=2000)
    q3_can_help = models.BooleanField(AFWEGINGSVRAGEN[2].text, null=True, blank=True)
    q3_reason = models.TextField(blank=True, max_length=2000)
    q4_accepted = models.BooleanField(AFWEGINGSVRAGEN[3].text, null=True, blank=True)
    q4_reason = models.TextField(blank=True, max_length=2000)
    q5_effective = models.BooleanField(AFWEGINGSVRAGEN[4].text, null=True, blank=True)
    q5_reason = models.TextField(blank=True, max_length=2000)
    # The family's assessment as this review left it (the acute flag it clears not counted):
    # the dashboard's "new since last review" compares the current status with it.
    status_at_review = models.CharField(_("status bij beoordeling"), max_length=20, blank=True)
    score_at_review = models.DecimalField(
        _("score bij beoordeling"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ReviewQuerySet.as_manager()

    # The shape of a review; who may review and the afwegingskader's walk are the service's.
    field_checks = {
        "next_review_on": (
            not_in_past(_("De volgende beoordeling kan niet in het verleden liggen.")),
        ),
    }
    field_messages = {
        "lead": {
            "required": _("Alleen een aandachtsfunctionaris van deze organisatie kan beoordelen.")
        },
        "decision": dict.fromkeys(("required", "invalid_choice"), _("Kies een besluit.")),
        "rationale": {
            "required": _(
                "Schrijf de onderbouwing op: ook een besluit om niet te melden houdt zijn redenen."
            )
        },
        "next_review_on": dict.fromkeys(
            ("invalid", "invalid_date"), _("Vul een geldige datum in.")
        ),
        **dict.fromkeys(
            ("q1_suspicion", "q2_unsafety", "q3_can_help", "q4_accepted", "q5_effective"),
            {"invalid": _("Kies ja of nee.")},
        ),
    }

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

    def weighing(self):
        """(question, answer, reasoning) of each afwegingsvraag, in order, answered or not."""
        return [(q.text, getattr(self, q.answer), getattr(self, q.reason)) for q in AFWEGINGSVRAGEN]
