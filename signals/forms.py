"""Forms of the signals app. They check the shape of the input; the services check the rules."""

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from signals.models import (
    AgeGroup,
    Domain,
    Kind,
    LifeArea,
    NoteKind,
    ParentsDiscussed,
    Severity,
)

# PostgreSQL refuses NUL bytes in text: say so in plain Dutch instead of failing later.
TEXT_ERRORS = {"null_characters_not_allowed": _("Tekst bevat ongeldige tekens.")}
EMPTY_CHOICE = ("", "—")


def text_field(label, *, max_length, required=True, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=TEXT_ERRORS,
    )


class LookupChoiceField(forms.ChoiceField):
    """A select whose values are public ids or codes, cleaned to the object behind them."""

    def __init__(self, *args, objects=None, **kwargs):
        self.objects = objects or {}
        super().__init__(*args, **kwargs)

    def clean(self, value):
        key = super().clean(value)
        return self.objects.get(key) if key else None


class ObservationForm(forms.Form):
    """One page: (family), child, category, severity, date, description, acute, parents."""

    child = LookupChoiceField(label=_("Kind"), required=False)
    category = LookupChoiceField(
        label=_("Wat zie je?"),
        help_text=_("Kies uit de signalenlijst; de uitleg verschijnt ernaast."),
        error_messages={"required": _("Kies een categorie uit de signalenlijst.")},
    )
    severity = forms.TypedChoiceField(
        label=_("Ernst"),
        coerce=int,
        choices=[(v, format_lazy("{} · {}", v, label)) for v, label in Severity.choices],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de ernst: 1 (lichte zorg), 2 (zorg) of 3 (ernstige zorg)."),
            "invalid_choice": _("Kies de ernst: 1 (lichte zorg), 2 (zorg) of 3 (ernstige zorg)."),
        },
    )
    observed_on = forms.DateField(
        label=_("Waargenomen op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in (dd-mm-jjjj).")},
    )
    description = text_field(
        _("Wat heb je gezien of gehoord?"),
        max_length=5000,
        rows=5,
        help_text=_("Feitelijk: wat, wanneer, wie zei wat. Geen oordeel, geen diagnose."),
    )
    acute = forms.BooleanField(
        label=_("Acuut gevaar: het kind is nu niet veilig"),
        required=False,
    )
    parents_discussed = forms.ChoiceField(
        label=_("Besproken met de ouders?"),
        choices=ParentsDiscussed.choices,
        initial=ParentsDiscussed.NOT_YET,
        widget=forms.RadioSelect,
    )
    parents_response = text_field(
        _("Hoe reageerden de ouders?"), max_length=2000, required=False, rows=2
    )

    def __init__(self, *args, categories, family=None, families=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_family = family
        cat = self.fields["category"]
        cat.objects = {c.code: c for c in categories}
        cat.choices = [EMPTY_CHOICE, *grouped_category_choices(categories)]
        child = self.fields["child"]
        if family is not None:
            children = list(family.children.all())
            child.objects = {str(c.public_id): c for c in children}
            child.choices = [("", _("— het hele gezin / niet één kind —"))] + [
                (str(c.public_id), child_label(c)) for c in children
            ]
            if len(children) == 1 and not self.is_bound and "child" not in self.initial:
                child.initial = str(children[0].public_id)
            cat.widget.attrs["autofocus"] = True
        else:
            families = list(families or [])
            self.fields = {
                "family": LookupChoiceField(
                    label=_("Gezin"),
                    choices=[("", _("— kies een gezin —"))]
                    + [(str(f.public_id), f.name) for f in families],
                    objects={str(f.public_id): f for f in families},
                    error_messages={"required": _("Kies het gezin.")},
                ),
                **self.fields,
            }
            self.fields["family"].widget.attrs["autofocus"] = True
            child.objects = {str(c.public_id): c for f in families for c in f.children.all()}
            child.choices = [("", _("— het hele gezin / niet één kind —"))] + [
                (f.name, [(str(c.public_id), child_label(c)) for c in f.children.all()])
                for f in families
                if f.children.all()
            ]
        self.fields["observed_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if not self.is_bound and "observed_on" not in self.initial:
            self.fields["observed_on"].initial = timezone.localdate()
        self.fields["category"].widget.attrs["data-category-select"] = ""
        self.fields["acute"].widget.attrs["data-acute-toggle"] = ""
        self.fields["description"].widget.attrs["maxlength"] = 5000
        self.fields["description"].error_messages["required"] = _(
            "Schrijf kort op wat je zag of hoorde."
        )
        for name in ("severity", "parents_discussed"):
            self.fields[name].widget.attrs["class"] = "form-check-input"

    def clean(self):
        data = super().clean()
        family = data.get("family") or self.fixed_family
        child = data.get("child")
        if family is not None and child is not None and child.family_id != family.pk:
            self.add_error("child", _("Dit kind hoort niet bij het gekozen gezin."))
        category = data.get("category")
        if data.get("acute") and category is not None and category.kind == Kind.PROTECTIVE:
            self.add_error(
                "acute",
                _("Alleen een signaal of risicofactor kan acuut zijn, geen beschermende factor."),
            )
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        return {
            "category": data["category"],
            "severity": data["severity"],
            "observed_on": data["observed_on"],
            "description": data["description"],
            "acute": data["acute"],
            "child": data.get("child"),
            "parents_discussed": data["parents_discussed"],
            "parents_response": data.get("parents_response", ""),
        }


class AmendForm(ObservationForm):
    reason = text_field(
        _("Waarom corrigeer je dit?"),
        max_length=2000,
        rows=2,
        help_text=_("Verplicht. Het origineel blijft bewaard en zichtbaar in de geschiedenis."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].widget.attrs.pop("autofocus", None)
        self.fields["reason"].widget.attrs["autofocus"] = True
        self.fields["reason"].error_messages["required"] = _("Schrijf waarom je dit corrigeert.")
        # The reason first: it is what a correction needs most.
        self.order_fields(["reason"])


def child_label(child):
    if child.group_name:
        return f"{child.first_name} ({child.group_name})"
    return child.first_name


def grouped_category_choices(categories):
    """Optgroups per kind and domain, in the order of the Kind and Domain choices."""
    groups = []
    for kind in Kind:
        for domain in Domain:
            options = [
                (c.code, c.display_name)
                for c in categories
                if c.kind == kind.value and c.domain == domain.value
            ]
            if options:
                groups.append((f"{kind.label} · {domain.label}", options))
    return groups


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=NoteKind.choices,
        initial=NoteKind.QUESTION,
        error_messages={"invalid_choice": _("Kies wat voor notitie dit is.")},
    )
    text = text_field(_("Notitie"), max_length=5000, rows=3)
    observation = LookupChoiceField(label=_("Bij observatie (optioneel)"), required=False)

    def __init__(self, *args, observations=(), **kwargs):
        super().__init__(*args, **kwargs)
        obs = self.fields["observation"]
        obs.objects = {str(o.public_id): o for o in observations}
        obs.choices = [("", _("— over het gezin —"))] + [
            (str(o.public_id), f"{o.category.display_name} ({o.observed_on:%d-%m-%Y})")
            for o in observations
        ]


class LookRequestForm(forms.Form):
    requested_from = LookupChoiceField(
        label=_("Wie vraag je?"),
        error_messages={"required": _("Kies een collega of de aandachtsfunctionaris.")},
    )
    message = text_field(
        _("Je vraag"),
        max_length=2000,
        required=False,
        rows=2,
        help_text=_("Bijvoorbeeld: herken jij dit, of zie ik het verkeerd?"),
    )

    def __init__(self, *args, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["requested_from"]
        field.objects = {str(m.public_id): m.user for m in colleagues}
        field.choices = [("", _("— kies —"))] + [
            (str(m.public_id), colleague_label(m)) for m in colleagues
        ]


def colleague_label(membership):
    label = membership.display_name
    if membership.job_title:
        label = f"{label} — {membership.job_title}"
    if membership.is_lead:
        label = f"{label} ({_('aandachtsfunctionaris')})"
    return label


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Je antwoord"),
        choices=[
            (k, NoteKind(k).label)
            for k in (
                NoteKind.RECOGNITION,
                NoteKind.DIFFERENT_VIEW,
                NoteKind.ADVICE,
                NoteKind.GOING_WELL,
                NoteKind.QUESTION,
            )
        ],
        initial=NoteKind.RECOGNITION,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies wat voor antwoord dit is.")},
    )
    text = text_field(_("Toelichting"), max_length=5000, rows=3)


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120, error_messages=TEXT_ERRORS)
    domain = forms.ChoiceField(label=_("Domein"), choices=Domain.choices)
    kind = forms.ChoiceField(label=_("Soort"), choices=Kind.choices)
    weight = forms.TypedChoiceField(
        label=_("Gewicht"),
        coerce=int,
        choices=[(1, "1"), (2, "2"), (3, "3")],
        initial=1,
        help_text=_("Hoe zwaar deze categorie telt in de score (1–3)."),
    )
    life_area = forms.ChoiceField(
        label=_("Levensgebied"), choices=[EMPTY_CHOICE, *LifeArea.choices], required=False
    )
    for_age_0_4 = forms.BooleanField(label=AgeGroup.TODDLER.label, required=False, initial=True)
    for_age_4_12 = forms.BooleanField(label=AgeGroup.CHILD.label, required=False, initial=True)
    for_age_12_18 = forms.BooleanField(label=AgeGroup.TEEN.label, required=False, initial=True)
    explanation = text_field(_("Waarom dit ertoe doet"), max_length=2000, required=False)
    ask = text_field(_("Wat je kunt vragen"), max_length=1000, required=False, rows=2)

    def clean(self):
        data = super().clean()
        if not any(data.get(f) for f in ("for_age_0_4", "for_age_4_12", "for_age_12_18")):
            self.add_error("for_age_0_4", _("Kies minstens één leeftijdsgroep."))
        return data


class CatalogueFilterForm(forms.Form):
    age = forms.ChoiceField(
        label=_("Leeftijd"), choices=[("", _("alle leeftijden")), *AgeGroup.choices], required=False
    )
    domain = forms.ChoiceField(
        label=_("Domein"), choices=[("", _("alle domeinen")), *Domain.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("alle soorten")), *Kind.choices], required=False
    )
