"""organisations.shape: a model's full_clean holds its shape rules, in the app's Dutch."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from families.forms import ChildForm
from families.models import ChainPartner, Child, Family
from organisations.models import Organisation
from organisations.shape import shape_errors
from tests.factories import FamilyFactory


@pytest.fixture
def family(org_a):
    return FamilyFactory(organisation=org_a)


def _messages(instance, **kwargs):
    with pytest.raises(ValidationError) as exc:
        instance.full_clean(**kwargs)
    return exc.value.message_dict


def test_text_is_stripped_and_none_becomes_empty(db):
    organisation = Organisation(name="  De Regenboog ")
    organisation.full_clean()
    assert organisation.name == "De Regenboog"
    assert _messages(Organisation(name=None)) == {"name": ["Vul dit veld in."]}


def test_nul_characters_and_long_text_get_one_clear_message(org_a):
    family = Family(organisation=org_a, name="voor\x00na", support_notes="x")
    assert _messages(family, exclude=["created_by"]) == {"name": ["Tekst bevat ongeldige tekens."]}
    family = Family(organisation=org_a, name="x" * 201)
    assert _messages(family, exclude=["created_by"])["name"] == [
        "Dit is te lang: hoogstens 200 tekens (nu 201)."
    ]


def test_a_text_field_without_max_length_is_held_by_its_check(family):
    partner = ChainPartner(family=family, organisation_name="GGD", responsibility="x" * 5001)
    assert "te lang" in _messages(partner)["responsibility"][0]


def test_field_messages_replace_djangos_and_fill_in_parameters(family):
    family.monitoring_interval_weeks = 200
    assert _messages(family, exclude=["created_by"]) == {
        "monitoring_interval_weeks": ["Kies een interval van 1 tot en met 104 weken."]
    }


def test_a_field_check_runs_only_on_a_value_django_accepted(family):
    child = Child(family=family, first_name="Sem", birth_date="morgen")
    assert _messages(child) == {"birth_date": ["Vul een geboortedatum in (dag-maand-jaar)."]}


def test_shape_errors_returns_instead_of_raising(family):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors = shape_errors(Child(family=family, first_name=" ", birth_date=tomorrow))
    assert set(errors) == {"first_name", "birth_date"}
    assert shape_errors(Child(family=family, first_name="Sem", birth_date="2020-01-01")) == {}


def test_a_model_form_checks_the_same_rules(family):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = ChildForm({"first_name": "Sem", "birth_date": tomorrow.isoformat()})
    form.instance.family = family
    assert not form.is_valid()
    assert "toekomst" in form.errors["birth_date"][0]


def test_choice_labels_are_django_own_for_every_shaped_model():
    """ShapedModel reads a field's choices into a dict once; the label is Django's own."""
    from django.apps import apps
    from django.db.models import Model
    from django.utils import translation

    from organisations.shape import ShapedModel

    checked = 0
    for model in apps.get_models():
        if not issubclass(model, ShapedModel):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            for value in [*(v for v, _label in field.flatchoices), "geen-keuze", None]:
                instance = model(**{field.attname: value})
                for language in ("nl", "en"):
                    with translation.override(language):
                        ours = getattr(instance, f"get_{field.name}_display")()
                        django = Model._get_FIELD_display(instance, field)
                        assert ours == django, (model, field.name, value, language)
                        checked += 1
    assert checked > 50
