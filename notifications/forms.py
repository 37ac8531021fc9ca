from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DigestFrequency


class DigestPreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Samenvatting per e-mail"),
        choices=DigestFrequency.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "De e-mail noemt alleen aantallen en geeft één link naar stap0: geen namen, "
            "geen beschrijvingen."
        ),
        error_messages={
            "required": _("Kies dagelijks, wekelijks of nooit."),
            "invalid_choice": _("Kies dagelijks, wekelijks of nooit."),
        },
    )
