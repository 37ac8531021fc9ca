"""Reads of notifications: what a person sees in the current organisation, and the count."""

from django.db.models import Q

from organisations.models import Membership
from organisations.scoping import readable_families, scoped

from .models import DigestFrequency, Notification, NotificationKind


def about_files_they_read(notifications, membership):
    """Need-to-know: `notifications` without those about a family whose file `membership`
    does not read (the one scoping rule, `readable_families`). A decision reaches whoever
    logged about the family also from outside its team: it points to "Mijn signalen", which
    shows them their own entries and the decision on them."""
    readable = readable_families(membership)
    if readable is None:
        return notifications
    return notifications.filter(
        Q(family__isnull=True) | Q(family__in=readable) | Q(kind=NotificationKind.DECISION)
    )


def visible_notifications(request):
    """The current user's notifications in the current organisation, about families they may
    open (see `about_files_they_read`)."""
    # Each of these is the user's own (recipient), which the scoping's file rule lets
    # through anyway (the scope's author): that rule would only add its subquery of readable
    # families to the SQL once more, beside the one `about_files_they_read` adds (the menu's
    # count on every page compiled both). So the organisation and role only (find_only);
    # need-to-know is the rule below.
    mine = scoped(request, Notification.objects.filter(recipient=request.user), find_only=True)
    return about_files_they_read(mine, request.membership)


def unread_badge(request):
    """The menu's "Berichten" count on every page (organisations.hooks.menu_badges)."""
    if not request.membership.sees_cases:
        return {}
    return {"notification_count": visible_notifications(request).unread()}  # counted by the menu


def unread_elsewhere(user, organisation):
    """[(organisation, n)]: unread notifications in the user's other organisations (counts
    only; the list itself shows one organisation at a time), each counted as that
    organisation's list would show them: one query per other organisation, of which a
    person has a few at most."""
    memberships = (
        Membership.objects.active()
        .filter(user=user)
        .exclude(organisation=organisation)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    rows = []
    for membership in memberships:
        if not membership.sees_cases:
            continue  # a beheerder there has no list of notifications to switch to
        unread = Notification.objects.unread().for_member(user, membership.organisation)
        n = about_files_they_read(unread, membership).count()
        if n:
            rows.append((membership.organisation.name, n))
    return rows


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
