"""One family's complete file, for a data-subject access request or a consultation
with Veilig Thuis: everything stap0 holds about the family, all versions included."""

from dossier.parents import parents_part
from organisations.scoping import CASE_ROLES, scoped
from signals.models import Agreement, ColleagueNote, LookRequest, Observation, Review

# What an export shows of an entry its reader may not read (need-to-know: a confidential
# entry is for its author and the leads).
WITHHELD = "(vertrouwelijk)"


def _person(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _date(value):
    return value.isoformat() if value else None


def _readable(request, queryset):
    """The pks of `queryset` whose content the reader reads; None: all (no reader given)."""
    if request is None:
        return None
    return set(scoped(request, queryset, roles=CASE_ROLES).values_list("pk", flat=True))


def _shown(readable, obj, value):
    return value if readable is None or obj.pk in readable else WITHHELD


# The fields of an entry that say what it is about; withheld together.
CONTENT_FIELDS = {
    "observations": (
        "child",
        "category",
        "category_code",
        "kind",
        "severity",
        "severity_label",
        "acute",
        "parents_discussed",
    ),
}


def _withhold_the_rest(data, readable, rows, part):
    """For entries the reader may not read: only that they exist, their date and author."""
    if readable is None:
        return
    for row, obj in zip(data[part], rows, strict=True):
        if obj.pk not in readable:
            for name in CONTENT_FIELDS.get(part, ()):
                row[name] = None if name == "acute" else WITHHELD


def family_file(family, request=None):
    """A plain dict (JSON-ready) of the family's file, oldest first within each part.

    With a `request`, the same need-to-know rule as on the pages: a confidential entry the
    reader may not read is marked and its content withheld (leads read every entry)."""
    observations = (
        Observation.objects.filter(family=family)
        .select_related("category", "observer", "child", "amends")
        .order_by("created_at", "pk")
    )
    notes = (
        ColleagueNote.objects.filter(family=family)
        .select_related("author", "observation")
        .order_by("created_at", "pk")
    )
    look_requests = (
        LookRequest.objects.filter(family=family)
        .select_related("requested_by", "requested_from")
        .order_by("created_at", "pk")
    )
    reviews = Review.objects.filter(family=family).select_related("lead").order_by("created_at")
    agreements = (
        Agreement.objects.filter(family=family)
        .select_related("owner__user", "closed_by", "review")
        .order_by("created_at", "pk")
    )
    readable_obs = _readable(request, observations)
    readable_notes = _readable(request, notes)
    readable_reviews = _readable(request, reviews)
    readable_agreements = _readable(request, agreements)
    contact = family.contact_person
    observations, notes, reviews = list(observations), list(notes), list(reviews)
    data = {
        "family": {
            "id": str(family.public_id),
            "name": family.name,
            "organisation": family.organisation.name,
            "created_at": _date(family.created_at),
            "last_activity_at": _date(family.last_activity_at),
            "contact_person": contact.display_name if contact else "",
        },
        "support_plan": {
            "long_term_support": family.long_term_support,
            "monitoring_interval_weeks": family.monitoring_interval_weeks,
            "next_check_on": _date(family.next_check_on),
            "agreements": family.support_notes,
            "checks": [
                {
                    "id": str(c.public_id),
                    "checked_on": _date(c.checked_on),
                    "outcome": c.get_outcome_display(),
                    "findings": c.findings,
                    "next_check_on": _date(c.next_check_on),
                    "recorded_by": _person(c.recorded_by),
                    "created_at": _date(c.created_at),
                }
                for c in family.checks.select_related("recorded_by").order_by("checked_on", "pk")
            ],
        },
        "children": [
            {
                "id": str(c.public_id),
                "first_name": c.first_name,
                "birth_date": _date(c.birth_date),
                "group": c.group_name,
            }
            for c in family.children.all()
        ],
        "network": [
            {
                "id": str(m.public_id),
                "name": m.name,
                "relationship": m.get_relationship_display(),
                "relationship_detail": m.relationship_detail,
                "how_they_help": m.how_they_help,
                "contact": m.contact,
            }
            for m in family.network.all()
        ],
        "partners": [
            {
                "id": str(p.public_id),
                "organisation": p.organisation_name,
                "contact_person": p.contact_person,
                "contact_details": p.contact_details,
                "responsibility": p.responsibility,
                "expectations": p.expectations,
                "consent_basis": p.consent_basis,
            }
            for p in family.partners.all()
        ],
        "observations": [
            {
                "id": str(o.public_id),
                "chain": str(o.chain),
                "amends": str(o.amends.public_id) if o.amends else None,
                "confidential": o.confidential,
                "amend_reason": _shown(readable_obs, o, o.amend_reason),
                "child": o.child.first_name if o.child else "",
                "category": o.category.display_name,
                "category_code": o.category.code,
                "kind": o.category.get_kind_display(),
                "severity": o.severity,
                "severity_label": o.severity_words,
                "observed_on": _date(o.observed_on),
                "description": _shown(readable_obs, o, o.description),
                "acute": o.acute,
                "lasting": o.category.lasting,
                "ended_on": _date(o.ended_on),
                "parents_discussed": o.get_parents_discussed_display(),
                "parents_response": _shown(readable_obs, o, o.parents_response),
                "observer": _person(o.observer),
                "created_at": _date(o.created_at),
            }
            for o in observations
        ],
        "notes": [
            {
                "id": str(n.public_id),
                "kind": n.get_kind_display(),
                "confidential": n.confidential,
                "text": _shown(readable_notes, n, n.text),
                "about_observation": str(n.observation.public_id) if n.observation else None,
                "author": _person(n.author),
                "created_at": _date(n.created_at),
            }
            for n in notes
        ],
        "look_requests": [
            {
                "id": str(r.public_id),
                "requested_by": _person(r.requested_by),
                "requested_from": _person(r.requested_from),
                "message": r.message,
                "created_at": _date(r.created_at),
                "answered_at": _date(r.answered_at),
            }
            for r in look_requests
        ],
        "reviews": [
            {
                "id": str(r.public_id),
                "lead": _person(r.lead),
                "confidential": r.confidential,
                "decision": _shown(readable_reviews, r, r.get_decision_display()),
                "rationale": _shown(readable_reviews, r, r.rationale),
                "next_review_on": _date(r.next_review_on),
                "afwegingskader": [
                    {
                        "question": str(Review._meta.get_field(f"q{i}_{name}").verbose_name),
                        "answer": _shown(readable_reviews, r, getattr(r, f"q{i}_{name}")),
                        "reason": _shown(readable_reviews, r, getattr(r, f"q{i}_reason")),
                    }
                    for i, name in (
                        (1, "suspicion"),
                        (2, "unsafety"),
                        (3, "can_help"),
                        (4, "accepted"),
                        (5, "effective"),
                    )
                ],
                "veilig_thuis": {
                    "reported_on": _date(r.vt_reported_on),
                    "reference": r.vt_reference,
                    "answer": r.vt_answer,
                    "answered_on": _date(r.vt_answered_on),
                }
                # Whether and when it was reported is the confidential review's content too.
                if r.reported_to_vt and (readable_reviews is None or r.pk in readable_reviews)
                else None,
                "created_at": _date(r.created_at),
            }
            for r in reviews
        ],
        "agreements": [
            {
                "id": str(a.public_id),
                "review": str(a.review.public_id),
                "what": _shown(readable_agreements, a, a.what),
                "owner": a.owner.display_name,
                "due_on": _date(a.due_on),
                "status": a.get_status_display(),
                "outcome_note": _shown(readable_agreements, a, a.outcome_note),
                "closed_by": _person(a.closed_by),
                "closed_at": _date(a.closed_at),
                "created_at": _date(a.created_at),
            }
            for a in agreements
        ],
    }
    _withhold_the_rest(data, readable_obs, observations, "observations")
    data["parents"] = parents_part(family)
    return data
