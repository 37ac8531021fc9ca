"""organisations.formtools: a service's refusal lands on the form, never as a 500."""

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from organisations.formtools import add_service_errors, call_service


class NameForm(forms.Form):
    name = forms.CharField()


def _validated(data=None):
    form = NameForm(data or {"name": "Jansen"})
    assert form.is_valid()
    return form


@pytest.mark.parametrize(
    ("error", "where"),
    [
        (ValidationError({"name": "Bestaat al."}), "name"),
        (ValidationError({"colour": "Bestaat al."}), NON_FIELD_ERRORS),
        (ValidationError({NON_FIELD_ERRORS: "Bestaat al."}), NON_FIELD_ERRORS),
        (ValidationError("Bestaat al."), NON_FIELD_ERRORS),
        (ValidationError(["Bestaat al."]), NON_FIELD_ERRORS),
    ],
)
def test_each_refusal_lands_where_the_page_shows_it(error, where):
    form = _validated()
    add_service_errors(form, error)
    assert form.errors == {where: ["Bestaat al."]}
    assert not form.is_valid()


def test_messages_with_parameters_are_filled_in():
    form = _validated()
    add_service_errors(
        form, ValidationError({"name": ValidationError("Nog %(n)d.", params={"n": 3})})
    )
    assert form.errors["name"] == ["Nog 3."]


def test_call_service_returns_the_result_or_none():
    form = _validated()
    assert call_service(form, lambda *, name: name.upper(), name="x") == "X"

    def refuse(**kwargs):
        raise ValidationError({"name": "Nee."})

    assert call_service(form, refuse, name="x") is None
    assert form.errors == {"name": ["Nee."]}
