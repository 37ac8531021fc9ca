from django.apps import AppConfig
from django.core import checks


class SignalsConfig(AppConfig):
    name = "signals"
    # "signals" would shadow nothing in Django, but a distinct label keeps table
    # names obvious in SQL: stap0signals_observation.
    label = "stap0signals"
    verbose_name = "Signalen"

    def ready(self):
        # Fill the hooks of the floors below: organisations names no model of ours.
        from django.db.models import Exists, OuterRef

        from notifications import hooks as notification_hooks
        from organisations import hooks
        from organisations.scoping import register_scope
        from signals.followup.agreements import tell_assigned
        from signals.followup.due import notify_due
        from signals.followup.events import after_observation
        from signals.notes.selectors import for_me_badge, open_requests_digest
        from signals.observations.services import saved as observation_saved
        from signals.reviews.agreements import assigned as agreement_assigned

        def readable(queryset, user):
            return queryset.readable_by(user)

        def readable_chain(queryset, user):
            from signals.observations.models import Observation, chain_readable_by

            versions = Observation.objects.filter(chain=OuterRef("chain"))
            return queryset.filter(Exists(versions), chain_readable_by(user))

        # Need-to-know: an entry of a family's file is read by those who read the file, and by
        # its author (their own entries, also from outside the team); a confidential one only
        # by its author and the leads.
        org = "family__organisation"
        register_scope(
            "stap0signals.observation",
            organisation=org,
            family="family",
            author="observer",
            confidential=readable,
        )
        register_scope(
            "stap0signals.colleaguenote",
            organisation=org,
            family="family",
            author="author",
            confidential=readable,
        )
        register_scope(
            "stap0signals.review", organisation=org, family="family", confidential=readable
        )
        # An agreement of a confidential review: the leads, and the one who carries it out.
        register_scope(
            "stap0signals.agreement", organisation=org, family="family", confidential=readable
        )
        # Talking with parents (issue 14): a conversation and a correction request belong to
        # the family's file; the parents' view on an observation is read with its chain.
        register_scope(
            "stap0signals.conversation",
            organisation=org,
            family="family",
            author="prepared_by",
        )
        register_scope(
            "stap0signals.correctionrequest",
            organisation=org,
            family="family",
            author="recorded_by",
        )
        register_scope(
            "stap0signals.parentsview",
            organisation=org,
            family="family",
            author="recorded_by",
            confidential=readable_chain,
        )
        for model in ("latestobservation", "lookrequest"):
            register_scope(f"stap0signals.{model}", organisation=org, family="family")
        hooks.menu_badges.register(for_me_badge)

        from signals.observations.triggers import check_triggers

        checks.register(check_triggers, checks.Tags.database)

        # Follow-up: a new observation may lift the status; send_digests tells what is due.
        observation_saved.register(after_observation)
        agreement_assigned.register(tell_assigned)
        notification_hooks.due_events.register(notify_due)
        notification_hooks.digest_counts.register(open_requests_digest)
