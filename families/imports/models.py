import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from ..models import Child, Family


class PupilImport(models.Model):
    """One import, from upload to result. Until the import it holds the file's parsed
    cells (never the file); after it, or a day later, only the counts remain."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    file_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    headers = models.JSONField(default=list)
    rows = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    imported_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class PupilNumber(models.Model):
    """The administration system's number of a child: a re-import finds the child by it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    number = models.CharField(_("leerlingnummer"), max_length=50)
    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="pupil_number")

    class Meta:
        verbose_name = _("leerlingnummer")
        verbose_name_plural = _("leerlingnummers")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="pupilnumber_unique_per_organisation"
            )
        ]

    def __str__(self):
        return self.number


class FamilyKey(models.Model):
    """How an import recognises a family again: a keyed hash of the export's family key
    (a family number, or an address: the address itself is not kept)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key_hash = models.CharField(max_length=64)
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("gezinssleutel")
        verbose_name_plural = _("gezinssleutels")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key_hash"], name="familykey_unique_per_organisation"
            )
        ]

    def __str__(self):
        return self.key_hash[:8]
