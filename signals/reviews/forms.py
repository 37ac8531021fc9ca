from django import forms
from django.utils.translation import gettext_lazy as _

from signals.reviews.models import Decision

YES_NO = [("", _("niet beantwoord")), ("yes", _("ja")), ("no", _("nee"))]


QUESTION_TEXTS = (
    (
        "q1_suspicion",
        "q1_reason",
        _("1. Is er een vermoeden van (dreiging van) huiselijk geweld of kindermishandeling?"),
    ),
    ("q2_unsafety", "q2_reason", _("2. Is er sprake van acute en/of structurele onveiligheid?")),
    (
        "q3_can_help",
        "q3_reason",
        _("3. Kan ik, gezien mijn rol en competenties, voldoende hulp bieden of organiseren?"),
    ),
    (
        "q4_accepted",
        "q4_reason",
        _("4. Aanvaarden de betrokkenen de hulp en committeren zij zich eraan?"),
    ),
    (
        "q5_effective",
        "q5_reason",
        _("5. Leidt de hulp binnen de afgesproken tijd tot de nodige veiligheid en het welzijn?"),
    ),
)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("Besluit"), choices=[("", "---------"), *Decision.choices])
    rationale = forms.CharField(
        label=_("Onderbouwing"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ook een besluit om niet te melden houdt zijn redenen."),
        error_messages={"required": _("Schrijf de onderbouwing op.")},
    )
    confidential = forms.ChoiceField(
        label=_("Vertrouwelijk"),
        choices=[
            ("", _("standaard: vertrouwelijk bij “melden bij Veilig Thuis”")),
            ("yes", _("vertrouwelijk: alleen aandachtsfunctionarissen lezen het")),
            ("no", _("niet vertrouwelijk: het team leest het")),
        ],
        required=False,
        error_messages={"invalid_choice": _("Kies of de beoordeling vertrouwelijk is.")},
    )
    next_review_on = forms.DateField(
        label=_("Volgende beoordeling op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].error_messages["required"] = _("Kies een besluit.")
        self.fields["decision"].error_messages["invalid_choice"] = _("Kies een besluit.")
        for answer, reason, text in QUESTION_TEXTS:
            self.fields[answer] = forms.ChoiceField(
                label=text,
                choices=YES_NO,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Kies ja of nee.")},
            )
            self.fields[reason] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def questions(self):
        """(answer field, reason field) per question, for the stepped fieldset."""
        return [(self[a], self[r]) for a, r, _t in QUESTION_TEXTS]

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        for answer, _r, _t in QUESTION_TEXTS:
            data[answer] = {"yes": True, "no": False}.get(data.get(answer) or "")
        data["confidential"] = {"yes": True, "no": False}.get(data.get("confidential") or "")
        return data
