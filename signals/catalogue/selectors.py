import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=1024)
def folded(text):
    """Lower case without accents, so that "geboorte" finds "Geboorte" and "een" finds "één".

    Kept for texts seen before: the observation form folds every category's search text on
    each visit (about 30,000 characters, one at a time), and those texts rarely change."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def search_text(category):
    """What a search over the catalogue looks in: both names, the synonyms in both languages,
    the explanation, what to ask, the domain and the kind (the type-ahead on the form reads
    the same text)."""
    return folded(
        " ".join(
            [
                category.name,
                category.name_en,
                category.synonyms,
                category.synonyms_en,
                category.explanation,
                category.explanation_en,
                category.ask,
                category.get_domain_display(),
                category.get_kind_display(),
            ]
        )
    )


def matching(categories, query):
    """The categories whose text holds every word of the query; names that match come first."""
    words = folded(query).split()
    if not words:
        return list(categories)
    hits = [c for c in categories if all(w in search_text(c) for w in words)]
    return sorted(hits, key=lambda c: not all(w in folded(c.display_name) for w in words))
