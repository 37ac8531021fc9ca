"""Need-to-know starts with the teams that the files already show: whoever logged an
observation, wrote a note or was asked to look at a family joins its team (families
migration 0002 seeded who created each file and its contact person). Before this, every
professional read every file; afterwards they keep the files they worked on."""

from django.db import migrations


def seed(apps, schema_editor):
    TeamMember = apps.get_model("families", "TeamMember")
    Membership = apps.get_model("organisations", "Membership")
    Observation = apps.get_model("stap0signals", "Observation")
    ColleagueNote = apps.get_model("stap0signals", "ColleagueNote")
    LookRequest = apps.get_model("stap0signals", "LookRequest")
    case_members = set(
        Membership.objects.filter(role__in=("professional", "lead")).values_list(
            "organisation_id", "user_id"
        )
    )
    current = set(
        TeamMember.objects.filter(removed_at__isnull=True).values_list("family_id", "user_id")
    )
    sources = (
        ("logged", Observation.objects.values_list("family_id", "family__organisation_id", "observer_id")),
        ("answered", ColleagueNote.objects.values_list("family_id", "family__organisation_id", "author_id")),
        (
            "asked_to_look",
            LookRequest.objects.values_list("family_id", "family__organisation_id", "requested_from_id"),
        ),
    )
    new = []
    for reason, rows in sources:
        for family_id, organisation_id, user_id in rows.order_by().distinct():
            key = (family_id, user_id)
            if key in current or (organisation_id, user_id) not in case_members:
                continue
            current.add(key)
            new.append(TeamMember(family_id=family_id, user_id=user_id, reason=reason))
    TeamMember.objects.bulk_create(new, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("families", "0003_team_access"),
        ("organisations", "0004_need_to_know"),
        ("stap0signals", "0004_confidential"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
