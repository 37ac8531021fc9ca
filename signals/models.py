"""The app's models, defined by feature (catalogue, observations, notes, reviews) and
gathered here, where Django and the other floors look for them."""

from signals.catalogue.models import (  # noqa: F401
    RISK_KINDS,
    AgeGroup,
    Domain,
    Kind,
    LifeArea,
    SignalCategory,
)
from signals.notes.models import ColleagueNote, LookRequest, NoteKind  # noqa: F401
from signals.observations.models import (  # noqa: F401
    LatestObservation,
    Observation,
    ParentsDiscussed,
    ParentsView,
    Severity,
)
from signals.parents.models import (  # noqa: F401
    Conversation,
    CorrectionDecision,
    CorrectionKind,
    CorrectionRequest,
    RaisedObservation,
    SummaryItem,
    SummaryKind,
)
from signals.reviews.models import (  # noqa: F401
    Agreement,
    AgreementStatus,
    Decision,
    Review,
)
