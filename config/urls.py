from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from collaboration.admin import site as admin_site
from organisations.views import auth, favicon, home, mfa

urlpatterns = [
    path("", home.home, name="home"),
    path("inloggen/", auth.LoginView.as_view(), name="login"),
    path("uitloggen/", auth.LogoutView.as_view(), name="logout"),
    path("tweestaps/", mfa.enrol, name="mfa_enrol"),
    path("tweestaps/controleren/", mfa.verify, name="mfa_verify"),
    path("tweestaps/herstelcodes/", mfa.backup_codes, name="mfa_backup_codes"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    # Browsers ask for /favicon.ico on their own; without an answer each logs a 404.
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("", include("organisations.account_urls")),
    path("organisatie/", include("organisations.urls")),
    path("gezinnen/", include("families.urls")),
    path("gezinnen/", include("dossier.urls")),
    path("signalen/", include("signals.urls")),
    path("berichten/", include("notifications.urls")),
    path("samenwerken/", include("collaboration.urls")),
    path("samen-leren/", include("learning.urls")),
    # The installation's administrator (superuser): regions and their organisations only.
    path("admin/", admin_site.urls),
]

# Error pages: stap0's own templates (templates/400.html, 403, 404, 500), in Dutch,
# revealing nothing. Django's default handlers render them; 500 without context.
handler400 = "django.views.defaults.bad_request"
handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = "django.views.defaults.server_error"
