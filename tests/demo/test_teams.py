"""The demo's teams: each demo professional reads some files and not others (need-to-know),
as the README's logins table says; the leads read every file, the beheerder none."""

from django.core.management import call_command

from demo.teams import readable_by
from families.models import Family
from families.scoping import file_rule
from organisations.models import Membership, Role
from signals.models import Observation


def test_each_demo_professional_reads_some_files_and_not_others(db):
    call_command("load_demo", quiet_logins=True)
    call_command("load_demo", quiet_logins=True)  # idempotent
    professionals = Membership.objects.filter(role=Role.PROFESSIONAL).select_related(
        "organisation", "user"
    )
    assert professionals.count() == 5
    for membership in professionals:
        families = Family.objects.filter(organisation=membership.organisation)
        reads = set(families.filter(pk__in=file_rule(membership)).values_list("name", flat=True))
        assert 0 < len(reads) < families.count(), membership
        # What the README's table says.
        expected = readable_by(membership.user.username)[membership.organisation.name]
        assert reads == set(expected), membership
    for lead in Membership.objects.filter(role=Role.LEAD):
        assert file_rule(lead) is None


def test_some_logged_about_a_family_whose_file_they_do_not_read(db):
    call_command("load_demo", quiet_logins=True)
    outside = 0
    for obs in Observation.objects.select_related("family__organisation", "observer"):
        membership = Membership.objects.get(user=obs.observer, organisation=obs.family.organisation)
        rule = file_rule(membership)
        if rule is not None and not rule.filter(pk=obs.family_id).exists():
            outside += 1
    assert outside >= 3
    assert Observation.objects.filter(confidential=True).exists()
