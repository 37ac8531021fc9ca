"""Small helpers shared by the family views."""

from django.core.exceptions import ValidationError


def call_service(form, service, **kwargs):
    """Runs a service; its validation errors land on the form. Returns the result or None."""
    try:
        return service(**kwargs)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return None
