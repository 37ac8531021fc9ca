from django.db.models import QuerySet

from . import hooks
from .queries import count_together


def current_organisation(request):
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    context = {"membership": membership, "organisation": getattr(request, "organisation", None)}
    if user is not None and user.is_authenticated:
        count = getattr(request, "active_memberships_count", None)
        if count is None:  # a request that did not pass the middleware
            from .middleware import active_memberships

            count = active_memberships(user).count()
        context["my_memberships_count"] = count
        if membership is not None:
            # The apps above put their counts in the menu ("Voor mij": signals).
            counts = {}
            for provider in hooks.menu_badges:
                for name, value in provider(request).items():
                    if isinstance(value, QuerySet):
                        counts[name] = value
                    else:
                        context[name] = value
            context.update(count_together(counts))
    return context
