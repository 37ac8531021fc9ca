"""The file's part about talking with parents: conversations (with the summary's lines), the
parents' views on observations, and their correction requests with the decisions."""

from signals.models import Conversation, CorrectionRequest, ParentsView


def _person(user):
    return (user.get_full_name() or user.get_username()) if user else ""


def _date(value):
    return value.isoformat() if value else None


def parents_part(family):
    conversations = (
        Conversation.objects.filter(family=family)
        .select_related("prepared_by", "recorded_by")
        .prefetch_related("raised", "summary_items")
        .order_by("created_at", "pk")
    )
    return {
        "conversations": [
            {
                "id": str(c.public_id),
                "prepared_by": _person(c.prepared_by),
                "planned_on": _date(c.planned_on),
                "preparation_note": c.preparation_note,
                "held_on": _date(c.held_on),
                "participants": [str(label) for label in c.participant_labels()],
                "participants_note": c.participants_note,
                "parents_view": c.parents_view,
                "help_wanted": c.help_wanted,
                "next_on": _date(c.next_on),
                "recorded_by": _person(c.recorded_by),
                "raised": [
                    {"observation_chain": str(r.chain), "response": r.response}
                    for r in c.raised.all()
                ],
                "summary_language": c.summary_language,
                "summary": [{"kind": i.kind, "text": i.text} for i in c.summary_items.all()],
                "created_at": _date(c.created_at),
            }
            for c in conversations
        ],
        "parents_views": [
            {
                "observation_chain": str(v.chain),
                "text": v.text,
                "recorded_by": _person(v.recorded_by),
                "created_at": _date(v.created_at),
            }
            for v in ParentsView.objects.filter(family=family)
            .select_related("recorded_by")
            .order_by("created_at", "pk")
        ],
        "correction_requests": [
            {
                "id": str(r.public_id),
                "kind": r.get_kind_display(),
                "text": r.text,
                "observation": str(r.observation.public_id) if r.observation else None,
                "received_on": _date(r.received_on),
                "recorded_by": _person(r.recorded_by),
                "decision": r.get_decision_display() if r.decision else "",
                "decision_reason": r.decision_reason,
                "decided_by": _person(r.decided_by),
                "decided_at": _date(r.decided_at),
            }
            for r in CorrectionRequest.objects.filter(family=family)
            .select_related("recorded_by", "decided_by", "observation")
            .order_by("created_at", "pk")
        ],
    }
