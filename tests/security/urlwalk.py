"""Every named URL pattern of the app, and how to fill its parameters from a World."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse


def named_patterns():
    """(full name, pattern string, parameter names) for every named URL pattern."""
    found = []

    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and p.name:
                name = f"{namespace}:{p.name}" if namespace else p.name
                found.append((name, prefix + str(p.pattern), list(p.pattern.converters)))

    walk(get_resolver().url_patterns, "", None)
    return found


# Which object of the world a parameter names, per URL (default: by parameter name).
OBJECT_FOR = {
    "organisations:membership_edit": {"public_id": "membership"},
    "signals:observation_history": {"public_id": "observation"},
    "signals:observation_amend": {"public_id": "observation"},
    "signals:look_request_answer": {"public_id": "look_request"},
    "organisations:mfa_reset": {"public_id": "membership"},
    "organisations:invitation_resend": {"public_id": "invitation"},
    "organisations:invitation_revoke": {"public_id": "invitation"},
    "notifications:open": {"public_id": "notification"},
    "families:access_request_decide": {"public_id": "access_request"},
    "signals:conversation": {"public_id": "conversation"},
    "signals:conversation_summary": {"public_id": "conversation"},
    "signals:conversation_summary_print": {"public_id": "conversation"},
    "signals:parents_view_add": {"public_id": "observation"},
    "signals:correction_request": {"public_id": "correction_request"},
    # No handover in the world: the family's id names none (a 404 for everyone).
    "collaboration:handover": {"public_id": "family"},
    "signals:review_vt_answer": {"public_id": "review"},
    "signals:agreement_close": {"public_id": "agreement"},
    "learning:consultation": {"public_id": "consultation"},
    "learning:consultation_print": {"public_id": "consultation"},
    "learning:vignette_sentences": {"public_id": "vignette"},
    "learning:vignette_outcome": {"public_id": "vignette"},
    "learning:what_worked_write": {"public_id": "what_worked"},
    "learning:what_worked_approve": {"public_id": "what_worked"},
}
DEFAULT_OBJECT = {
    "public_id": "family",
    "family_id": "family",
    "child_id": "child",
    "member_id": "member",
    "partner_id": "partner",
    "observation_id": "observation",
    "note_id": "note",
    "review_id": "review",
    "import_id": "pupil_import",
    "team_member_id": "team_member",
}
# Parameters that name no object of the world: a well-formed value that leads nowhere.
# (object_id: a region in Django's admin, which only the superuser reaches.)
LITERAL = {
    "uidb64": "MA",
    "token": "geen-geldige-link",
    "object_id": "1",
    # A category of the shipped catalogue (its page: signals:category).
    "code": "supportive-network",
}
# Patterns written as a regular expression (no converters): their arguments by hand.
KWARGS_FOR = {"admin:app_list": {"app_label": "collaboration"}}


def url_for(name, params, world):
    kwargs = dict(KWARGS_FOR.get(name, {}))
    for param in params:
        if param in LITERAL:
            kwargs[param] = LITERAL[param]
            continue
        attr = OBJECT_FOR.get(name, {}).get(param) or DEFAULT_OBJECT.get(param)
        if attr is None:
            raise LookupError(f"{name}: no object for parameter {param!r} (extend urlwalk.py)")
        kwargs[param] = getattr(world, attr).public_id
    return reverse(name, kwargs=kwargs)
