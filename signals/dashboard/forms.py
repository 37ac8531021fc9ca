from django import forms
from django.utils.translation import gettext_lazy as _

from signals.accumulation import STATUS_LABELS, STATUSES

MARKERS = (
    ("new", _("nieuw sinds laatste beoordeling")),
    ("overdue", _("beoordeling te laat")),
    ("check", _("controle langdurige ondersteuning")),
    ("transition", _("levensfase-overgang binnen 60 dagen")),
)


class DashboardFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    marker = forms.ChoiceField(
        label=_("Markering"), required=False, choices=[("", _("alle")), *MARKERS]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", _("alle")),
            *((s, STATUS_LABELS[s]) for s in STATUSES),
        ]
