from django.urls import path

from signals.catalogue import views as catalogue
from signals.dashboard import views as dashboard
from signals.followup import views as followup
from signals.notes import views as notes
from signals.observations import views as observations
from signals.parents import views as parents
from signals.reviews import views as reviews

app_name = "signals"

urlpatterns = [
    # Catalogue (issue 4)
    path("signalenlijst/", catalogue.catalogue, name="catalogue"),
    path("signalenlijst/beheren/", catalogue.category_manage, name="category_manage"),
    path("signalenlijst/<slug:code>/", catalogue.category, name="category"),
    # Observations (issue 4)
    path("vastleggen/", observations.observation_create, name="observation_create"),
    path(
        "gezin/<uuid:family_id>/vastleggen/",
        observations.observation_create,
        name="family_observation_create",
    ),
    path(
        "observatie/<uuid:public_id>/", observations.observation_history, name="observation_history"
    ),
    path(
        "observatie/<uuid:public_id>/corrigeren/",
        observations.observation_amend,
        name="observation_amend",
    ),
    path("mijn-signalen/", reviews.my_signals, name="my_signals"),
    # Colleague notes and "kijk je mee?" (issue 4)
    path("gezin/<uuid:family_id>/notitie/", notes.note_create, name="note_create"),
    path(
        "gezin/<uuid:family_id>/meekijken/", notes.look_request_create, name="look_request_create"
    ),
    path("voor-mij/", notes.for_me, name="for_me"),
    path("mijn-vragen/", notes.my_questions, name="my_questions"),
    path("voor-mij/<uuid:public_id>/", notes.look_request_answer, name="look_request_answer"),
    # Follow-up (issue 12)
    path("gezin/<uuid:family_id>/gaat-goed/", followup.going_well, name="going_well"),
    # Dashboard and reviews (issue 5)
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/gezin/<uuid:family_id>/", dashboard.explanation, name="explanation"),
    path("overzicht/", dashboard.overview, name="overview"),
    path("gezin/<uuid:family_id>/beoordelen/", reviews.review_create, name="review_create"),
    # The working list: Veilig Thuis's answer, agreements (issue 11)
    path(
        "beoordeling/<uuid:public_id>/veilig-thuis/",
        reviews.review_vt_answer,
        name="review_vt_answer",
    ),
    path("afspraak/<uuid:public_id>/afronden/", reviews.agreement_close, name="agreement_close"),
    path("mijn-afspraken/", reviews.my_agreements, name="my_agreements"),
    # Talking with parents (issue 14)
    path(
        "gezin/<uuid:family_id>/gesprek-met-ouders/",
        parents.conversation_prepare,
        name="conversation_prepare",
    ),
    path("gesprek-met-ouders/<uuid:public_id>/", parents.conversation, name="conversation"),
    path(
        "gesprek-met-ouders/<uuid:public_id>/samenvatting/",
        parents.conversation_summary,
        name="conversation_summary",
    ),
    path(
        "gesprek-met-ouders/<uuid:public_id>/samenvatting/afdrukken/",
        parents.conversation_summary_print,
        name="conversation_summary_print",
    ),
    path(
        "observatie/<uuid:public_id>/visie-ouders/",
        parents.parents_view_add,
        name="parents_view_add",
    ),
    path(
        "gezin/<uuid:family_id>/correctieverzoek/",
        parents.correction_request_create,
        name="correction_request_create",
    ),
    path(
        "correctieverzoek/<uuid:public_id>/", parents.correction_request, name="correction_request"
    ),
]
