from django.urls import path

from .views import access_log, home, invitations, people, second_factor, settings

app_name = "organisations"

urlpatterns = [
    path("kies/", home.switch, name="switch"),
    path("mensen/", people.people, name="people"),
    path("mensen/nieuw/", people.person_add, name="person_add"),
    path("mensen/<uuid:public_id>/", people.membership_edit, name="membership_edit"),
    path("mensen/<uuid:public_id>/tweestaps/", second_factor.mfa_reset, name="mfa_reset"),
    path("mensen/uitnodigen/", invitations.invite, name="invite"),
    path(
        "uitnodigingen/<uuid:public_id>/opnieuw/",
        invitations.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "uitnodigingen/<uuid:public_id>/intrekken/",
        invitations.invitation_revoke,
        name="invitation_revoke",
    ),
    path("drempels/", people.thresholds, name="thresholds"),
    path("toegangslog/", access_log.access_log, name="access_log"),
    path("dossiertoegang/", settings.file_access, name="file_access"),
]
