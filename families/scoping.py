"""Families through the one scoping mechanism (organisations.scoping): the helper
every view uses to fetch a family, and the names an access-log page shows."""

from organisations.scoping import CASE_ROLES, get_scoped_or_404, scoped

from .models import Family


def get_family_for_user(request, public_id, *, roles=CASE_ROLES):
    """The current organisation's family: 404 for a stranger, 403 for a wrong role;
    a refusal goes in the family's access log (organisations.middleware)."""
    # With its organisation (the model's bands, the access log) and contact person (the
    # family page) in the same query.
    families = Family.objects.select_related("organisation", "contact_person__user")
    return get_scoped_or_404(request, families, roles=roles, public_id=public_id)


def family_names(request, public_ids, *, roles):
    """{public_id: name} of the current organisation's families among `public_ids`
    (organisations.hooks.family_names: the access log names the families it mentions)."""
    families = scoped(request, Family.objects.filter(public_id__in=public_ids), roles=roles)
    return dict(families.values_list("public_id", "name"))
