"""Learning together (issue 20): team consultations with anonymised vignettes, and what
worked, approved in an anonymised version for the team's shared page.

A vignette and an approved "wat werkte" item are boundaries: they are read by every
professional and lead of the organisation, so they carry no name of a family, child,
network member or colleague (learning.names checks every free sentence before it is
saved). What names a family stays in that family's file: the outcome of a consultation
(its timeline entry) and the contact person's own lines.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from families.models import Family
from organisations.models import Membership, Organisation
from organisations.shape import ShapedModel
from signals.catalogue.models import AgeGroup, SignalCategory
from signals.reviews.models import Agreement


class Consultation(ShapedModel, models.Model):
    """A casusoverleg: a meeting with an agenda and a vignette per family."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="consultations"
    )
    title = models.CharField(_("titel"), max_length=120)
    meets_on = models.DateField(_("datum van het overleg"))
    agenda = models.TextField(
        _("agenda"),
        max_length=2000,
        blank=True,
        help_text=_("Een punt per regel; zonder namen (dit wordt bij het opslaan nagekeken)."),
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    field_messages = {
        "title": {"required": _("Geef het overleg een titel.")},
        "meets_on": dict.fromkeys(
            ("required", "invalid", "invalid_date"), _("Vul de datum van het overleg in.")
        ),
    }

    class Meta:
        verbose_name = _("casusoverleg")
        verbose_name_plural = _("casusoverleggen")
        ordering = ["-meets_on", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.meets_on})"

    def get_absolute_url(self):
        return reverse("learning:consultation", kwargs={"public_id": self.public_id})

    @property
    def agenda_items(self):
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class Vignette(ShapedModel, models.Model):
    """One family of a consultation, told without names: drafted by stap0 from the file's
    figures (age band, group, categories and their course, what goes well, what was
    tried), plus sentences the preparer wrote and approved one by one."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="vignettes"
    )
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="vignettes")
    position = models.PositiveSmallIntegerField(default=1)
    # The draft, as stap0 wrote it when the family was picked (no free text of the file).
    draft = models.JSONField(default=dict)
    # Sentences the preparer added: one per line, each approved before it is saved.
    sentences = models.TextField(_("eigen zinnen"), max_length=2000, blank=True)
    sentences_approved_at = models.DateTimeField(null=True, blank=True)
    # The outcome of the meeting for this family (lands in the family's file).
    advice = models.TextField(_("advies"), max_length=2000, blank=True)
    follow_up_by = models.ForeignKey(
        Membership,
        verbose_name=_("wie volgt op"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agreements = models.ManyToManyField(Agreement, blank=True, related_name="vignettes")
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["consultation", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "family"], name="vignette_family_once"),
        ]

    def __str__(self):
        return _("Casus %(n)s") % {"n": self.position}

    @property
    def sentence_list(self):
        return [line.strip() for line in self.sentences.splitlines() if line.strip()]

    @property
    def has_outcome(self):
        return self.outcome_at is not None


class WhatWorkedReason(models.TextChoices):
    IMPROVED = "improved", _("status gedaald en drie maanden rustig")
    HELP_CLOSED = "help_closed", _("hulp georganiseerd, daarna afgesloten")


class WhatWorkedStatus(models.TextChoices):
    INVITED = "invited", _("uitgenodigd")
    WRITTEN = "written", _("geschreven")
    APPROVED = "approved", _("goedgekeurd")


class WhatWorkedQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=WhatWorkedStatus.APPROVED)

    def for_category(self, category):
        return self.approved().filter(categories=category)


class WhatWorked(ShapedModel, models.Model):
    """What made the difference for a family: the contact person's own lines (they stay in
    the family's file) and, once a lead approved it, an anonymised version for the team."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="what_worked"
    )
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="what_worked")
    reason = models.CharField(_("aanleiding"), max_length=20, choices=WhatWorkedReason.choices)
    invited = models.ForeignKey(
        Membership, on_delete=models.PROTECT, related_name="what_worked_invitations"
    )
    status = models.CharField(
        _("stand"),
        max_length=20,
        choices=WhatWorkedStatus.choices,
        default=WhatWorkedStatus.INVITED,
    )
    story = models.TextField(_("wat maakte het verschil"), max_length=2000, blank=True)
    written_at = models.DateTimeField(null=True, blank=True)
    # The team's version: no names (learning.names), with its categories and age band.
    shared_text = models.TextField(_("tekst voor het team"), max_length=2000, blank=True)
    categories = models.ManyToManyField(
        SignalCategory, verbose_name=_("signalen"), blank=True, related_name="what_worked"
    )
    age_band = models.CharField(
        _("leeftijdsgroep"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WhatWorkedQuerySet.as_manager()

    class Meta:
        verbose_name = _("wat werkte")
        verbose_name_plural = _("wat werkte")
        ordering = ["-approved_at", "-created_at", "-pk"]
        constraints = [
            # One invitation per family and reason: the daily run may come again.
            models.UniqueConstraint(fields=["family", "reason"], name="what_worked_once"),
            models.CheckConstraint(
                name="what_worked_status_valid",
                condition=Q(status__in=[s.value for s in WhatWorkedStatus]),
            ),
        ]
        indexes = [
            # The team page: approved items, newest first.
            models.Index(fields=["organisation", "status", "approved_at"], name="whatworked_page"),
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.get_status_display()})"

    @property
    def is_approved(self):
        return self.status == WhatWorkedStatus.APPROVED
