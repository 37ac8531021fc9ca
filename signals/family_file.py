"""What the family page's signal providers read about one family, loaded once per request.

The family page asks several providers (families/extensions.py) for its timeline and side
panels, and each needs the family's observations, notes or reviews: read by each on its own,
the page made 27 queries, three of them for the same observations. `for_request` reads each
kind once, keeps it on the request, and the providers compute their figures from it.
"""

from dataclasses import dataclass

from signals.notes.selectors import family_notes
from signals.observations.selectors import family_observations
from signals.reviews.models import Review


@dataclass
class FamilyFile:
    family: object
    observations: list  # the latest version of each chain (family_observations' order)
    notes: list  # newest first, with author and observation (family_notes' order)
    reviews: list  # the last first (Review.objects.last_of's order), with the lead

    @classmethod
    def load(cls, family):
        return cls(
            family=family,
            observations=list(family_observations(family)),
            notes=list(family_notes(family)),
            reviews=list(
                Review.objects.filter(family=family)
                .select_related("lead")
                .order_by("-created_at", "-pk")
            ),
        )

    @property
    def last_review(self):
        return self.reviews[0] if self.reviews else None


def for_request(request, family):
    """The family's file for this request: read at the first call, shared by the next."""
    files = getattr(request, "_stap0_family_files", None)
    if files is None:
        files = request._stap0_family_files = {}
    if family.pk not in files:
        files[family.pk] = FamilyFile.load(family)
    return files[family.pk]
