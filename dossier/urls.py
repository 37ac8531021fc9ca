from django.urls import path

from . import views

app_name = "dossier"

# Mounted under gezinnen/ (config/urls.py): the export sits next to the family's own pages.
urlpatterns = [
    path("<uuid:public_id>/export/", views.family_export, name="export"),
    path("<uuid:public_id>/export/json/", views.family_export_json, name="export_json"),
]
