from django.conf import settings
from django.utils import timezone

from families.extensions import Panel
from families.models import Family
from organisations.scoping import scoped
from signals.accumulation import STATUS_LABELS
from signals.followup import selectors
from signals.notes.selectors import family_notes_once
from signals.observations.selectors import family_observations_once


def _rows(families):
    rows = []
    for family in families:
        family.status_label = STATUS_LABELS[family.status]
        family.quiet_since = selectors.last_logged_at(family)
        rows.append(family)
    return rows


def _quiet_rows(queryset, *, organisations):
    """`quiet_families` of `queryset` for a page. Most families are not silent, and the
    score (assess_families) is costly to build: first a cheap look for silent families,
    the score only for those (one query, or two when some are silent)."""
    silent = list(selectors.silent_families(queryset).values_list("pk", flat=True))
    if not silent:
        return []
    return _rows(
        selectors.quiet_families(
            Family.objects.filter(pk__in=silent),
            today=timezone.localdate(),
            organisations=organisations,
        )
    )


def quiet_start_panel(request):
    """The start page (STAP0_START_PANELS): the contact person's quiet families."""
    membership = getattr(request, "membership", None)
    if membership is None or not membership.sees_cases:
        return []
    mine = scoped(request, Family.objects.filter(contact_person=membership))
    families = _quiet_rows(mine, organisations=[request.organisation])
    if not families:
        return []
    return [
        Panel(
            template="signals/_quiet_families.html",
            context={
                "families": families,
                "weeks": settings.STAP0_QUIET_WEEKS,
                "next": request.get_full_path(),
            },
            order=10,
        )
    ]


def quiet_family_panel(family, request):
    """The family page (STAP0_FAMILY_PANELS): this family is quiet, with the same one click."""
    cutoff = selectors.quiet_cutoff()
    if family.created_at >= cutoff:
        return []  # too new to be quiet: no query
    # Something logged since the cutoff among the rows the timeline read (each chain's
    # latest version, every note): not quiet, no query. Else `silent_families` decides.
    logged = family_observations_once(request, family) + family_notes_once(request, family)
    if any(row.created_at >= cutoff for row in logged):
        return []
    quiet = _quiet_rows(Family.objects.filter(pk=family.pk), organisations=[family.organisation])
    if not quiet:
        return []
    return [
        Panel(
            template="signals/_quiet_family.html",
            context={"family": quiet[0], "weeks": settings.STAP0_QUIET_WEEKS},
            order=5,
        )
    ]
