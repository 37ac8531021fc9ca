from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ConsentScope


class DateInput(forms.DateInput):
    input_type = "date"


class SignalForm(forms.Form):
    parents_informed = forms.BooleanField(
        label=_("De ouders zijn geïnformeerd dat wij dit melden"),
        error_messages={"required": _("Meld pas nadat de ouders zijn geïnformeerd.")},
    )
    parents_informed_on = forms.DateField(
        label=_("Geïnformeerd op"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul de datum in waarop de ouders zijn geïnformeerd."),
            "invalid": _("Vul een geldige datum in (dag-maand-jaar)."),
        },
    )


class ConsentForm(forms.Form):
    match = forms.CharField(widget=forms.HiddenInput, max_length=64)
    given_on = forms.DateField(
        label=_("Toestemming gegeven op"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul de datum in waarop de ouders toestemming gaven."),
            "invalid": _("Vul een geldige datum in (dag-maand-jaar)."),
        },
    )
    scope = forms.ChoiceField(
        label=_("Waarvoor"),
        choices=ConsentScope.choices,
        error_messages={
            "required": _("Kies waarvoor de ouders toestemming gaven."),
            "invalid_choice": _("Kies waarvoor de ouders toestemming gaven."),
        },
    )


class OptInForm(forms.Form):
    take_part = forms.BooleanField(label=_("Mijn organisatie doet mee in de regio"), required=False)
