"""Forms of the account pages: invitations, choosing a password, resetting a second factor."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from .models import Role

# A password longer than this is refused before it is hashed (no hashing as a DoS).
PASSWORD_MAX_LENGTH = 1024


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("e-mailadres"), max_length=254)
    role = forms.ChoiceField(label=_("rol"), choices=Role.choices, initial=Role.PROFESSIONAL)
    job_title = forms.CharField(
        label=_("functie"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld leerkracht groep 5, intern begeleider, jeugdarts."),
    )


class AcceptForm(forms.Form):
    """The invited colleague chooses a username and password; the address is the invitation's."""

    username = forms.RegexField(
        label=_("gebruikersnaam"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Alleen letters, cijfers en de tekens @ . + - _")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    first_name = forms.CharField(label=_("voornaam"), max_length=150)
    last_name = forms.CharField(label=_("achternaam"), max_length=150, required=False)
    password1 = forms.CharField(
        label=_("kies een wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        validators=[MaxLengthValidator(PASSWORD_MAX_LENGTH)],
        help_text=_("Minstens 10 tekens; geen veelgebruikt wachtwoord en niet alleen cijfers."),
    )
    password2 = forms.CharField(
        label=_("wachtwoord nog een keer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        validators=[MaxLengthValidator(PASSWORD_MAX_LENGTH)],
    )

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("De twee wachtwoorden zijn niet gelijk."))
        elif one:
            try:
                password_validation.validate_password(one)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class BoundedPasswordResetForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )


class BoundedSetPasswordForm(SetPasswordForm):
    """Django's form to choose a new password, with Dutch labels and a length bound."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("nieuw wachtwoord")
        self.fields["new_password2"].label = _("nieuw wachtwoord nog een keer")
        for name in ("new_password1", "new_password2"):
            self.fields[name].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))
