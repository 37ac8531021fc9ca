from django.urls import path

from . import views

app_name = "collaboration"

urlpatterns = [
    path("", views.region, name="region"),
    path("aanmelden/", views.opt_in, name="opt_in"),
    path("kind/<uuid:child_id>/", views.child, name="child"),
    path("kind/<uuid:child_id>/melden/", views.signal_raise, name="signal_raise"),
    path("kind/<uuid:child_id>/intrekken/", views.signal_withdraw, name="signal_withdraw"),
    path("kind/<uuid:child_id>/toestemming/", views.consent_record, name="consent_record"),
    path(
        "kind/<uuid:child_id>/toestemming/intrekken/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("kind/<uuid:child_id>/overdracht/", views.handover_create, name="handover_create"),
    path("overdrachten/", views.handovers, name="handovers"),
    path("overdracht/<uuid:public_id>/", views.handover, name="handover"),
]
