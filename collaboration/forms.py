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


class HandoverForm(forms.Form):
    # The region's organisations by public id; the service checks the choice.
    to_organisation = forms.UUIDField(
        label=_("Naar organisatie"),
        widget=forms.Select,
        error_messages={
            "required": _("Kies een organisatie die meedoet in jullie regio."),
            "invalid": _("Kies een organisatie die meedoet in jullie regio."),
        },
    )
    consent_on = forms.DateField(
        label=_("Toestemming ouders voor de overdracht gegeven op"),
        widget=DateInput(),
        error_messages={
            "required": _("Vul de datum in waarop de ouders toestemming gaven voor de overdracht."),
            "invalid": _("Vul een geldige datum in (dag-maand-jaar)."),
        },
    )
    going_well = forms.CharField(
        label=_("Wat gaat goed"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Beschrijf wat goed gaat: daar begint de overdracht.")},
    )
    include_lasting = forms.BooleanField(
        label=_("Ook blijvende risicofactoren meegeven"),
        required=False,
        help_text=_("Alleen als dat de nieuwe organisatie helpt, en de ouders het weten."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].widget.choices = [("", "---------")] + [
            (str(o.public_id), o.name) for o in organisations
        ]


class HandoverDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("accept", _("Aannemen")), ("decline", _("Afwijzen"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies: aannemen of afwijzen."),
            "invalid_choice": _("Kies: aannemen of afwijzen."),
        },
    )
    family = forms.ModelChoiceField(
        label=_("In bestaand gezin"),
        queryset=None,
        required=False,
        help_text=_("Leeg laten voor een nieuw gezin."),
        error_messages={"invalid_choice": _("Kies een gezin van je eigen organisatie.")},
    )
    family_name = forms.CharField(label=_("Naam nieuw gezin"), max_length=200, required=False)

    def __init__(self, *args, families, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family"].queryset = families
        self.fields["family"].to_field_name = "public_id"
