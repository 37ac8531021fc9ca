"""The lead's working list: the families by section, status and score; the explanation; the
overview."""

from django import forms
from django.utils.translation import gettext_lazy as _

from signals.accumulation import STATUS_LABELS, STATUSES
from signals.dashboard.selectors import SECTIONS

MARKERS = (
    ("never", _("nog nooit beoordeeld")),
    ("new", _("nieuw sinds laatste beoordeling")),
    ("risk", _("nieuw risico sinds laatste beoordeling")),
    ("overdue", _("beoordeling te laat")),
    ("agreement", _("afspraak te laat")),
    ("check", _("controle te laat")),
    ("transition", _("levensfase-overgang binnen 60 dagen")),
)


class DashboardFilterForm(forms.Form):
    section = forms.ChoiceField(label=_("Lijst"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    marker = forms.ChoiceField(
        label=_("Markering"), required=False, choices=[("", _("alle")), *MARKERS]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select"
        self.fields["section"].choices = [("", _("alle")), *((s.name, s.label) for s in SECTIONS)]
        self.fields["status"].choices = [
            ("", _("alle")),
            *((s, STATUS_LABELS[s]) for s in STATUSES),
        ]
