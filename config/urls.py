from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from organisations.views import auth, home

urlpatterns = [
    path("", home.home, name="home"),
    path("inloggen/", auth.LoginView.as_view(), name="login"),
    path("uitloggen/", auth.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("organisatie/", include("organisations.urls")),
    path("gezinnen/", include("families.urls")),
    path("signalen/", include("signals.urls")),
]
