"""Pages for people who are not logged in (yet): a forgotten password, an invitation."""

from django.urls import path

from .views import invitations, password

urlpatterns = [
    path("wachtwoord-vergeten/", password.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        password.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        password.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("uitnodiging/<str:token>/", invitations.accept, name="invitation_accept"),
]
