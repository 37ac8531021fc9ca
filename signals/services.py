"""The one home for writes in the signals app; keyword-only, validating, raising ValidationError.

Each feature keeps its own services module; this facade is the contract other floors,
scripts and tests call (`signals.services.observation_record`, …).
"""

from signals.catalogue.services import (  # noqa: F401
    category_create,
    category_set_active,
    category_set_disabled,
    category_set_lasting,
)
from signals.notes.services import look_request_answer, look_request_create, note_add  # noqa: F401
from signals.observations.services import (  # noqa: F401
    observation_amend,
    observation_record,
    parents_view_add,
)
from signals.parents.services import (  # noqa: F401
    conversation_prepare,
    conversation_record,
    correction_request_decide,
    correction_request_record,
    summary_save,
)
from signals.reviews.agreements import agreement_close  # noqa: F401
from signals.reviews.services import review_record, review_vt_answer  # noqa: F401
