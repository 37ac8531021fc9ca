"""The one way a view hands a service's refusal to its form."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_errors(form, exc):
    """Put a service's ValidationError on the form fields it names.

    Errors without a field, and errors on a field the form does not show, go to the
    form's non-field errors: the page always shows them, and never answers with a 500.
    """
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        shown = field in form.fields and field != NON_FIELD_ERRORS
        form.add_error(field if shown else None, errors)


def call_service(form, service, /, **kwargs):
    """Run a service; a refusal lands on the form. Returns the service's result, or None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
