from django.urls import path

from .imports import views as imports
from .views import access_log, checks, detail, edit, listing, people

app_name = "families"

urlpatterns = [
    path("", listing.family_list, name="list"),
    path("nieuw/", edit.family_create, name="create"),
    # The beheerder's import of pupils or children (families/imports/).
    path("importeren/", imports.upload, name="import_upload"),
    path("importeren/<uuid:import_id>/", imports.result, name="import_result"),
    path("importeren/<uuid:import_id>/kolommen/", imports.mapping, name="import_mapping"),
    path("importeren/<uuid:import_id>/controleren/", imports.preview, name="import_preview"),
    path("<uuid:public_id>/", detail.family_detail, name="detail"),
    path("<uuid:public_id>/wijzigen/", edit.family_edit, name="edit"),
    path("<uuid:public_id>/kinderen/nieuw/", people.child_add, name="child_add"),
    path(
        "<uuid:public_id>/kinderen/<uuid:child_id>/wijzigen/",
        people.child_edit,
        name="child_edit",
    ),
    path(
        "<uuid:public_id>/kinderen/<uuid:child_id>/verwijderen/",
        people.child_remove,
        name="child_remove",
    ),
    path("<uuid:public_id>/netwerk/nieuw/", people.network_add, name="network_add"),
    path(
        "<uuid:public_id>/netwerk/<uuid:member_id>/wijzigen/",
        people.network_edit,
        name="network_edit",
    ),
    path(
        "<uuid:public_id>/netwerk/<uuid:member_id>/verwijderen/",
        people.network_remove,
        name="network_remove",
    ),
    path("<uuid:public_id>/ketenpartners/nieuw/", people.partner_add, name="partner_add"),
    path(
        "<uuid:public_id>/ketenpartners/<uuid:partner_id>/wijzigen/",
        people.partner_edit,
        name="partner_edit",
    ),
    path(
        "<uuid:public_id>/ketenpartners/<uuid:partner_id>/verwijderen/",
        people.partner_remove,
        name="partner_remove",
    ),
    path("<uuid:public_id>/controle/", checks.check_create, name="check_create"),
    path("<uuid:public_id>/toegangslog/", access_log.family_access_log, name="access_log"),
]
