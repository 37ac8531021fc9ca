"""Reads of notifications: what a person sees in the current organisation, and the count."""

from django.db.models import Count, Q

from families.models import Family
from organisations.scoping import scoped

from .models import DigestFrequency, Notification, NotificationKind


def visible_notifications(request):
    """The current user's notifications in the current organisation, about families they may
    open (the one scoping mechanism decides that, for families as for everything else). A
    decision reaches whoever logged about the family also from outside its team: it points
    to "Mijn signalen", which shows them their own entries and the decision on them."""
    mine = scoped(request, Notification.objects.filter(recipient=request.user))
    families = scoped(request, Family.objects.all())
    return mine.filter(
        Q(family__isnull=True) | Q(family__in=families) | Q(kind=NotificationKind.DECISION)
    )


def unread_badge(request):
    """The menu's "Berichten" count on every page (organisations.hooks.menu_badges)."""
    if not request.membership.sees_cases:
        return {}
    return {"notification_count": visible_notifications(request).unread().count()}


def unread_elsewhere(user, organisation):
    """[(organisation, n)]: unread notifications in the user's other organisations (counts
    only; the list itself shows one organisation at a time)."""
    rows = (
        Notification.objects.unread()
        .filter(
            recipient=user,
            organisation__memberships__user=user,
            organisation__memberships__is_active=True,
        )
        .exclude(organisation=organisation)
        .values("organisation__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by("organisation__name")
    )
    return [(row["organisation__name"], row["n"]) for row in rows]


def default_frequency(membership):
    """Leads hear daily, professionals weekly, unless they chose otherwise."""
    if membership.is_lead:
        return DigestFrequency.DAILY
    if membership.sees_cases:
        return DigestFrequency.WEEKLY
    return DigestFrequency.OFF


def frequency_for(membership):
    preference = getattr(membership, "digest_preference", None)
    return preference.frequency if preference is not None else default_frequency(membership)
