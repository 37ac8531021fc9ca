"""The name check of every text that leaves a family's file for the team (a vignette's
sentences, a consultation's agenda and advice, an approved "wat werkte" item).

It looks for the organisation's own names: its families, their children, their network
members and chain partners' contacts, and its people (first and last name).
A name is matched as a whole word, case- and accent-insensitively. Words that are a
relation or a title rather than a name ("oma", "familie", "groep") are not names.
"""

import re
import unicodedata

from django.contrib.auth import get_user_model

from families.models import ChainPartner, Child, Family, NetworkMember
from organisations.models import Membership

# Parts of a family's display name or a network member's name that are no name.
NOT_NAMES = frozenset(
    """
    familie gezin groep klas de het een van der den ter ten te in op en of
    oma opa tante oom buurvrouw buurman buren moeder vader mama papa zus broer
    nicht neef vriendin vriend juf meester peutergroep babygroep dreumesgroep
    kinderopvang school
    """.split()
)
MIN_LENGTH = 2
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def fold(text):
    """Lower case, accents removed: "Öztürk" and "ozturk" are one name."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_words(*names):
    """The words of `names` that count as a name."""
    words = set()
    for name in names:
        for word in WORD.findall(fold(name)):
            for part in re.split(r"['’-]", word):
                if len(part) >= MIN_LENGTH and part not in NOT_NAMES:
                    words.add(part)
            if len(word) >= MIN_LENGTH and word not in NOT_NAMES:
                words.add(word)
    return words


def organisation_names(organisation):
    """Every name word of `organisation`'s families, children, network, chain partners'
    contacts and people (four queries)."""
    families = Family.objects.filter(organisation=organisation)
    names = list(families.values_list("name", flat=True))
    for first, last in Child.objects.filter(family__in=families).values_list(
        "first_name", "last_name"
    ):
        names += [first, last]
    names += NetworkMember.objects.filter(family__in=families).values_list("name", flat=True)
    names += ChainPartner.objects.filter(family__in=families).values_list(
        "contact_person", flat=True
    )
    users = get_user_model().objects.filter(
        pk__in=Membership.objects.filter(organisation=organisation).values("user_id")
    )
    # First and last names; not usernames, which are often words ("leerkracht", "ib").
    for first, last in users.values_list("first_name", "last_name"):
        names += [first, last]
    return name_words(*names)


def names_in(text, names):
    """The name words of `names` that occur in `text` as a word, in the order found."""
    found = []
    for word in WORD.findall(fold(text)):
        for part in {word, *re.split(r"['’-]", word)}:
            if part in names and part not in found:
                found.append(part)
    return found


MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december "
    "jan feb mrt apr jun jul aug sep sept okt nov dec"
).split()
# A day with its month: "12-03-2019", "12/3/19", "2019-03-12", "12 maart", "3 okt. 2019". A
# date of birth picks out a child as surely as a name; a month or a year alone does not,
# nor "groep 3/4" or "8.5".
DATE = re.compile(
    r"\b(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2}))\b"
    rf"|\b\d{{1,2}}(?:e|ste|de)?\s+(?:{'|'.join(MONTHS)})\b\.?",
    re.IGNORECASE,
)


def dates_in(text):
    """The dates (a day and its month) written in `text`, in the order found."""
    return [m.group(0).rstrip(".") for m in DATE.finditer(text or "")]


def names_in_text(text, organisation):
    return names_in(text, organisation_names(organisation)) if text and text.strip() else []
