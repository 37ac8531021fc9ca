"""Form fields as HTML without a template per field and per option.

The pages people open most show a form or two: the observation form, the note and
"kijk je mee?" forms beside a family's page. Through templates, a select of 80 categories
is 80 template includes, and each field that crispy-bootstrap5 wraps another dozen; that
was over half of such a page's time. Here the same HTML is written in Python:

- `FormRenderer` (settings.FORM_RENDERER) writes the templates of Django's inputs, text
  areas, selects and radio buttons itself: their markup byte for byte; every other widget
  goes through its template;
- `field_html(bound_field)` writes crispy-bootstrap5's `field.html` for a select, a text
  input, a text area, a checkbox (the widget itself as Django renders it), radio buttons,
  checkboxes of a multiple choice and a file input, and hands the rest to crispy
  (`as_crispy_field`: a MultiWidget, a file already uploaded, a form with a FormHelper);
  `form_html(form)` does the same for `|crispy`.

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


def _errors_html(field):
    """bootstrap5/layout/field_errors_block.html."""
    errors = field.errors
    if not errors:
        return ""
    field_id = _value(getattr(errors, "field_id", None) or "")
    out = [f'<div id="{field_id}_error" class="invalid-feedback">']
    for number, error in enumerate(errors, start=1):
        error_id = f"error_{number}_{_value(field.auto_id)}"
        out.append(f'<p id="{error_id}"><strong>{_value(error)}</strong></p>')
    out.append("</div>")
    return "".join(out)


def _help_html(field):
    """bootstrap5/layout/help_text.html (the help text is the form's own, not escaped)."""
    if not field.help_text:
        return ""
    helptext_id = f'id="{_value(field.auto_id)}_helptext" ' if field.auto_id else ""
    return f'<div {helptext_id}class="form-text">{field.help_text}</div>'


def _help_and_errors(field):
    """bootstrap5/layout/help_text_and_errors.html: the errors as a block, then the help."""
    return _errors_html(field) + _help_html(field)


def _label_text(field):
    required = field.field.required
    asterisk = '<span class="asteriskField">*</span>' if required else ""
    return f"{_value(field.label)}{asterisk}", " requiredField" if required else ""


def _label_html(field):
    """field.html's label, or for a widget that is a group (radio buttons, checkboxes) a
    fieldset and its legend: (the opening markup, the closing markup)."""
    if not field.label:
        return "", ""
    text, required = _label_text(field)
    target = f'for="{_value(field.id_for_label)}" ' if field.id_for_label else ""
    if not field.use_fieldset:
        return f'<label {target}class="form-label{required}">{text}</label>', ""
    described = field.aria_describedby
    described = f' aria-describedby="{_value(described)}"' if described else ""
    legend = f'<legend {target}class="form-label{required} fs-6">{text}</legend>'
    return f"<fieldset{described}>{legend}", "</fieldset>"


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


def _wrapped(field, inner):
    """field.html around a field that is not a checkbox: its label (or fieldset), then
    `inner`."""
    label, end = _label_html(field)
    return (
        f'<div id="div_{_value(field.auto_id)}" class="mb-3{_css_classes(field)}">'
        f"{label}{inner}{end}</div>"
    )


def _plain_html(field):
    kind = "form-select" if isinstance(field.field.widget, forms.Select) else "form-control"
    extra = f"{kind} is-invalid" if field.errors else kind
    return _wrapped(field, _widget_class(field, extra) + _help_and_errors(field))


def _unlocalized(value):
    """`{{ value|unlocalize }}`: the value as str, not localised, escaped unless safe."""
    return conditional_escape(str(localize(value, use_l10n=False)))


def _optgroups(field):
    """crispy's `field|optgroups`: the widget's groups of options, with the field's id."""
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs({"id": id_} if id_ else {})
    return widget.optgroups(field.html_name, widget.format_value(field.value()), attrs)


def _choices_html(field):
    """bootstrap5/layout/radio_checkbox_select.html (not inline): one `form-check` per
    option; the field's errors under the last option, its help under them all."""
    invalid = " is-invalid" if field.errors else ""
    name = _value(field.html_name)
    groups = _optgroups(field)
    out = ["<div>"]
    for number, (group, options, _index) in enumerate(groups, start=1):
        if group:
            out.append(f"<strong>{_value(group)}</strong>")
        for count, option in enumerate(options, start=1):
            attrs = option["attrs"]
            out.append(
                f'<div class="form-check"><input type="{_value(option["type"])}" '
                f'class="form-check-input{invalid}" name="{name}" '
                f'value="{_unlocalized(option["value"])}"{_attrs(attrs)}>'
                f'<label for="{_value(attrs.get("id", ""))}" class="form-check-label">'
                f"{_unlocalized(option['label'])}</label>"
            )
            if number == len(groups) and count == len(options):
                out.append(_errors_html(field))
            out.append("</div>")
    out.append("</div>")
    out.append(_help_html(field))
    return "".join(out)


def _file_html(field):
    """bootstrap5/layout/field_file.html for a field without a file yet: the input (the
    widget's attributes after crispy's classes), then its errors and help."""
    invalid = bool(field.errors)
    wrapper = ' class="is-invalid"' if invalid else ""
    disabled = " disabled" if field.field.disabled else ""
    out = []
    for widget in field.subwidgets:
        data = widget.data
        attrs = data["attrs"]
        classes = "form-control"
        if attrs.get("class"):
            classes += f" {_value(attrs['class'])}"
        if invalid:
            classes += " is-invalid"
        rest = _attrs({key: value for key, value in attrs.items() if key != "class"})
        out.append(
            f'<div{wrapper}><input type="{_value(data["type"])}" name="{_value(data["name"])}"'
            f' class="{classes}"{disabled}{rest}>{_help_and_errors(field)}</div>'
        )
    return "".join(out)


def _crispy_html(field):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    return as_crispy_field(field)


def _needs_crispy(field):
    """Fields whose markup is still crispy's: several inputs in one (MultiWidget), a file
    that is already there (a link and a clear checkbox), a form with a FormHelper."""
    widget = field.field.widget
    if isinstance(widget, forms.MultiWidget) or getattr(field.form, "helper", None) is not None:
        return True
    return isinstance(widget, forms.FileInput) and any(
        sub.data.get("is_initial") for sub in field.subwidgets
    )


def field_html(field):
    """`{{ field|as_crispy_field }}`: the same markup (up to whitespace between tags)."""
    widget = field.field.widget
    if field.is_hidden:
        return str(field)  # the widget's own (safe) HTML
    if _needs_crispy(field):
        return _crispy_html(field)
    # Every value in the markup was escaped (_value, _formatted, _unlocalized) or is Django's
    # widget HTML or the form's own help text.
    if isinstance(widget, forms.CheckboxInput):
        html = _checkbox_html(field)
    elif isinstance(widget, forms.RadioSelect):  # and so CheckboxSelectMultiple
        html = _wrapped(field, _choices_html(field))
    elif isinstance(widget, forms.FileInput):
        html = _wrapped(field, _file_html(field))
    else:
        html = _plain_html(field)
    return mark_safe(html)  # noqa: S308


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
