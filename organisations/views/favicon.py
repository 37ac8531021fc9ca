"""/favicon.ico: browsers ask for it on every site, whatever the page links."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.http import require_safe

FAVICON = "img/favicon.svg"


@login_not_required
@require_safe
def favicon(request):
    """To the icon that base.html links (its hashed name: a temporary redirect)."""
    return redirect(static(FAVICON))
