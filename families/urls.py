from django.urls import path

from .views import detail, edit, listing, people

app_name = "families"

urlpatterns = [
    path("", listing.family_list, name="list"),
    path("nieuw/", edit.family_create, name="create"),
    path("<uuid:public_id>/", detail.family_detail, name="detail"),
    path("<uuid:public_id>/wijzigen/", edit.family_edit, name="edit"),
    path("<uuid:public_id>/kinderen/nieuw/", people.child_add, name="child_add"),
    path("<uuid:public_id>/netwerk/nieuw/", people.network_add, name="network_add"),
    path("<uuid:public_id>/ketenpartners/nieuw/", people.partner_add, name="partner_add"),
]
