"""`{{ form|bootstrap_form }}` and `{{ form.field|bootstrap_field }}`: crispy's `|crispy` and
`|as_crispy_field`, written in Python where it costs most (organisations/formhtml.py).

Anything else than a form or a bound field (a formset, a missing variable) goes to crispy's
own filter, so that a template gives what `|crispy` gave in every case."""

from django import forms, template

from organisations.formhtml import field_html, form_html

register = template.Library()


@register.filter
def bootstrap_form(form):
    if isinstance(form, forms.BaseForm):
        return form_html(form)
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form

    return as_crispy_form(form)


@register.filter
def bootstrap_field(field):
    if isinstance(field, forms.BoundField):
        return field_html(field)
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    return as_crispy_field(field)
