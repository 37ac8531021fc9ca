"""The shape of a model's values, checked by the model's own `full_clean`.

Shape rules (required, length, NUL characters, choices, a date not in the future) live on
the models, so that a ModelForm, a service and the shell check them the same way and in
the same Dutch words; a service adds only the rules that span objects (see
`shape_errors`). The extra checks run in `clean_fields` rather than as field validators,
so that a rule or a message changes without a migration.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import EMPTY_VALUES
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

INVALID_CHARACTERS = _("Tekst bevat ongeldige tekens.")
TOO_LONG = _("Dit is te lang: hoogstens %(max)d tekens (nu %(n)d).")
REQUIRED = _("Vul dit veld in.")
# Django's error codes for a missing value, on a model field or a form field.
REQUIRED_CODES = frozenset({"blank", "null", "required"})


def max_length(limit):
    """A check: at most `limit` characters (for text fields without a max_length)."""

    def check(value):
        if isinstance(value, str) and len(value) > limit:
            raise ValidationError(
                TOO_LONG, code="max_length", params={"max": limit, "n": len(value)}
            )

    return check


def not_in_future(message):
    def check(value):
        if isinstance(value, datetime.date) and value > timezone.localdate():
            raise ValidationError(message, code="future")

    return check


def not_in_past(message):
    def check(value):
        if isinstance(value, datetime.date) and value < timezone.localdate():
            raise ValidationError(message, code="past")

    return check


def positive(message):
    def check(value):
        if value <= 0:
            raise ValidationError(message, code="not_positive")

    return check


def between(low, high, message, params=None):
    def check(value):
        if not low <= value <= high:
            raise ValidationError(message, code="range", params=params)

    return check


def _text_problem(field, value):
    if "\x00" in value:
        # PostgreSQL refuses NUL bytes in text: say so in plain Dutch instead of failing later.
        return ValidationError(INVALID_CHARACTERS, code="null_characters_not_allowed")
    if field.max_length is not None and len(value) > field.max_length:
        return ValidationError(
            TOO_LONG, code="max_length", params={"max": field.max_length, "n": len(value)}
        )
    return None


class ShapedModel:
    """A model mixin: `full_clean` strips text (None becomes ""), refuses NUL characters,
    holds every text to its max_length, runs `field_checks` and speaks the Dutch of
    `field_messages`.

    field_checks:   {field name: (check, ...)}, each like a field validator, run when
                    Django's own cleaning of the field passed and the value is not empty.
    field_messages: {field name: {error code: message or (message, params)}}; the code
                    "required" stands for Django's "blank" and "null" too.
    """

    field_checks = {}
    field_messages = {}

    def _get_FIELD_display(self, field):  # noqa: N802 - Django's name, overridden
        """Django's own `get_<field>_display`, with the field's choices read into a dict once:
        Django builds that dict again at every call (~200 calls; the observation form shows
        the kind of each of 80 categories, a timeline each entry's severity)."""
        choices = field.__dict__.get("_stap0_display_choices")
        if choices is None:
            choices = field._stap0_display_choices = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        return force_str(choices.get(make_hashable(value), value), strings_only=True)

    def clean_fields(self, exclude=None):
        exclude = set(exclude or ())
        errors = self._clean_texts(exclude)
        try:
            super().clean_fields(exclude=exclude | set(errors))
        except ValidationError as exc:
            errors.update(exc.error_dict)
        self._run_field_checks(exclude | set(errors), errors)
        if errors:
            raise ValidationError(
                {name: [self._in_dutch(name, e) for e in errs] for name, errs in errors.items()}
            )

    def _clean_texts(self, exclude):
        errors = {}
        for field in self._meta.concrete_fields:
            if field.name in exclude or not isinstance(field, (models.CharField, models.TextField)):
                continue
            value = getattr(self, field.attname)
            if value is None and not field.null:
                value = ""  # Django's convention: an empty text is "", never NULL
            if not isinstance(value, str):
                continue
            value = value.strip()
            setattr(self, field.attname, value)
            problem = _text_problem(field, value)
            if problem is not None:
                errors[field.name] = [problem]
        return errors

    def _run_field_checks(self, skip, errors):
        for name, checks in self.field_checks.items():
            if name in skip:
                continue
            value = getattr(self, self._meta.get_field(name).attname)
            if value in EMPTY_VALUES:
                continue
            for check in checks:
                try:
                    check(value)
                except ValidationError as exc:
                    errors[name] = exc.error_list
                    break

    def _in_dutch(self, name, error):
        code = "required" if error.code in REQUIRED_CODES else error.code
        message = self.field_messages.get(name, {}).get(code)
        if message is None:
            if code == "required" and isinstance(
                self._meta.get_field(name), (models.CharField, models.TextField)
            ):
                message = REQUIRED
            else:
                return error
        params = error.params
        if isinstance(message, tuple):
            message, params = message
        return ValidationError(message, code=error.code, params=params)


def shape_errors(instance, *, exclude=None):
    """`instance.full_clean()`, its errors returned by field instead of raised.

    A service calls it first, adds the rules that span objects for the fields that passed,
    and raises everything at once with `raise_errors`.
    """
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as exc:
        return dict(exc.error_dict)
    return {}


def raise_errors(errors):
    if errors:
        raise ValidationError(errors)
