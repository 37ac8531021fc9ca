"""Form fields as HTML without a template per field and per option.

The pages people open most show a form or two: the observation form, the note and
"kijk je mee?" forms beside a family's page. Through templates, a select of 80 categories
is 80 template includes, and each field that crispy-bootstrap5 wraps another dozen; that
was over half of such a page's time. Here the same HTML is written in Python:

- `FormRenderer` (settings.FORM_RENDERER) writes the templates of Django's inputs, text
  areas, selects and radio buttons itself: their markup byte for byte; every other widget
  goes through its template;
- `field_html(bound_field)` writes crispy-bootstrap5's `field.html` for a select, a text
  input, a text area or a checkbox (the widget itself as Django renders it), and hands any
  other field to crispy (`as_crispy_field`); `form_html(form)` does the same for `|crispy`.

tests/organisations/test_formhtml.py holds both to the templates' own output.
"""

from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.template.defaultfilters import unordered_list
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
SELECT = WIDGETS + "select.html"
SELECT_OPTION = WIDGETS + "select_option.html"
TEXTAREA = WIDGETS + "textarea.html"
# Templates that are `{% include "django/forms/widgets/input.html" %}` and nothing else.
INPUTS = {
    WIDGETS + f"{name}.html"
    for name in (
        *("input", "checkbox", "color", "date", "datetime", "email", "file", "hidden"),
        *("number", "password", "search", "tel", "text", "time", "url"),
    )
}
# ... and those that are `{% include "django/forms/widgets/input_option.html" %}`.
INPUT_OPTIONS = {
    WIDGETS + f"{name}.html" for name in ("input_option", "radio_option", "checkbox_option")
}


def _value(value):
    """`{{ value }}` in a template: localised, then escaped unless marked safe."""
    return conditional_escape(localize(value))


def _formatted(value):
    """`{{ value|stringformat:'s' }}`: the filter keeps a safe string safe, makes others str."""
    text = "%s" % value  # noqa: UP031 - the filter's own formatting
    safe = isinstance(value, SafeData)
    return conditional_escape(mark_safe(text) if safe else text)  # noqa: S308 - was safe


def _attrs(attrs):
    """django/forms/widgets/attrs.html."""
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        out.append(f" {_value(name)}")
        if value is not True:
            out.append(f'="{_formatted(value)}"')
    return "".join(out)


def input_html(widget):
    """django/forms/widgets/input.html (without the file's last newline)."""
    value = ""
    if widget["value"] != None:  # noqa: E711 - the template's own comparison
        value = f' value="{_formatted(widget["value"])}"'
    kind, name = _value(widget["type"]), _value(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{_attrs(widget["attrs"])}>'


def input_option_html(widget):
    """django/forms/widgets/input_option.html (a radio button or checkbox of a group)."""
    if not widget["wrap_label"]:
        return input_html(widget)
    target = f' for="{_value(widget["attrs"]["id"])}"' if widget["attrs"].get("id") else ""
    # The included input.html brings its last newline.
    return f"<label{target}>{input_html(widget)}\n {_value(widget['label'])}</label>"


def textarea_html(widget):
    """django/forms/widgets/textarea.html."""
    value = _value(widget["value"]) if widget["value"] else ""
    return (
        f'<textarea name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'
    )


def select_html(widget):
    """django/forms/widgets/select.html with its options."""
    out = [f'<select name="{_value(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_value(group_name)}">')
        for option in group_choices:
            out.append(
                f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_value(option['label'])}</option>\n"
            )
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _options_are_plain(widget):
    return all(
        option.get("template_name") == SELECT_OPTION
        for _name, group, _index in widget["optgroups"]
        for option in group
    )


class FormRenderer(DjangoTemplates):
    """Django's default form renderer; the templates of the widgets the pages use most
    (inputs, text areas, selects, radio buttons) written in Python, the same HTML. The
    renderer strips what a template renders, so these leave out the last newline."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if isinstance(widget, dict):
            if template_name in INPUTS:
                return input_html(widget)
            if template_name in INPUT_OPTIONS:
                return input_option_html(widget)
            if template_name == TEXTAREA:
                return textarea_html(widget)
            if template_name == SELECT and _options_are_plain(widget):
                return select_html(widget)
        return super().render(template_name, context, request=request)


# --- crispy-bootstrap5's field.html (a vertical form, labels and errors shown) ---------------


def _widget_class(field, extra):
    """What crispy's `{% crispy_field field 'class' extra %}` does to the widget's classes,
    on the widget itself as crispy does: its class name, then each of `extra`."""
    widget = field.field.widget
    converters = getattr(settings, "CRISPY_CLASS_CONVERTERS", {})
    class_name = type(widget).__name__.lower()
    class_name = converters.get(class_name, class_name)
    css_class = widget.attrs.get("class", "")
    if css_class:
        if css_class.find(class_name) == -1:
            css_class += f" {class_name}"
    else:
        css_class = class_name
    for name in extra.split():
        if name not in css_class.split():
            css_class += f" {name}"
    widget.attrs["class"] = css_class
    return str(field)


def _help_and_errors(field):
    """bootstrap5/layout/help_text_and_errors.html: the errors as a block, then the help."""
    out = []
    errors = field.errors
    if errors:
        field_id = _value(getattr(errors, "field_id", None) or "")
        out.append(f'<div id="{field_id}_error" class="invalid-feedback">')
        for number, error in enumerate(errors, start=1):
            error_id = f"error_{number}_{_value(field.auto_id)}"
            out.append(f'<p id="{error_id}"><strong>{_value(error)}</strong></p>')
        out.append("</div>")
    if field.help_text:
        helptext_id = f'id="{_value(field.auto_id)}_helptext" ' if field.auto_id else ""
        out.append(f'<div {helptext_id}class="form-text">{field.help_text}</div>')
    return "".join(out)


def _label_text(field):
    required = field.field.required
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    return f"{_value(field.label)}{asterisk}", " requiredField" if required else ""


def _css_classes(field):
    classes = field.css_classes()
    return f" {_value(classes)}" if classes else ""


def _checkbox_html(field):
    text, required = _label_text(field)
    extra = "form-check-input is-invalid" if field.errors else "form-check-input"
    return (
        f'<div class="mb-3"><div id="div_{_value(field.auto_id)}" '
        f'class="form-check{_css_classes(field)}">{_widget_class(field, extra)}'
        f'<label for="{_value(field.id_for_label)}" class="form-check-label{required}">'
        f"{text}</label>{_help_and_errors(field)}</div></div>"
    )


def _plain_html(field):
    kind = "form-select" if isinstance(field.field.widget, forms.Select) else "form-control"
    extra = f"{kind} is-invalid" if field.errors else kind
    label = ""
    if field.label:
        text, required = _label_text(field)
        target = f'for="{_value(field.id_for_label)}" ' if field.id_for_label else ""
        label = f'<label {target}class="form-label{required}">{text}</label>'
    return (
        f'<div id="div_{_value(field.auto_id)}" class="mb-3{_css_classes(field)}">'
        f"{label}{_widget_class(field, extra)}{_help_and_errors(field)}</div>"
    )


def _crispy_html(field):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    return as_crispy_field(field)


# Widgets whose markup crispy builds differently (radio buttons, files, several inputs).
OTHER_WIDGETS = (
    forms.RadioSelect,
    forms.CheckboxSelectMultiple,
    forms.FileInput,
    forms.MultiWidget,
)


def field_html(field):
    """`{{ field|as_crispy_field }}`: the same markup (up to whitespace between tags)."""
    widget = field.field.widget
    if field.is_hidden:
        return str(field)  # the widget's own (safe) HTML
    if (
        isinstance(widget, OTHER_WIDGETS)
        or field.use_fieldset
        or getattr(field.form, "helper", None) is not None
    ):
        return _crispy_html(field)
    # Every value in the markup was escaped (_value, _formatted) or is Django's widget HTML.
    if isinstance(widget, forms.CheckboxInput):
        return mark_safe(_checkbox_html(field))  # noqa: S308
    return mark_safe(_plain_html(field))  # noqa: S308


def form_html(form):
    """`{{ form|crispy }}`: the form's own errors (bootstrap5/errors.html), then each field."""
    out = []
    errors = form.non_field_errors()
    if errors:
        out.append(
            '<div class="alert alert-block alert-danger"><ul class="m-0">'
            f"{unordered_list(errors, autoescape=True)}</ul></div>"
        )
    out.extend(field_html(field) for field in form)
    return mark_safe("".join(out))  # noqa: S308 - escaped parts (field_html, unordered_list)
