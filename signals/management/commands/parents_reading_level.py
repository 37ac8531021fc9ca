"""Reading level of the summary for parents (issue 14): Flesch-Douma (Dutch), Flesch Reading
Ease (English) and LIX, over the printed page's own sentences in every language.

B1 is roughly Flesch-Douma 60-70 and above, LIX below 40; the figures are a check on short
sentences and short words, not a proof of plain language (that needs readers)."""

import datetime
import re
from types import SimpleNamespace as NS

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import translation

VOWELS = {"nl": r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+", "en": r"[aeiouy]+"}


def text_of(lang):
    conversation = NS(
        held_on=datetime.date(2026, 12, 1),
        next_on=datetime.date(2026, 12, 29),
        public_id="00000000-0000-0000-0000-000000000000",
        get_absolute_url=lambda: "/",
    )
    with translation.override(lang):
        html = render_to_string(
            "signals/parents/summary_print.html",
            {
                "conversation": conversation,
                "noticed": [],
                "going_well": [],
                "agreements": [],
                "contact": None,
                "organisation": NS(name="Basisschool"),
                "language": lang,
            },
        )
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def syllables(word, lang):
    w = word.lower()
    n = len(re.findall(VOWELS.get(lang, VOWELS["en"]), w))
    if lang == "en" and w.endswith("e") and n > 1 and not w.endswith("le"):
        n -= 1
    return max(1, n)


def measure(text, lang):
    sentences = [s for s in re.split(r"[.!?:]+\s", text) if s.strip()]
    words = re.findall(r"[A-Za-zÀ-ÿ']+", text)
    asl = len(words) / len(sentences)
    asw = sum(syllables(w, lang) for w in words) / len(words)
    lix = asl + 100 * sum(1 for w in words if len(w) > 6) / len(words)
    if lang == "nl":
        name, score = "Flesch-Douma", 206.835 - 0.93 * asl - 77 * asw
    else:
        name, score = "Flesch Reading Ease", 206.835 - 1.015 * asl - 84.6 * asw
    return (
        f"{lang}: {len(sentences)} sentences, {len(words)} words, {asl:.1f} words a sentence, "
        f"{asw:.2f} syllables a word; {name} {score:.0f}; LIX {lix:.0f}"
    )


class Command(BaseCommand):
    help = "Prints the reading level of the summary for parents, per language."

    def handle(self, *args, **options):
        for lang, _name in settings.LANGUAGES:
            self.stdout.write(measure(text_of(lang), lang))
