from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired

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
