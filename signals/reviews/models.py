import uuid
from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from families.models import Family
from organisations.models import Membership
from organisations.shape import ShapedModel, max_length, not_in_future, not_in_past


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
    # A report to Veilig Thuis (decision REPORT_VT): when, its reference, and later its answer.
    vt_reported_on = models.DateField(_("gemeld bij Veilig Thuis op"), null=True, blank=True)
    vt_reference = models.CharField(_("kenmerk van Veilig Thuis"), max_length=100, blank=True)
    vt_answer = models.TextField(_("reactie van Veilig Thuis"), blank=True, max_length=5000)
    vt_answered_on = models.DateField(_("reactie ontvangen op"), null=True, blank=True)
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
        "vt_reported_on": (not_in_future(_("De datum kan niet in de toekomst liggen.")),),
        "vt_answered_on": (not_in_future(_("De datum kan niet in de toekomst liggen.")),),
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
        **dict.fromkeys(
            ("next_review_on", "vt_reported_on", "vt_answered_on"),
            dict.fromkeys(("invalid", "invalid_date"), _("Vul een geldige datum in.")),
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

    @property
    def reported_to_vt(self):
        return self.decision == Decision.REPORT_VT

    @property
    def awaits_vt(self):
        """Reported to Veilig Thuis, and its answer is not in yet."""
        return self.reported_to_vt and not self.vt_answer


class ParentRole(models.TextChoices):
    """A parent who carries out an agreement of a conversation with the parents (issue 14)."""

    PARENTS = "parents", _("de ouder(s)")
    MOTHER = "mother", _("moeder")
    FATHER = "father", _("vader")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("gedaan")
    NOT_DONE = "not_done", _("niet gedaan")


class AgreementQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=AgreementStatus.OPEN)

    def overdue(self, today):
        """Open, and the day it was due has passed."""
        return self.open().filter(due_on__lt=today)

    def readable_by(self, user):
        """Without the agreements of confidential reviews, except the user's own: only the
        leads and the one who carries it out read those (organisations.scoping)."""
        return self.filter(
            Q(review__isnull=True) | Q(review__confidential=False) | Q(owner__user=user)
        )


class Agreement(ShapedModel, models.Model):
    """What a review ends in: what, who (a member of the organisation), by when; and later
    whether it was done, with a note."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # A review's agreement, or (without a review) one of a conversation with the parents
    # (signals.parents: Conversation.agreements).
    review = models.ForeignKey(
        Review, null=True, blank=True, on_delete=models.CASCADE, related_name="agreements"
    )
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="agreements")
    what = models.TextField(_("wat"), max_length=1000)
    owner = models.ForeignKey(
        Membership, verbose_name=_("wie"), on_delete=models.PROTECT, related_name="agreements"
    )
    due_on = models.DateField(_("uiterlijk op"))
    # A parent carries it out; `owner` is then the professional who follows it up.
    parent_role = models.CharField(
        _("door een ouder"), max_length=20, choices=ParentRole.choices, blank=True
    )
    status = models.CharField(
        _("stand"), max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    outcome_note = models.TextField(_("toelichting"), blank=True, max_length=2000)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    # The shape of one agreement; that its owner is an active member is the service's rule.
    field_checks = {"what": (max_length(1000),), "outcome_note": (max_length(2000),)}
    field_messages = {
        "what": {"required": _("Schrijf op wat er is afgesproken.")},
        "owner": dict.fromkeys(
            ("required", "invalid", "invalid_choice"), _("Kies wie de afspraak uitvoert.")
        ),
        "due_on": dict.fromkeys(
            ("required", "invalid", "invalid_date"), _("Vul in wanneer het klaar moet zijn.")
        ),
        "status": dict.fromkeys(("required", "invalid_choice"), _("Kies gedaan of niet gedaan.")),
    }

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["due_on", "pk"]
        indexes = [
            # The working list's "afspraak te laat" per family, and the family page.
            models.Index(fields=["family", "status", "due_on"], name="agreement_family_open"),
            # "Mijn afspraken": one member's open agreements by date.
            models.Index(fields=["owner", "status", "due_on"], name="agreement_owner_open"),
        ]
        constraints = [
            models.CheckConstraint(
                name="agreement_status_valid",
                condition=Q(status__in=[s.value for s in AgreementStatus]),
            ),
        ]

    def __str__(self):
        return f"{self.what[:40]} ({self.due_on})"

    @property
    def is_open(self):
        return self.status == AgreementStatus.OPEN

    @property
    def who(self):
        """Who carries it out, in words: a member, or a parent (with who follows it up)."""
        if self.parent_role:
            return _("%(parent)s (volgt op: %(member)s)") % {
                "parent": self.get_parent_role_display(),
                "member": self.owner.display_name,
            }
        return self.owner.display_name

    def is_overdue(self, today):
        return self.is_open and self.due_on < today
