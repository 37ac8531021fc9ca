from django.urls import path

from .imports import views as imports
from .views import access, access_log, checks, detail, edit, listing, people, team

app_name = "families"

urlpatterns = [
    path("", listing.family_list, name="list"),
    path("nieuw/", edit.family_create, name="create"),
    # The beheerder's import of pupils or children (families/imports/).
    path("importeren/", imports.upload, name="import_upload"),
    path("importeren/<uuid:import_id>/", imports.result, name="import_result"),
    path("importeren/<uuid:import_id>/kolommen/", imports.mapping, name="import_mapping"),
    path("importeren/<uuid:import_id>/controleren/", imports.preview, name="import_preview"),
    path("toegangsverzoeken/", access.access_requests, name="access_requests"),
    path(
        "toegangsverzoeken/<uuid:public_id>/",
        access.access_request_decide,
        name="access_request_decide",
    ),
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
    # Need-to-know: the team, and the way in from outside it.
    path("<uuid:public_id>/team/toevoegen/", team.team_add, name="team_add"),
    path(
        "<uuid:public_id>/team/<uuid:team_member_id>/verwijderen/",
        team.team_remove,
        name="team_remove",
    ),
    path("<uuid:public_id>/toegang-vragen/", access.access_request, name="access_request"),
    path("<uuid:public_id>/nu-openen/", access.break_glass, name="break_glass"),
]
