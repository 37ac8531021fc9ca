"""organisations.formhtml: fields written in Python give the HTML the templates give.

The select, byte for byte as Django's templates write it; a field, as crispy-bootstrap5's
`as_crispy_field` and `|crispy` write it, up to whitespace between tags (crispy's
templates indent; nothing in the page's text or structure changes).
"""

import datetime
import re

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field, as_crispy_form
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.template import Context, Template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from organisations.formhtml import FormRenderer, field_html, form_html
from signals.dashboard.forms import DashboardFilterForm
from signals.notes.forms import LookRequestForm, NoteForm
from signals.observations.forms import ObservationForm
from tests.factories import ChildFactory, FamilyFactory, SignalCategoryFactory


def same_html(text):
    """Whitespace between and around tags dropped, runs of it made one space."""
    text = re.sub(r"\s+", " ", str(text))
    return re.sub(r"\s*(<|>)\s*", r"\1", text).strip()


class EveryKind(forms.Form):
    name = forms.CharField(label="Naam <b>", help_text="Zo <em>heet</em> het", max_length=20)
    optional = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    count = forms.IntegerField(min_value=1)
    email = forms.EmailField(required=False)
    colour = forms.ChoiceField(
        choices=[
            ("", "—"),
            ("Warm", [("red", "Rood & fel"), ("orange", gettext_lazy("oranje"))]),
            ("Koel", [("blue", "Blauw")]),
            (3, "drie"),
        ]
    )
    plain_select = forms.ChoiceField(
        choices=[("a", "A")], widget=forms.Select(attrs={"class": "x"})
    )
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", 'B "b"')], required=False)
    agree = forms.BooleanField(label="Akkoord", help_text="Lees het eerst")
    maybe = forms.BooleanField(required=False)
    secret = forms.CharField(widget=forms.HiddenInput, required=False)
    radio = forms.ChoiceField(choices=[("1", "een"), ("2", "twee")], widget=forms.RadioSelect)

    def clean(self):
        raise forms.ValidationError(["Eerst dit <b>", "dan dat"])


BOUND = {
    "name": "<script>",
    "optional": "  twee\nregels ",
    "day": "gisteren",
    "count": "0",
    "email": "geen",
    "colour": "orange",
    "several": ["a", "b"],
    "maybe": "on",
    "secret": "x",
    "radio": "3",
}


@pytest.mark.parametrize("data", [None, BOUND, {}], ids=["unbound", "bound", "empty"])
def test_every_kind_of_field_is_written_as_crispy_writes_it(data):
    for name in EveryKind.base_fields:
        crispy_form, mine = EveryKind(data), EveryKind(data)
        if data is not None:
            crispy_form.is_valid(), mine.is_valid()
        assert same_html(field_html(mine[name])) == same_html(as_crispy_field(crispy_form[name]))
    crispy_form, mine = EveryKind(data), EveryKind(data)
    assert same_html(form_html(mine)) == same_html(as_crispy_form(crispy_form))


def test_a_field_without_an_id_has_a_label_without_for():
    crispy_form, mine = EveryKind(auto_id=False), EveryKind(auto_id=False)
    assert "for=" not in field_html(mine["name"]).split("<input")[0]
    assert same_html(field_html(mine["name"])) == same_html(as_crispy_field(crispy_form["name"]))


class EveryWidget(forms.Form):
    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'a "b" <c>'}))
    number = forms.IntegerField()
    email = forms.EmailField()
    url = forms.URLField(assume_scheme="https")
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    moment = forms.DateTimeField()
    time = forms.TimeField()
    area = forms.CharField(widget=forms.Textarea)
    check = forms.BooleanField(required=False)
    upload = forms.FileField(required=False)
    colour = EveryKind.base_fields["colour"]
    several = EveryKind.base_fields["several"]
    radio = forms.ChoiceField(
        choices=[("1", "een <1>"), ("2", gettext_lazy("twee"))], widget=forms.RadioSelect
    )
    boxes = forms.MultipleChoiceField(
        choices=[("a", "A & B"), ("b", "B")], widget=forms.CheckboxSelectMultiple, required=False
    )


WIDGET_DATA = {
    "text": "<b>&amp;",
    "number": "12",
    "email": "x@y",
    "url": "nope",
    "password": "geheim",
    "hidden": '"',
    "day": "2026-02-30",
    "moment": "2026-01-01 10:00",
    "time": "10:00",
    "area": "\n regel <b>\n",
    "check": "on",
    "colour": "red",
    "several": ["a"],
    "radio": "2",
    "boxes": ["b"],
}


@pytest.mark.parametrize(
    ("data", "initial"),
    [(None, None), (WIDGET_DATA, None), (None, {"day": datetime.date(2026, 1, 5), "number": 3})],
    ids=["unbound", "bound", "initial"],
)
def test_widgets_are_written_byte_for_byte_as_django_writes_them(data, initial):
    templates = EveryWidget(data, initial=initial, renderer=DjangoTemplates())
    python = EveryWidget(data, initial=initial)
    assert isinstance(python.renderer, FormRenderer)
    for name in EveryWidget.base_fields:
        assert str(python[name]) == str(templates[name]), name
        # One radio button or checkbox at a time, as templates/signals/_inline_radios.html.
        for mine, theirs in zip(python[name].subwidgets, templates[name].subwidgets, strict=True):
            assert mine.tag() == theirs.tag(), name
            assert str(mine) == str(theirs), name


def test_the_widget_templates_written_in_python_are_what_they_were():
    """A Django upgrade that changes one of these templates fails here first."""
    from django.forms.renderers import DjangoTemplates as Renderer

    from organisations.formhtml import INPUT_OPTIONS, INPUTS

    def source(name):
        return Renderer().get_template(name).template.source

    for name in INPUTS - {"django/forms/widgets/input.html"}:
        assert source(name) == '{% include "django/forms/widgets/input.html" %}\n', name
    for name in INPUT_OPTIONS - {"django/forms/widgets/input_option.html"}:
        assert source(name) == '{% include "django/forms/widgets/input_option.html" %}\n', name
    assert source("django/forms/widgets/input.html") == (
        '<input type="{{ widget.type }}" name="{{ widget.name }}"{% if widget.value != None %} '
        "value=\"{{ widget.value|stringformat:'s' }}\"{% endif %}"
        '{% include "django/forms/widgets/attrs.html" %}>\n'
    )
    assert source("django/forms/widgets/textarea.html") == (
        '<textarea name="{{ widget.name }}"{% include "django/forms/widgets/attrs.html" %}>\n'
        "{% if widget.value %}{{ widget.value }}{% endif %}</textarea>\n"
    )
    assert source("django/forms/widgets/select_option.html") == (
        "<option value=\"{{ widget.value|stringformat:'s' }}\""
        '{% include "django/forms/widgets/attrs.html" %}>{{ widget.label }}</option>\n'
    )


def test_the_renderer_escapes_like_the_templates():
    widget = forms.Select(
        attrs={
            "data-x": '"<&>"',
            "required": True,
            "disabled": False,
            "data-safe": mark_safe("<i>"),
        },
        choices=[(mark_safe("<v>"), mark_safe("<b>veilig</b>")), ("&", "<onveilig>"), (None, 1000)],
    )
    for value in ("&", None, "<v>"):
        assert widget.render("n<", value, renderer=FormRenderer()) == widget.render(
            "n<", value, renderer=DjangoTemplates()
        )


def test_a_select_with_its_own_option_template_goes_through_the_template():
    class Special(forms.Select):
        option_template_name = "django/forms/widgets/input.html"

    widget = Special(choices=[("a", "A")])
    assert widget.render("n", "a", renderer=FormRenderer()) == widget.render(
        "n", "a", renderer=DjangoTemplates()
    )


def test_the_project_renders_its_forms_with_this_renderer():
    assert isinstance(get_default_renderer(), FormRenderer)


@pytest.fixture
def forms_of_the_family_page(org_a, professional_a, lead_a):
    family = FamilyFactory(organisation=org_a)
    ChildFactory(family=family, first_name="Sam", birth_date=datetime.date(2018, 5, 1))
    kinds = ("risk", "signal", "protective") * 3
    categories = [
        SignalCategoryFactory(kind=kind, name=f"<Categorie {n}>") for n, kind in enumerate(kinds)
    ]

    def build(data=None):
        colleagues = list(org_a.memberships.select_related("user"))
        return [
            ObservationForm(data, categories=categories, family=family),
            NoteForm(data, observations=[], auto_id="note_%s"),
            LookRequestForm(data, colleagues=colleagues, auto_id="look_%s"),
            DashboardFilterForm(data),
        ]

    return build


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [None, {"category": "nope", "severity": "7", "observed_on": "2999-01-01", "acute": "on"}],
    ids=["unbound", "with errors"],
)
def test_the_forms_of_the_pages_people_open_most_look_as_they_did(forms_of_the_family_page, data):
    crispy_forms, mine = forms_of_the_family_page(data), forms_of_the_family_page(data)
    for crispy_form, form in zip(crispy_forms, mine, strict=True):
        if data is not None:
            crispy_form.is_valid(), form.is_valid()
        for name in form.fields:
            assert same_html(field_html(form[name])) == same_html(
                as_crispy_field(crispy_form[name])
            ), name


def test_the_template_filters_write_the_same():
    template = Template(
        "{% load stap0_forms %}{{ form|bootstrap_form }}{{ form.name|bootstrap_field }}"
    )
    out = template.render(Context({"form": EveryKind(BOUND)}))
    assert out.count('id="div_id_name"') == 2
    assert "&lt;script&gt;" in out


HOSTILE = "<b>\"x\" 'y' & </b>"


class EveryChoice(forms.Form):
    """The widgets crispy writes as groups of inputs (RadioSelect, CheckboxSelectMultiple)
    and as a file input, in every state a page shows them in."""

    radio = forms.ChoiceField(
        label=f"Kies {HOSTILE}",
        choices=[("1", "een <1>"), ("2", gettext_lazy("twee")), (HOSTILE, HOSTILE)],
        widget=forms.RadioSelect,
        help_text="Met <em>hulp</em>",
    )
    optional_radio = forms.ChoiceField(
        choices=[("", "geen"), ("a", "A")], widget=forms.RadioSelect, required=False
    )
    initial_radio = forms.TypedChoiceField(
        choices=[(1, 1000), (2, 2000)],
        coerce=int,
        initial=2,
        widget=forms.RadioSelect(attrs={"data-x": HOSTILE, "class": "eigen"}),
    )
    grouped_radio = forms.ChoiceField(
        choices=[("Warm", [("red", "Rood & fel")]), ("Koel", [("blue", "Blauw")])],
        widget=forms.RadioSelect,
    )
    disabled_radio = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, disabled=True, initial="b"
    )
    unlabelled_radio = forms.ChoiceField(
        label="", choices=[("a", "A")], widget=forms.RadioSelect, required=False
    )
    boxes = forms.MultipleChoiceField(
        choices=[("a", "A & B"), ("b", HOSTILE), ("c", "C")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Een of meer",
    )
    optional_boxes = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        initial=["b"],
    )
    disabled_boxes = forms.MultipleChoiceField(
        choices=[("a", "A")], widget=forms.CheckboxSelectMultiple, disabled=True, required=False
    )
    upload = forms.FileField(help_text="Een <b>CSV</b>")
    optional_upload = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv", "class": "eigen", "data-x": "<"}),
    )
    plain_upload = forms.FileField(required=False, widget=forms.FileInput, disabled=True)

    def clean_radio(self):
        if self.cleaned_data["radio"] == "2":
            raise forms.ValidationError(["Niet twee <b>", "echt niet"])
        return self.cleaned_data["radio"]


CHOICE_DATA = {
    "valid": {"radio": "1", "initial_radio": "1", "grouped_radio": "blue", "boxes": ["a"]},
    "errors": {"radio": "2", "initial_radio": "9", "boxes": ["a", "z"]},
    "hostile": {
        "radio": HOSTILE,
        "optional_radio": HOSTILE,
        "initial_radio": HOSTILE,
        "grouped_radio": HOSTILE,
        "boxes": [HOSTILE, "b"],
        "optional_boxes": HOSTILE,
    },
    "empty": {},
}


@pytest.mark.parametrize("auto_id", ["id_%s", "keuze_%s", False])
@pytest.mark.parametrize("data", [None, *CHOICE_DATA], ids=["unbound", *CHOICE_DATA])
def test_radio_buttons_checkboxes_and_files_are_written_as_crispy_writes_them(data, auto_id):
    prefix = "p" if auto_id else None  # names like p-radio, ids like keuze_p-radio_0

    def build():
        bound = files = None
        if data is not None:
            bound = {f"p-{k}" if prefix else k: v for k, v in CHOICE_DATA[data].items()}
        if data == "valid":
            upload = "p-upload" if prefix else "upload"
            files = {upload: SimpleUploadedFile('a "b".csv', b"x")}
        return EveryChoice(bound, files, auto_id=auto_id, prefix=prefix)

    crispy_form, mine = build(), build()
    if data is not None:
        assert crispy_form.is_valid() == mine.is_valid() == (data == "valid")
    for name in EveryChoice.base_fields:
        theirs = same_html(as_crispy_field(crispy_form[name]))
        assert same_html(field_html(mine[name])) == theirs, name
        if data in ("errors", "empty") and name in ("radio", "boxes", "upload"):
            assert "invalid-feedback" in theirs, name  # the errors are shown, and the same
    assert same_html(form_html(build())) == same_html(as_crispy_form(build()))


def test_a_file_already_there_is_still_written_by_crispy():
    class Stored:
        url = "/media/a.csv"
        name = "a.csv"

        def __str__(self):
            return self.name

    crispy_form = EveryChoice(initial={"optional_upload": Stored()})
    mine = EveryChoice(initial={"optional_upload": Stored()})
    html = field_html(mine["optional_upload"])
    assert 'href="/media/a.csv"' in html
    assert same_html(html) == same_html(as_crispy_field(crispy_form["optional_upload"]))


@pytest.mark.django_db
@pytest.mark.parametrize("data", [None, {}, {"decision": "<x>", "q1_suspicion": "'"}])
def test_the_review_form_looks_as_it_did(org_a, lead_a, data):
    """The review form: five questions with radio buttons and reasons, the lasting risk
    factors (radio buttons and a date), the decision (radio buttons), the agreements."""
    from django.utils import timezone

    from signals.accumulation import assess_family
    from signals.reviews.forms import ReviewForm
    from signals.reviews.selectors import agreement_owners
    from tests.factories import ObservationFactory

    family = FamilyFactory(organisation=org_a)
    category = SignalCategoryFactory(kind="risk", name="<Blijvend>", lasting=True)
    ObservationFactory(family=family, category=category)
    lasting = assess_family(family, as_of=timezone.localdate()).lasting_factors
    assert lasting
    members = agreement_owners(org_a)
    crispy_form, mine = (ReviewForm(data, lasting=lasting, members=members) for _ in range(2))
    for name in mine.fields:
        assert same_html(field_html(mine[name])) == same_html(as_crispy_field(crispy_form[name])), (
            name
        )


def _project_forms():
    """Every form class of the project's apps that needs nothing but its data."""
    import importlib
    import inspect
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    found = {}
    for path in sorted(root.glob("*/**/forms.py")):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        module = importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts))
        for name, cls in vars(module).items():
            if not (inspect.isclass(cls) and issubclass(cls, forms.BaseForm)):
                continue
            if cls.__module__ != module.__name__:
                continue
            try:
                cls()
            except TypeError:  # needs the objects it shows (families, members, ...)
                continue
            found[f"{module.__name__}.{name}"] = cls
    return found


PROJECT_FORMS = _project_forms()


def test_the_project_has_forms_that_need_only_their_data():
    assert len(PROJECT_FORMS) >= 20
    assert "signals.reviews.forms.VeiligThuisAnswerForm" in PROJECT_FORMS


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PROJECT_FORMS))
def test_every_form_of_the_project_is_written_as_crispy_writes_it(name):
    cls = PROJECT_FORMS[name]
    for data in (None, {}, dict.fromkeys(cls.base_fields, HOSTILE)):
        assert same_html(form_html(cls(data))) == same_html(as_crispy_form(cls(data))), data
