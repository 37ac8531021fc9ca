"""The one home for writes in the signals app; keyword-only, validating, raising ValidationError."""

from .notes import *  # noqa: F403
from .observations import *  # noqa: F403
from .reviews import *  # noqa: F403
