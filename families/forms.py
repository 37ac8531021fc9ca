"""Forms of the family file. As ModelForms they check the models' shape rules (full_clean,
organisations.shape); the services add what spans objects."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership
from organisations.scoping import CASE_ROLES

from .models import ChainPartner, Child, Family, NetworkMember, SupportCheck


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class ContactPersonField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.job_title:
            return f"{obj.display_name} ({obj.job_title})"
        return obj.display_name


class FamilyForm(forms.ModelForm):
    contact_person = ContactPersonField(
        label=_("vaste contactpersoon"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=_("(nog niemand)"),
        help_text=_("De collega die voor de lange duur bij dit gezin blijft."),
    )

    monitoring_interval_weeks = forms.IntegerField(
        label=_("monitoren elke (weken)"),
        min_value=1,
        max_value=104,
        required=False,
        help_text=_("Bijvoorbeeld 8: elke acht weken kijken hoe het gaat."),
    )

    class Meta:
        model = Family
        fields = [
            "name",
            "contact_person",
            "long_term_support",
            "monitoring_interval_weeks",
            "next_check_on",
            "support_notes",
        ]
        help_texts = {
            "name": _(
                "Een naam of kenmerk dat je collega's herkennen, bijvoorbeeld "
                "'Familie Jansen (groep 3)'. Nooit een BSN."
            ),
            "next_check_on": _("Leeg laten: vandaag plus het interval."),
        }
        widgets = {
            "next_check_on": DateInput(),
            "support_notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = (
            Membership.objects.active()
            .filter(organisation=organisation, role__in=CASE_ROLES)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__username")
        )
        self.fields["name"].widget.attrs["autocomplete"] = "off"


class ChildForm(forms.ModelForm):
    class Meta:
        model = Child
        fields = ["first_name", "last_name", "birth_date", "group_name"]
        widgets = {"birth_date": DateInput()}
        help_texts = {
            "group_name": _("Bijvoorbeeld groep 3, peuters of dreumesgroep."),
            "last_name": _(
                "Niet verplicht. Alleen nodig om elkaar in de regio te vinden (Samenwerken)."
            ),
        }


class NetworkMemberForm(forms.ModelForm):
    class Meta:
        model = NetworkMember
        fields = ["name", "relationship", "relationship_detail", "how_they_help", "contact"]
        widgets = {"how_they_help": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "relationship_detail": _("Bijvoorbeeld: oma van moederskant, buurvrouw op nummer 12."),
            "contact": _("Telefoon of hoe je deze persoon anders bereikt."),
        }


class ChainPartnerForm(forms.ModelForm):
    class Meta:
        model = ChainPartner
        fields = [
            "organisation_name",
            "contact_person",
            "contact_details",
            "responsibility",
            "expectations",
            "consent_basis",
        ]
        widgets = {
            "responsibility": forms.Textarea(attrs={"rows": 3}),
            "expectations": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "organisation_name": _("Bijvoorbeeld wijkteam, GGD, schoolmaatschappelijk werk."),
            "responsibility": _("Wat doet deze partner, zodat nooit twijfel is wie wat doet."),
        }


class SupportCheckForm(forms.ModelForm):
    class Meta:
        model = SupportCheck
        fields = ["checked_on", "outcome", "findings"]
        widgets = {
            "checked_on": DateInput(),
            "outcome": forms.RadioSelect,
            "findings": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "findings": _(
                "In gewone woorden: hoe gaat het thuis, wat gaat goed, waar zijn zorgen over. "
                "Zie je een nieuw risico? Leg dat daarnaast vast met 'Signaal vastleggen'."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = self.fields["outcome"].choices[1:]  # no empty option
        if not self.is_bound:
            self.fields["checked_on"].initial = timezone.localdate()
        self.fields["checked_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op gezinsnaam of voornaam van een kind"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "type": "search"}),
    )


# Need-to-know: the team, access requests, "nu openen" ---------------------------------

NUL_MESSAGE = _("Tekst bevat ongeldige tekens.")


def reason_field(label, *, required=True, help_text="", required_message=None):
    field = forms.CharField(
        label=label,
        max_length=1000,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"null_characters_not_allowed": NUL_MESSAGE},
    )
    if required_message:
        field.error_messages["required"] = required_message
    return field


class AccessRequestForm(forms.Form):
    reason = reason_field(
        _("Waarom heb je het dossier nodig?"),
        help_text=_(
            "De vaste contactpersoon en de aandachtsfunctionaris lezen dit en beslissen. "
            "Schrijf geen details over het gezin op."
        ),
        required_message=_("Schrijf waarom je het dossier nodig hebt."),
    )


class GlassBreakForm(forms.Form):
    reason = reason_field(
        _("Waarom moet je het dossier nu openen?"),
        help_text=_(
            "Verplicht. Het dossier gaat 24 uur voor je open. Dit staat in de toegangslog en "
            "de aandachtsfunctionaris krijgt er bericht van."
        ),
        required_message=_("Schrijf waarom je het dossier nu moet openen."),
    )


class TeamMemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        label = obj.display_name
        if obj.job_title:
            label = f"{label} ({obj.job_title})"
        return label


class TeamAddForm(forms.Form):
    membership = TeamMemberChoiceField(
        label=_("Wie voeg je toe?"),
        queryset=Membership.objects.none(),
        to_field_name="public_id",
        empty_label=_("— kies een collega —"),
        error_messages={
            "required": _("Kies een collega."),
            "invalid_choice": _("Kies een collega uit de lijst."),
        },
    )
    note = reason_field(
        _("Waarom?"),
        help_text=_("Bijvoorbeeld: nieuwe leerkracht van Daan vanaf januari."),
        required_message=_("Schrijf waarom deze collega het dossier nodig heeft."),
    )

    def __init__(self, *args, family, **kwargs):
        super().__init__(*args, **kwargs)
        in_team = family.team.filter(removed_at__isnull=True).values("user_id")
        self.fields["membership"].queryset = (
            Membership.objects.active()
            .filter(organisation=family.organisation, role__in=CASE_ROLES)
            .exclude(user_id__in=in_team)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "user__username")
        )


class TeamRemoveForm(forms.Form):
    reason = reason_field(
        _("Waarom haal je deze persoon uit het team?"),
        required_message=_("Schrijf waarom je deze persoon uit het team haalt."),
    )


class AccessDecisionForm(forms.Form):
    GRANT, REFUSE = "grant", "refuse"
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[(GRANT, _("toegang geven")), (REFUSE, _("weigeren"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies: toegang geven of weigeren."),
            "invalid_choice": _("Kies: toegang geven of weigeren."),
        },
    )
    note = reason_field(_("Toelichting (optioneel)"), required=False)
