from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from signals.parents.models import CorrectionDecision, CorrectionKind
from signals.reviews.models import ParentRole

AGREEMENT_SLOTS = 3
PARENT_PREFIX = "ouder:"

DATE = {"type": "date"}
INVALID_DATE = {"invalid": _("Vul een geldige datum in.")}


def observation_label(observation):
    when = observation.observed_on.strftime("%d-%m-%Y")
    return f"{observation.category.display_name} ({when})"


class ObservationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return observation_label(obj)


class OneObservationField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return observation_label(obj)


class PrepareForm(forms.Form):
    observations = ObservationChoiceField(
        label=_("Wat wil je bespreken?"),
        queryset=None,
        to_field_name="public_id",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies zelf. Bij elke zorg staat wat je kunt vragen."),
        error_messages={
            "invalid_choice": _("Kies alleen observaties uit de lijst."),
            "invalid_pk_value": _("Kies alleen observaties uit de lijst."),
        },
    )
    planned_on = forms.DateField(
        label=_("Gepland op"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages=INVALID_DATE,
    )
    preparation_note = forms.CharField(
        label=_("Wat wil ik zeggen? (alleen voor jezelf en het team)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, observations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observations"].queryset = observations


class RecordForm(forms.Form):
    held_on = forms.DateField(
        label=_("Datum van het gesprek"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"required": _("Vul de datum van het gesprek in."), **INVALID_DATE},
    )
    with_parents = forms.BooleanField(label=_("ouder(s)"), required=False)
    with_child = forms.BooleanField(label=_("kind"), required=False)
    with_colleagues = forms.BooleanField(label=_("collega's"), required=False)
    with_interpreter = forms.BooleanField(label=_("tolk"), required=False)
    participants_note = forms.CharField(
        label=_("Wie precies"),
        required=False,
        max_length=300,
        help_text=_("Bijvoorbeeld: moeder en oma; tolk Arabisch."),
    )
    parents_view = forms.CharField(
        label=_("Hoe zien de ouders het? In hun eigen woorden"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    help_wanted = forms.CharField(
        label=_("Waar willen ze hulp bij?"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_on = forms.DateField(
        label=_("Volgend gesprek"),
        required=False,
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages=INVALID_DATE,
    )

    def __init__(self, *args, raised=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._add_agreement_fields(members)
        self.raised = list(raised)
        for item in self.raised:
            self.fields[self.response_name(item)] = forms.CharField(
                label=_("Reactie van de ouders"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def _add_agreement_fields(self, members):
        """Agreements of the working list: what, who (a parent, or a member), by when."""
        self.members = {str(m.public_id): m for m in members}
        who = [
            ("", "—"),
            (_("Ouders"), [(PARENT_PREFIX + r.value, r.label) for r in ParentRole]),
            (_("Collega's"), [(key, m.display_name) for key, m in self.members.items()]),
        ]
        for n in range(1, AGREEMENT_SLOTS + 1):
            self.fields[f"agreement_{n}_what"] = forms.CharField(
                label=_("Wat is afgesproken?"), max_length=1000, required=False
            )
            self.fields[f"agreement_{n}_who"] = forms.ChoiceField(
                label=_("Wie doet het?"),
                choices=who,
                required=False,
                error_messages={"invalid_choice": _("Kies wie de afspraak uitvoert.")},
            )
            self.fields[f"agreement_{n}_due_on"] = forms.DateField(
                label=_("Uiterlijk op"),
                required=False,
                widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
                error_messages=INVALID_DATE,
            )

    def agreement_rows(self):
        return [
            (
                n,
                self[f"agreement_{n}_what"],
                self[f"agreement_{n}_who"],
                self[f"agreement_{n}_due_on"],
            )
            for n in range(1, AGREEMENT_SLOTS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(1, AGREEMENT_SLOTS + 1):
            if not data.get(f"agreement_{n}_what"):
                continue
            if not data.get(f"agreement_{n}_who") and f"agreement_{n}_who" not in self.errors:
                self.add_error(f"agreement_{n}_who", _("Kies wie de afspraak uitvoert."))
            if not data.get(f"agreement_{n}_due_on") and f"agreement_{n}_due_on" not in self.errors:
                self.add_error(f"agreement_{n}_due_on", _("Vul in wanneer het klaar moet zijn."))
        return data

    def agreements(self):
        found = []
        for n in range(1, AGREEMENT_SLOTS + 1):
            what = self.cleaned_data.get(f"agreement_{n}_what")
            if not what:
                continue
            who = self.cleaned_data.get(f"agreement_{n}_who") or ""
            parent = who[len(PARENT_PREFIX) :] if who.startswith(PARENT_PREFIX) else ""
            found.append(
                {
                    "what": what,
                    "owner": None if parent else self.members.get(who),
                    "parent_role": parent,
                    "due_on": self.cleaned_data.get(f"agreement_{n}_due_on"),
                }
            )
        return found

    @staticmethod
    def response_name(item):
        return f"response_{item.chain.hex}"

    def raised_rows(self):
        return [(item, self[self.response_name(item)]) for item in self.raised]

    def responses(self):
        return {
            str(item.chain): self.cleaned_data.get(self.response_name(item), "")
            for item in self.raised
        }

    def record_fields(self):
        names = (
            "held_on",
            "with_parents",
            "with_child",
            "with_colleagues",
            "with_interpreter",
            "participants_note",
            "parents_view",
            "help_wanted",
            "next_on",
        )
        return {name: self.cleaned_data.get(name) for name in names}


class SummaryForm(forms.Form):
    """The summary for the parents: a line for each raised observation and each thing that
    goes well, to tick and word for them; nothing is filled in from what colleagues wrote."""

    language = forms.ChoiceField(
        label=_("Taal van de samenvatting"),
        choices=(),
        error_messages={"invalid_choice": _("Kies een taal uit de lijst.")},
    )

    def __init__(self, *args, noticed_sources=(), going_well_sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.noticed_sources = list(noticed_sources)
        self.going_well_sources = list(going_well_sources)
        for prefix, sources, extra in (
            ("noticed", self.noticed_sources, 1),
            ("going_well", self.going_well_sources, 2),
        ):
            for n in range(len(sources) + extra):
                self.fields[f"{prefix}_{n}"] = forms.CharField(
                    label=_("In woorden voor de ouders"),
                    required=False,
                    max_length=600,
                    widget=forms.Textarea(attrs={"rows": 2}),
                )

    def rows(self, prefix):
        sources = self.noticed_sources if prefix == "noticed" else self.going_well_sources
        names = sorted(
            (n for n in self.fields if n.startswith(prefix + "_")),
            key=lambda n: int(n.rsplit("_", 1)[1]),
        )
        return [
            (sources[i] if i < len(sources) else None, self[name]) for i, name in enumerate(names)
        ]

    def noticed_rows(self):
        return self.rows("noticed")

    def going_well_rows(self):
        return self.rows("going_well")

    def texts(self, prefix):
        return [self.cleaned_data.get(bound.name, "") for _source, bound in self.rows(prefix)]


class ParentsViewForm(forms.Form):
    text = forms.CharField(
        label=_("Hoe zien de ouders het? In hun eigen woorden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf op hoe de ouders het zien, in hun eigen woorden.")},
    )


class CorrectionRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat vragen de ouders?"),
        choices=CorrectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat de ouders vragen."),
            "invalid_choice": _("Kies wat de ouders vragen."),
        },
    )
    observation = OneObservationField(
        label=_("Over welke observatie (als het over één gaat)"),
        queryset=None,
        to_field_name="public_id",
        required=False,
        error_messages={"invalid_choice": _("Kies een observatie uit de lijst.")},
    )
    text = forms.CharField(
        label=_("Het verzoek, in de woorden van de ouders"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf het verzoek op, in de woorden van de ouders.")},
    )
    received_on = forms.DateField(
        label=_("Ontvangen op"),
        widget=forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
        error_messages={"required": _("Vul in wanneer het verzoek binnenkwam."), **INVALID_DATE},
    )

    def __init__(self, *args, observations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observation"].queryset = observations


class CorrectionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=CorrectionDecision.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies toekennen of afwijzen."),
            "invalid_choice": _("Kies toekennen of afwijzen."),
        },
    )
    reason = forms.CharField(
        label=_("Onderbouwing (de ouders hebben recht op de reden)"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Schrijf op waarom: de ouders hebben recht op de reden.")},
    )
