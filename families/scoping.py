"""Families through the one scoping mechanism (organisations.scoping): the need-to-know
rule it applies to every family's file, the helpers every view uses to fetch a family, and
the names an access-log page shows."""

from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.utils import timezone

from organisations.models import Membership, Role
from organisations.scoping import CASE_ROLES, get_scoped_or_404, readable_families, scoped

from .models import Family, GlassBreak, TeamMember


def file_rule(membership):
    """Who reads a family's file (design.md, "Need-to-know"): the pks of the families whose
    file `membership` reads, or None for every family of the organisation.

    Leads read every file; so does everyone in an organisation that switched need-to-know
    off. A professional reads the files of the families whose team they are in (the contact
    person always is), and a file they opened with "nu openen" until that opening expires.
    (A beheerder has no case role: scoping refuses them before this rule.)
    """
    if membership.role == Role.LEAD or membership.organisation.everyone_reads_all_families:
        return None
    user_id = membership.user_id
    in_team = TeamMember.objects.current().filter(user_id=user_id).values("family_id")
    opened = GlassBreak.objects.filter(user_id=user_id, expires_at__gt=timezone.now()).values(
        "family_id"
    )
    return (
        Family.objects.filter(organisation_id=membership.organisation_id)
        .filter(Q(contact_person=membership) | Q(pk__in=in_team) | Q(pk__in=opened))
        .values("pk")
    )


def get_family_for_user(request, public_id, *, roles=CASE_ROLES):
    """The current organisation's family whose file the user reads: 404 for a stranger and
    for a professional outside its team, 403 for a wrong role; a refusal goes in the
    family's access log (organisations.middleware)."""
    families = Family.objects.select_related("organisation", "contact_person__user")
    return get_scoped_or_404(request, families, roles=roles, public_id=public_id)


def get_family_to_find(request, public_id):
    """The current organisation's family as every professional may find it: to log about
    it, ask for access or open it at once. Never its file: show its name only.

    With `reads_file` (whether the user reads its file now, as `reads_file_now` says: in the
    same query) and its organisation (the access log's entry names it)."""
    families = with_file_access(request, Family.objects.select_related("organisation"))
    return get_scoped_or_404(request, families, find_only=True, public_id=public_id)


def with_file_access(request, families):
    """`families` (found, not read) with `reads_file` on each row: whose file the user reads."""
    readable = readable_families(request.membership)
    if readable is None:
        return families.annotate(reads_file=Value(True, output_field=BooleanField()))
    return families.annotate(
        reads_file=ExpressionWrapper(Q(pk__in=readable), output_field=BooleanField())
    )


def reads_file_now(request, family):
    """Whether the current user reads `family`'s file (the same rule as `scoped`)."""
    readable = readable_families(request.membership)
    return readable is None or readable.filter(pk=family.pk).exists()


def reads_file(user, family):
    """Whether `user` reads `family`'s file now (for services, which have no request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    membership = (
        Membership.objects.active()
        .filter(user=user, organisation_id=family.organisation_id, role__in=CASE_ROLES)
        .select_related("organisation")
        .first()
    )
    if membership is None:
        return False
    readable = file_rule(membership)
    return readable is None or readable.filter(pk=family.pk).exists()


def family_names(request, public_ids, *, roles):
    """{public_id: name} of the current organisation's families among `public_ids`
    (organisations.hooks.family_names: the access log names the families it mentions)."""
    families = scoped(
        request, Family.objects.filter(public_id__in=public_ids), roles=roles, find_only=True
    )
    return dict(families.values_list("public_id", "name"))
