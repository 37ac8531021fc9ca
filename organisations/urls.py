from django.urls import path

from .views import access_log, home, people, settings

app_name = "organisations"

urlpatterns = [
    path("kies/", home.switch, name="switch"),
    path("mensen/", people.people, name="people"),
    path("mensen/nieuw/", people.person_add, name="person_add"),
    path("mensen/<uuid:public_id>/", people.membership_edit, name="membership_edit"),
    path("drempels/", people.thresholds, name="thresholds"),
    path("toegangslog/", access_log.access_log, name="access_log"),
    path("dossiertoegang/", settings.file_access, name="file_access"),
]
