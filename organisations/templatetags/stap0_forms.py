"""`{{ form|bootstrap_form }}` and `{{ form.field|bootstrap_field }}`: crispy's `|crispy` and
`|as_crispy_field`, written in Python where it costs most (organisations/formhtml.py)."""

from django import template

from organisations.formhtml import field_html, form_html

register = template.Library()


@register.filter
def bootstrap_form(form):
    return form_html(form)


@register.filter
def bootstrap_field(field):
    return field_html(field)
