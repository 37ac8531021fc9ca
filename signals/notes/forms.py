from django import forms
from django.utils.translation import gettext_lazy as _

from signals.fields import LookupChoiceField, text_field
from signals.notes.models import NoteKind


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=NoteKind.choices,
        initial=NoteKind.QUESTION,
        error_messages={"invalid_choice": _("Kies wat voor notitie dit is.")},
    )
    text = text_field(_("Notitie"), max_length=5000, rows=3)
    observation = LookupChoiceField(label=_("Bij observatie (optioneel)"), required=False)
    confidential = forms.BooleanField(
        label=_("Vertrouwelijk"),
        required=False,
        help_text=_(
            "Alleen jij en de aandachtsfunctionaris lezen deze notitie; het team ziet dat er "
            "een vertrouwelijke notitie is, de datum en wie ze kunnen vragen."
        ),
    )

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

    field_order = ["requested_from", "observation", "message"]

    observation = LookupChoiceField(
        label=_("Over welk signaal? (optioneel)"),
        required=False,
        help_text=_("Wie je vraagt, ziet dit signaal bij je vraag."),
    )

    def __init__(self, *args, colleagues=(), observations=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["requested_from"]
        field.objects = {str(m.public_id): m.user for m in colleagues}
        field.choices = [("", _("— kies —"))] + [
            (str(m.public_id), colleague_label(m)) for m in colleagues
        ]
        obs = self.fields["observation"]
        obs.objects = {str(o.public_id): o for o in observations}
        obs.choices = [("", _("— over het gezin —"))] + [
            (str(o.public_id), f"{o.category.display_name} ({o.observed_on:%d-%m-%Y})")
            for o in observations
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
        # No answer chosen in advance: the colleague chooses (issue 12).
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat voor antwoord dit is."),
            "invalid_choice": _("Kies wat voor antwoord dit is."),
        },
    )
    text = text_field(_("Toelichting"), max_length=5000, rows=3)
