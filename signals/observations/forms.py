from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from signals.catalogue.models import Domain, Kind
from signals.catalogue.selectors import search_text
from signals.fields import EMPTY_CHOICE, LookupChoiceField, text_field
from signals.observations.models import STRENGTH_LABELS, ParentsDiscussed, Severity


class CategorySelect(forms.Select):
    """The category select; each option carries the text the type-ahead searches
    (static/js/category_picker.js), so that typing three letters finds a category."""

    search = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value in self.search:
            option["attrs"]["data-search"] = self.search[value]
        return option


class ObservationForm(forms.Form):
    """One page: (family), child, category, severity, date, description, acute, parents.

    The form checks each field's shape; whether the child is the family's and whether the
    category may be acute are the service's rules, whose refusals land on these fields.
    """

    child = LookupChoiceField(label=_("Kind"), required=False)
    category = LookupChoiceField(
        widget=CategorySelect,
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
    confidential = forms.BooleanField(
        label=_("Vertrouwelijk"),
        required=False,
        help_text=_(
            "Bijvoorbeeld een onthulling door een kind. Alleen jij en de aandachtsfunctionaris "
            "lezen de inhoud; het team ziet dat er iets is, de datum en wie ze kunnen vragen. "
            "Het telt wel mee in de stapeling."
        ),
    )

    shared_with_partners = forms.BooleanField(
        label=_("Delen met ketenpartners"),
        required=False,
        help_text=_(
            "Een organisatie in de regio die hetzelfde kind kent, leest dan wat je schreef, de "
            "datum en de categorie (niet je naam), maar pas als de ouders aan beide kanten "
            "toestemming gaven voor 'ook zorgen per domein'. Niet bij iets vertrouwelijks."
        ),
    )

    def __init__(self, *args, categories, family=None, families=None, sharing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not sharing:  # the organisation takes part in no region: nothing to share with
            del self.fields["shared_with_partners"]
        self.fixed_family = family
        self._set_categories(categories)
        if family is not None:
            self._set_children_of(family)
        else:
            self._set_families(list(families or []))
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

    def _set_categories(self, categories):
        """The picker's groups and search texts; a protective factor's strength labels."""
        cat = self.fields["category"]
        cat.objects = {c.code: c for c in categories}
        cat.choices = [EMPTY_CHOICE, *grouped_category_choices(categories)]
        cat.widget.search = {c.code: search_text(c) for c in categories}
        self.protective_codes = [c.code for c in categories if not c.counts_as_risk]
        chosen = self.data.get(self.add_prefix("category")) if self.is_bound else None
        chosen = chosen or self.initial.get("category")
        if chosen in self.protective_codes:
            # A protective factor has a strength, not a severity (also without the script).
            severity = self.fields["severity"]
            severity.label = _("Sterkte")
            severity.choices = [(v, f"{v} · {lbl}") for v, lbl in STRENGTH_LABELS.items()]

    def _set_children_of(self, family):
        """Logging for one family: its children to choose from (the only one preselected)."""
        child = self.fields["child"]
        children = list(family.children.all())
        child.objects = {str(c.public_id): c for c in children}
        child.choices = [("", _("— het hele gezin / niet één kind —"))] + [
            (str(c.public_id), child_label(c)) for c in children
        ]
        if len(children) == 1 and not self.is_bound and "child" not in self.initial:
            child.initial = str(children[0].public_id)
        self.fields["category"].widget.attrs["autofocus"] = True

    def _set_families(self, families):
        """Logging from a list: the family first, then a child grouped under its family."""
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
        child = self.fields["child"]
        child.objects = {str(c.public_id): c for f in families for c in f.children.all()}
        child.choices = [("", _("— het hele gezin / niet één kind —"))] + [
            (f.name, [(str(c.public_id), child_label(c)) for c in f.children.all()])
            for f in families
            if f.children.all()
        ]

    def severity_words(self):
        """The severity's labels for a risk and for a protective factor ("sterkte"): the form's
        script swaps them when the category changes (json_script on the page)."""
        return {
            "protective": self.protective_codes,
            "risk": {
                "label": str(_("Ernst")),
                "choices": {v: str(lbl) for v, lbl in Severity.choices},
            },
            "strength": {
                "label": str(_("Sterkte")),
                "choices": {v: str(lbl) for v, lbl in STRENGTH_LABELS.items()},
            },
        }

    def service_kwargs(self):
        data = self.cleaned_data
        extra = {"ended_on": data.get("ended_on")} if "ended_on" in self.fields else {}
        return {
            **extra,
            "category": data["category"],
            "severity": data["severity"],
            "observed_on": data["observed_on"],
            "description": data["description"],
            "acute": data["acute"],
            "child": data.get("child"),
            "parents_discussed": data["parents_discussed"],
            "parents_response": data.get("parents_response", ""),
            "confidential": bool(data.get("confidential")),
            # Not offered (no region any more): a correction keeps what was chosen before.
            "shared_with_partners": bool(
                data["shared_with_partners"]
                if "shared_with_partners" in self.fields
                else self.initial.get("shared_with_partners")
            ),
        }


class AmendForm(ObservationForm):
    """A correction; for a lasting risk factor also "niet meer van toepassing sinds"."""

    reason = text_field(
        _("Waarom corrigeer je dit?"),
        max_length=2000,
        rows=2,
        help_text=_("Verplicht. Het origineel blijft bewaard en zichtbaar in de geschiedenis."),
    )

    def __init__(self, *args, lasting=False, **kwargs):
        super().__init__(*args, **kwargs)
        if lasting:
            self.fields["ended_on"] = forms.DateField(
                label=_("Niet meer van toepassing sinds"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                help_text=_(
                    "Een blijvende risicofactor telt volledig tot hij voorbij is. Vul de dag in "
                    "vanaf wanneer hij niet meer van toepassing is; leeg: hij geldt nog."
                ),
                error_messages={"invalid": _("Vul een geldige datum in (dd-mm-jjjj).")},
            )
            self.fields["ended_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["category"].widget.attrs.pop("autofocus", None)
        self.fields["reason"].widget.attrs["autofocus"] = True
        self.fields["reason"].error_messages["required"] = _("Schrijf waarom je dit corrigeert.")
        if self.initial.get("confidential"):
            # A confidential observation stays confidential: a correction cannot unmark it.
            self.fields["confidential"].disabled = True
            self.fields["confidential"].help_text = _(
                "Deze observatie is vertrouwelijk en blijft dat."
            )
        # The reason first: it is what a correction needs most.
        self.order_fields(["reason"])


def child_label(child):
    if child.group_name:
        return f"{child.first_name} ({child.group_name})"
    return child.first_name


GROUP_LABELS = {
    (Kind.SIGNAL, Domain.CHILD): _("Wat je aan het kind ziet"),
    (Kind.RISK, Domain.CHILD): _("Zorg: bij het kind"),
    (Kind.RISK, Domain.PARENT): _("Zorg: bij een ouder"),
    (Kind.RISK, Domain.FAMILY): _("Zorg: in het gezin"),
    (Kind.RISK, Domain.ENVIRONMENT): _("Zorg: in de omgeving"),
    (Kind.PROTECTIVE, Domain.CHILD): _("Wat goed gaat: bij het kind"),
    (Kind.PROTECTIVE, Domain.PARENT): _("Wat goed gaat: bij een ouder"),
    (Kind.PROTECTIVE, Domain.FAMILY): _("Wat goed gaat: in het gezin"),
    (Kind.PROTECTIVE, Domain.ENVIRONMENT): _("Wat goed gaat: in de omgeving"),
}


def grouped_category_choices(categories):
    """Optgroups per kind and domain, in the order of the Kind and Domain choices, named as a
    person would say them ("Zorg: bij een ouder", "Wat goed gaat: in het gezin")."""
    by_group = {}
    for c in categories:  # one pass, in the categories' own order within each group
        by_group.setdefault((c.kind, c.domain), []).append((c.code, c.display_name))
    groups = []
    for kind in Kind:
        for domain in Domain:
            options = by_group.get((kind.value, domain.value))
            if options:
                label = GROUP_LABELS.get((kind, domain)) or f"{kind.label} · {domain.label}"
                groups.append((label, options))
    return groups
