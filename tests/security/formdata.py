"""Valid POST data for any Django form, read from the form itself.

The fuzz and access-log tests take the form a page renders, fill it with the
smallest valid values, and then vary one text field at a time. Reading the
form keeps them right while other issues change their forms.
"""

import datetime

from django import forms
from django.db import models
from django.utils import timezone


def _first_choice(field):
    for value, label in field.choices:
        if isinstance(label, (list, tuple)):  # an optgroup
            for inner_value, _ in label:
                if inner_value not in ("", None):
                    return inner_value
        elif value not in ("", None):
            return value
    return ""


def _first_object(field):
    first = field.queryset.first()
    return None if first is None else str(getattr(first, field.to_field_name or "pk"))


def _first_objects(field, name):
    first = _first_object(field)
    return [first] if first is not None else []


def _first_choices(field, name):
    first = _first_choice(field)
    return [first] if first != "" else []


def _choice_value(field, name):
    value = _first_choice(field)
    return value.value if hasattr(value, "value") else value


def _number(field, name):
    low = field.min_value if getattr(field, "min_value", None) is not None else 1
    return str(max(low, 1))


# The smallest valid value per kind of field; the first kind that matches wins, so a
# subclass comes before its parent (ModelChoiceField is a ChoiceField).
_BY_KIND = (
    (forms.BooleanField, lambda field, name: None),  # unchecked
    (forms.ModelMultipleChoiceField, _first_objects),
    (forms.ModelChoiceField, lambda field, name: _first_object(field) or ""),
    (forms.MultipleChoiceField, _first_choices),
    (forms.ChoiceField, _choice_value),
    (forms.DateField, lambda field, name: timezone.localdate().isoformat()),
    (forms.DateTimeField, lambda field, name: timezone.localtime().strftime("%Y-%m-%d %H:%M")),
    (forms.TimeField, lambda field, name: datetime.time(12, 0).isoformat()),
    ((forms.IntegerField, forms.DecimalField, forms.FloatField), _number),
    (forms.EmailField, lambda field, name: "iemand@example.invalid"),
)


def _value(field, name):
    for kind, make in _BY_KIND:
        if isinstance(field, kind):
            return make(field, name)
    if isinstance(field, forms.RegexField) or "username" in name:
        return "gebruiker1"
    if "password" in name:
        return "Een-lang-wachtwoord-42!"
    return "Gewone tekst"


def valid_data(form, *, overrides=None):
    """The form's initial values where it has them, else the smallest valid value."""
    data = {}
    for name, field in form.fields.items():
        initial = form.get_initial_for_field(field, name)
        if initial not in (None, "", []) and not isinstance(field, forms.BooleanField):
            if isinstance(initial, models.Model):
                initial = getattr(initial, getattr(field, "to_field_name", None) or "pk")
            elif isinstance(initial, (datetime.date, datetime.datetime)):
                initial = initial.isoformat()[:10]
            elif hasattr(initial, "value"):  # a TextChoices member
                initial = initial.value
            data[name] = initial if isinstance(initial, list) else str(initial)
            continue
        if not field.required:
            continue
        value = _value(field, name)
        if value is not None:
            data[name] = value
    data.update(overrides or {})
    return {form.add_prefix(k): v for k, v in data.items() if v is not None}


def text_fields(form):
    """Names of the free-text fields a user can type into."""
    return [
        name
        for name, field in form.fields.items()
        if type(field) in (forms.CharField, forms.RegexField, forms.EmailField)
        or (isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField))
    ]


def form_of(response):
    """The first form in the response's template context."""
    for context in response.context or []:
        for key in ("form", "filter_form", "search_form"):
            if key in context and isinstance(context[key], forms.BaseForm):
                return context[key]
    raise LookupError("no form in the response context")
