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
        fields = ["first_name", "birth_date", "group_name"]
        widgets = {"birth_date": DateInput()}
        help_texts = {"group_name": _("Bijvoorbeeld groep 3, peuters of dreumesgroep.")}


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
