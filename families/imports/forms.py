from django import forms
from django.utils.translation import gettext_lazy as _

from .columns import COLUMNS

NOT_USED = ""


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("bestand"),
        help_text=_(
            "Een export uit ParnasSys, Magister, KOVnet, Konnect of een ander systeem: "
            "CSV (puntkomma of komma) of Excel-werkmap (.xlsx), met de kolomnamen op de "
            "eerste regel."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,text/csv"}),
    )


class MappingForm(forms.Form):
    """One choice per field stap0 takes: which column of the file holds it."""

    def __init__(self, *args, headers, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(NOT_USED, _("(niet gebruiken)"))] + [
            (str(i), header) for i, header in enumerate(headers)
        ]
        for column in COLUMNS:
            label = f"{column.label} *" if column.required else column.label
            self.fields[column.key] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=column.help,
            )

    def mapping(self):
        return {column.key: self.cleaned_data.get(column.key) for column in COLUMNS}
