from signals.catalogue.models import SignalCategory


def available_categories(organisation):
    return list(
        SignalCategory.objects.available_to(organisation).order_by("kind", "domain", "name")
    )


def category_help(categories):
    """What the observation form shows beside the select, per category code (json_script)."""
    return {
        c.code: {
            "name": c.display_name,
            "kind": c.get_kind_display(),
            "explanation": c.display_explanation,
            "ask": c.display_ask,
            "risk": c.counts_as_risk,
        }
        for c in categories
    }
