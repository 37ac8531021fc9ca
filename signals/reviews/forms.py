from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signals.fields import EMPTY_CHOICE, TEXT_ERRORS, LookupChoiceField
from signals.reviews.models import AFWEGINGSVRAGEN, Decision

YES_NO = [("", _("niet beantwoord")), ("yes", _("ja")), ("no", _("nee"))]
STILL = [("yes", _("ja, nog van toepassing")), ("no", _("nee, niet meer"))]
DATE = {"invalid": _("Vul een geldige datum in.")}

# Room for this many agreements on one review, without script.
AGREEMENT_SLOTS = 3


def date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages=DATE,
        **kwargs,
    )


class ReviewForm(forms.Form):
    """The review: the afwegingskader, the decision (with a report to Veilig Thuis), the
    family's lasting risk factors ("nog van toepassing?") and the agreements it ends in.

    `lasting`: the family's current lasting factors (latest versions); `members`: the
    memberships an agreement can be given to.
    """

    decision = forms.ChoiceField(label=_("Besluit"), choices=[("", "---------"), *Decision.choices])
    rationale = forms.CharField(
        label=_("Onderbouwing"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ook een besluit om niet te melden houdt zijn redenen."),
        error_messages={"required": _("Schrijf de onderbouwing op."), **TEXT_ERRORS},
    )
    vt_reported_on = date_field(
        _("Gemeld bij Veilig Thuis op"),
        help_text=_("Alleen bij 'melden bij Veilig Thuis'."),
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
    vt_reference = forms.CharField(
        label=_("Kenmerk van Veilig Thuis"),
        max_length=100,
        required=False,
        help_text=_("Als je het al hebt; anders later, bij de reactie van Veilig Thuis."),
        error_messages=TEXT_ERRORS,
    )
    next_review_on = date_field(_("Volgende beoordeling op"))

    def __init__(self, *args, lasting=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_review_on"].help_text = _(
            "Leeg bij “blijven volgen” of “hulp georganiseerd”: over %(weeks)d weken."
        ) % {"weeks": settings.STAP0_NEXT_REVIEW_WEEKS}
        self.fields["decision"].error_messages["required"] = _("Kies een besluit.")
        self.fields["decision"].error_messages["invalid_choice"] = _("Kies een besluit.")
        self.fields["decision"].widget.attrs["data-decision"] = ""
        today = timezone.localdate()
        for name in ("vt_reported_on",):
            self.fields[name].widget.attrs["max"] = today.isoformat()
        self.fields["next_review_on"].widget.attrs["min"] = today.isoformat()
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
                error_messages=TEXT_ERRORS,
            )
        self.lasting = list(lasting)
        for obs in self.lasting:
            self.fields[self._still(obs)] = forms.ChoiceField(
                label=obs.category.display_name,
                choices=STILL,
                initial="yes",
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[self._ended(obs)] = date_field(_("Niet meer van toepassing sinds"))
            self.fields[self._ended(obs)].widget.attrs["max"] = today.isoformat()
        owners = {str(m.public_id): m for m in members}
        choices = [EMPTY_CHOICE, *((key, _member_label(m)) for key, m in owners.items())]
        for n in range(1, AGREEMENT_SLOTS + 1):
            self.fields[f"agreement_{n}_what"] = forms.CharField(
                label=_("Wat is afgesproken?"),
                max_length=1000,
                required=False,
                error_messages=TEXT_ERRORS,
            )
            self.fields[f"agreement_{n}_owner"] = LookupChoiceField(
                label=_("Wie"), choices=choices, objects=owners, required=False
            )
            self.fields[f"agreement_{n}_due_on"] = date_field(_("Uiterlijk op"))
            self.fields[f"agreement_{n}_due_on"].widget.attrs["min"] = today.isoformat()

    @staticmethod
    def _still(obs):
        return f"lasting_{obs.chain.hex}"

    @staticmethod
    def _ended(obs):
        return f"lasting_{obs.chain.hex}_ended_on"

    def questions(self):
        """(answer field, reason field) per question, for the stepped fieldset."""
        return [(self[q.answer], self[q.reason]) for q in AFWEGINGSVRAGEN]

    def lasting_rows(self):
        """(observation, "nog van toepassing?" field, "sinds" field) per lasting factor."""
        return [(obs, self[self._still(obs)], self[self._ended(obs)]) for obs in self.lasting]

    def agreement_rows(self):
        return [
            (
                n,
                self[f"agreement_{n}_what"],
                self[f"agreement_{n}_owner"],
                self[f"agreement_{n}_due_on"],
            )
            for n in range(1, AGREEMENT_SLOTS + 1)
        ]

    def clean(self):
        data = super().clean()
        for obs in self.lasting:
            if data.get(self._still(obs)) == "no" and not data.get(self._ended(obs)):
                self.add_error(
                    self._ended(obs), _("Vul in sinds wanneer dit niet meer van toepassing is.")
                )
        for n in range(1, AGREEMENT_SLOTS + 1):
            names = {
                "what": (f"agreement_{n}_what", _("Schrijf op wat er is afgesproken.")),
                "owner": (f"agreement_{n}_owner", _("Kies wie de afspraak uitvoert.")),
                "due_on": (f"agreement_{n}_due_on", _("Vul in wanneer het klaar moet zijn.")),
            }
            given = {key: data.get(name) for key, (name, _m) in names.items()}
            if any(given.values()):
                for key, (name, message) in names.items():
                    if not given[key] and name not in self.errors:
                        self.add_error(name, message)
        return data

    def service_kwargs(self):
        data = self.cleaned_data
        kwargs = {
            "decision": data["decision"],
            "rationale": data["rationale"],
            "next_review_on": data.get("next_review_on"),
            "vt_reported_on": data.get("vt_reported_on"),
            "vt_reference": data.get("vt_reference") or "",
        }
        for q in AFWEGINGSVRAGEN:
            kwargs[q.answer] = {"yes": True, "no": False}.get(data.get(q.answer) or "")
            kwargs[q.reason] = data.get(q.reason) or ""
        kwargs["confidential"] = {"yes": True, "no": False}.get(data.get("confidential") or "")
        kwargs["lasting_ended"] = [
            (obs, data.get(self._ended(obs)))
            for obs in self.lasting
            if data.get(self._still(obs)) == "no"
        ]
        kwargs["agreements"] = [
            {
                "what": data.get(f"agreement_{n}_what"),
                "owner": data.get(f"agreement_{n}_owner"),
                "due_on": data.get(f"agreement_{n}_due_on"),
            }
            for n in range(1, AGREEMENT_SLOTS + 1)
            if data.get(f"agreement_{n}_what")
        ]
        return kwargs

    def stop_step(self):
        """Where the walk stops on the answers sent (1 to 5), or None; for the page without
        script (static/js/review_form.js shows the same as it happens)."""
        if not self.is_bound:
            return None
        answer = {q.answer: self.data.get(q.answer, "") for q in AFWEGINGSVRAGEN}
        if answer["q1_suspicion"] == "no":
            return 1
        if answer["q2_unsafety"] == "yes":
            return 2
        for n, name in ((3, "q3_can_help"), (4, "q4_accepted"), (5, "q5_effective")):
            if answer[name] == "no":
                return n
        return None


def _member_label(membership):
    if membership.job_title:
        return f"{membership.display_name} ({membership.job_title})"
    return membership.display_name


class VeiligThuisAnswerForm(forms.Form):
    vt_answer = forms.CharField(
        label=_("Wat antwoordde Veilig Thuis?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Schrijf op wat Veilig Thuis heeft geantwoord."),
            **TEXT_ERRORS,
        },
    )
    vt_answered_on = forms.DateField(
        label=_("Ontvangen op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul in wanneer het antwoord kwam."), **DATE},
    )
    vt_reference = forms.CharField(
        label=_("Kenmerk van Veilig Thuis"),
        max_length=100,
        required=False,
        error_messages=TEXT_ERRORS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["vt_answered_on"].initial = timezone.localdate()
        self.fields["vt_answered_on"].widget.attrs["max"] = timezone.localdate().isoformat()


class AgreementCloseForm(forms.Form):
    done = forms.ChoiceField(
        label=_("Is het gedaan?"),
        choices=[("yes", _("gedaan")), ("no", _("niet gedaan"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies gedaan of niet gedaan.")},
    )
    note = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als het niet gedaan is: wat liep er anders?"),
        error_messages=TEXT_ERRORS,
    )

    def service_kwargs(self):
        return {"done": self.cleaned_data["done"] == "yes", "note": self.cleaned_data["note"]}
