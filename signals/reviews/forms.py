from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from signals.reviews.models import AFWEGINGSVRAGEN, Decision

YES_NO = [("", _("niet beantwoord")), ("yes", _("ja")), ("no", _("nee"))]


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
        self.fields["next_review_on"].help_text = _(
            "Leeg bij “blijven volgen” of “hulp georganiseerd”: over %(weeks)d weken."
        ) % {"weeks": settings.STAP0_NEXT_REVIEW_WEEKS}
        self.fields["decision"].error_messages["required"] = _("Kies een besluit.")
        self.fields["decision"].error_messages["invalid_choice"] = _("Kies een besluit.")
        for question in AFWEGINGSVRAGEN:
            self.fields[question.answer] = forms.ChoiceField(
                label=question.text,
                choices=YES_NO,
                required=False,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Kies ja of nee.")},
            )
            self.fields[question.reason] = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def questions(self):
        """(answer field, reason field) per question, for the stepped fieldset."""
        return [(self[q.answer], self[q.reason]) for q in AFWEGINGSVRAGEN]

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        for q in AFWEGINGSVRAGEN:
            data[q.answer] = {"yes": True, "no": False}.get(data.get(q.answer) or "")
        data["confidential"] = {"yes": True, "no": False}.get(data.get("confidential") or "")
        return data
