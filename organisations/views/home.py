from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.middleware import SESSION_KEY, active_memberships
from organisations.models import Role


def home(request):
    """Where each role starts: leads at the dashboard, professionals at their families."""
    membership = request.membership
    if membership is None:
        if request.user.is_superuser and not active_memberships(request.user).exists():
            # The installation's administrator, who works in no organisation.
            return redirect("admin:index")
        return redirect("organisations:switch")
    if membership.role == Role.LEAD:
        return redirect("signals:dashboard")
    if membership.role == Role.ADMIN:
        return redirect("organisations:people")
    return redirect("families:list")


@require_http_methods(["GET", "POST"])
def switch(request):
    """The organisation switcher: only the user's own active memberships are offered."""
    memberships = active_memberships(request.user)
    if request.method == "POST":
        chosen = request.POST.get("membership", "")
        membership = next((m for m in memberships if str(m.public_id) == chosen), None)
        if membership is None:
            raise Http404
        request.session[SESSION_KEY] = str(membership.public_id)
        messages.success(
            request,
            _("Je werkt nu in %(organisation)s.") % {"organisation": membership.organisation},
        )
        return redirect("home")
    return render(request, "organisations/switch.html", {"memberships": memberships})
