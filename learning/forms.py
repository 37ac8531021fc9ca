from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signals.catalogue.models import AgeGroup
from signals.fields import EMPTY_CHOICE, TEXT_ERRORS, LookupChoiceField, text_field

from .services import MAX_FAMILIES

DATE_WIDGET = {"type": "date"}
DATE_ERRORS = {"invalid": _("Vul een geldige datum in.")}


def member_choices(members):
    owners = {str(m.public_id): m for m in members}
    labels = [
        (key, f"{m.display_name} ({m.job_title})" if m.job_title else m.display_name)
        for key, m in owners.items()
    ]
    return owners, [EMPTY_CHOICE, *labels]


class ConsultationForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"), max_length=120, initial=_("Casusoverleg"), error_messages=TEXT_ERRORS
    )
    meets_on = forms.DateField(
        label=_("Datum van het overleg"),
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )
    agenda = text_field(
        _("Agenda"),
        max_length=2000,
        required=False,
        rows=4,
        help_text=_("Een punt per regel, zonder namen. De casussen komen er vanzelf bij."),
    )
    families = forms.MultipleChoiceField(
        label=_("Gezinnen om te bespreken"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Van de werklijst: eerst de gezinnen met de meeste zorgen (1 tot %(n)s).")
        % {"n": MAX_FAMILIES},
        error_messages={"required": _("Kies minstens één gezin.")},
    )

    def __init__(self, *args, families=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.family_objects = {str(f.public_id): f for f in families}
        self.fields["families"].choices = [
            (key, f"{f.name} · {f.status_label}") for key, f in self.family_objects.items()
        ]
        self.fields["meets_on"].initial = timezone.localdate()

    def clean_families(self):
        return [self.family_objects[key] for key in self.cleaned_data["families"]]


class SentencesForm(forms.Form):
    sentences = text_field(
        _("Eigen zinnen (een per regel)"),
        max_length=2000,
        required=False,
        rows=3,
        help_text=_(
            "Alleen wat de casus nodig heeft, zonder namen, zonder geboortedatum. Elke zin "
            "wordt nagekeken op namen van gezinnen, kinderen, netwerk en collega's."
        ),
    )
    approved = forms.BooleanField(
        label=_("Ik heb elke zin nagelezen en keur ze goed voor het overleg"), required=False
    )


class OutcomeForm(forms.Form):
    advice = text_field(_("Advies van het overleg"), max_length=2000, rows=4)
    follow_up_by = LookupChoiceField(label=_("Wie volgt op"))
    agreement_what = forms.CharField(
        label=_("Afspraak (optioneel): wat"),
        max_length=1000,
        required=False,
        error_messages=TEXT_ERRORS,
    )
    agreement_owner = LookupChoiceField(label=_("Wie voert de afspraak uit"), required=False)
    agreement_due_on = forms.DateField(
        label=_("Uiterlijk op"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        owners, choices = member_choices(members)
        for name in ("follow_up_by", "agreement_owner"):
            self.fields[name].choices = choices
            self.fields[name].objects = owners
        self.fields["follow_up_by"].error_messages["required"] = _("Kies wie opvolgt.")
        self.fields["agreement_due_on"].widget.attrs["min"] = timezone.localdate().isoformat()


class StoryForm(forms.Form):
    story = text_field(
        _("Wat maakte het verschil?"),
        max_length=2000,
        rows=5,
        help_text=_(
            "In een paar regels, voor jezelf en de aandachtsfunctionaris. Dit blijft in het "
            "dossier; het team ziet alleen de versie zonder namen die de aandachtsfunctionaris "
            "goedkeurt."
        ),
    )


class ApproveForm(forms.Form):
    shared_text = text_field(
        _("Tekst voor het team (zonder namen)"),
        max_length=2000,
        rows=5,
        help_text=_(
            "Noem geen gezin, kind, netwerklid of collega: stap0 kijkt de tekst na op de namen "
            "van je organisatie."
        ),
    )
    categories = forms.MultipleChoiceField(
        label=_("Bij welke signalen hoort dit?"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"required": _("Kies bij welke signalen dit hoort.")},
    )
    age_band = forms.ChoiceField(
        label=_("Leeftijdsgroep"), choices=[EMPTY_CHOICE, *AgeGroup.choices], required=False
    )

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category_objects = {c.code: c for c in categories}
        self.fields["categories"].choices = [
            (c.code, c.name) for c in self.category_objects.values()
        ]

    def clean_categories(self):
        return [self.category_objects[code] for code in self.cleaned_data["categories"]]


class WhatWorkedFilterForm(forms.Form):
    category = forms.ChoiceField(label=_("Signaal"), required=False)
    age = forms.ChoiceField(
        label=_("Leeftijdsgroep"),
        choices=[("", _("alle leeftijden")), *AgeGroup.choices],
        required=False,
    )
    q = forms.CharField(label=_("Zoeken in de tekst"), max_length=100, required=False)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.category_objects = {c.code: c for c in categories}
        self.fields["category"].choices = [
            ("", _("alle signalen")),
            *((c.code, c.name) for c in self.category_objects.values()),
        ]
