from django import forms

from organisations.shape import INVALID_CHARACTERS

# PostgreSQL refuses NUL bytes in text: say so in plain Dutch instead of failing later.
TEXT_ERRORS = {"null_characters_not_allowed": INVALID_CHARACTERS}


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
