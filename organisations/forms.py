from decimal import Decimal

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Membership, Organisation, Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Deze combinatie van gebruikersnaam en wachtwoord kennen we niet. "
            "Let op hoofdletters en probeer het opnieuw."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met je beheerder."),
    }


class PersonForm(forms.Form):
    username = forms.RegexField(
        label=_("gebruikersnaam"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Alleen letters, cijfers en de tekens @ . + - _")},
    )
    first_name = forms.CharField(label=_("voornaam"), max_length=150)
    last_name = forms.CharField(label=_("achternaam"), max_length=150, required=False)
    email = forms.EmailField(label=_("e-mailadres"), required=False)
    job_title = forms.CharField(label=_("functie"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("rol"), choices=Role.choices)
    password = forms.CharField(
        label=_("eerste wachtwoord"), widget=forms.PasswordInput(render_value=False), strip=False
    )

    def clean_password(self):
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return password


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "job_title", "is_active"]


class ThresholdsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "accumulation_threshold",
            "attention_threshold",
            "distinct_threshold",
            "band_full_days",
            "band_half_days",
            "band_quarter_days",
            "retention_years",
        ]
        # In the active language's number format, like the scores ("8" or "7,5", not "8.00").
        localized_fields = ["accumulation_threshold", "attention_threshold"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.localized_fields:
            value = self.initial.get(name)
            if isinstance(value, Decimal):
                self.initial[name] = (
                    value.quantize(1) if value == value.to_integral() else value.normalize()
                )
            self.fields[name].widget.attrs["inputmode"] = "decimal"


class FileAccessForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["everyone_reads_all_families"]
