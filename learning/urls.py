from django.urls import path

from . import views

app_name = "learning"

urlpatterns = [
    path("casusoverleg/", views.consultations, name="consultations"),
    path("casusoverleg/nieuw/", views.consultation_create, name="consultation_create"),
    path("casusoverleg/<uuid:public_id>/", views.consultation, name="consultation"),
    path(
        "casusoverleg/<uuid:public_id>/agenda/",
        views.consultation_print,
        name="consultation_print",
    ),
    path("casus/<uuid:public_id>/zinnen/", views.vignette_sentences, name="vignette_sentences"),
    path("casus/<uuid:public_id>/uitkomst/", views.vignette_outcome, name="vignette_outcome"),
    path("wat-werkte/", views.what_worked, name="what_worked"),
    path(
        "wat-werkte/<uuid:public_id>/schrijven/", views.what_worked_write, name="what_worked_write"
    ),
    path(
        "wat-werkte/<uuid:public_id>/goedkeuren/",
        views.what_worked_approve,
        name="what_worked_approve",
    ),
]
