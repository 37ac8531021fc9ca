"""The agreements on the family page and on a member's start page ("Mijn afspraken")."""

from django.utils import timezone

from families.extensions import Panel
from organisations.models import Role
from signals.reviews import selectors


def agreement_panels(family, request):
    membership = getattr(request, "membership", None)
    if membership is None or not membership.sees_cases:
        return []
    open_items, closed = selectors.family_agreements(
        selectors.family_agreements_once(request, family)
    )
    if not open_items and not closed:
        return []
    # Its owner or a lead finishes it (signals.reviews.agreements.may_close, without a query
    # per agreement: this page's membership is the one of the family's organisation).
    is_lead = membership.role == Role.LEAD
    for agreement in open_items:
        agreement.closable = is_lead or agreement.owner.user_id == request.user.pk
    return [
        Panel(
            template="signals/_agreements_panel.html",
            context={
                "open_items": open_items,
                "closed": closed[:5],
                "today": timezone.localdate(),
            },
            order=5,
        )
    ]


def my_agreements_panels(request):
    """The open agreements of the current member, on their start page."""
    membership = getattr(request, "membership", None)
    if membership is None or not membership.sees_cases:
        return []
    open_items = selectors.my_open_agreements_once(request, membership)
    if not open_items:
        return []
    return [
        Panel(
            template="signals/_my_agreements_panel.html",
            context={"open_items": open_items, "today": timezone.localdate()},
            order=10,
        )
    ]
