from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired

from . import audit
from .models import Membership

SESSION_KEY = "stap0_membership"


def active_memberships(user):
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("organisation", "user")
        .order_by("organisation__name")
    )


class CurrentOrganisationMiddleware:
    """Sets `request.membership` (and `request.organisation`): where the user works now.

    The choice lives in the session (in the database). With a single active
    membership it is made for the user. A membership that was deactivated or
    removed stops counting at the next request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = None
        request.organisation = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            chosen = request.session.get(SESSION_KEY)
            membership = None
            if chosen:
                membership = active_memberships(user).filter(public_id=chosen).first()
                if membership is None:
                    request.session.pop(SESSION_KEY, None)
            if membership is None:
                mine = list(active_memberships(user)[:2])
                if len(mine) == 1:
                    membership = mine[0]
                    request.session[SESSION_KEY] = str(membership.public_id)
            request.membership = membership
            request.organisation = membership.organisation if membership else None
        return self.get_response(request)


class LoginRequiredMiddleware(_DjangoLoginRequired):
    """Every page needs a login, except the few marked `login_not_required`."""


class DeniedAccessLogMiddleware:
    """Logs a refused attempt at a family's file (403 or 404).

    It runs outside the view's transaction (ATOMIC_REQUESTS), which rolls back
    when the view refuses, so the refusal itself is still recorded.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        public_id = getattr(request, "stap0_denied_family", None)
        if public_id is not None and response.status_code in (403, 404):
            outcome = "not_found" if response.status_code == 404 else "denied"
            audit.log_access(request, "denied", family_public_id=public_id, outcome=outcome)
        return response
