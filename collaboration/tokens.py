"""The match token: HMAC-SHA256 under STAP0_MATCH_KEY of a child's normalised name and
birth date. The key lives in the environment only: never in the database, never logged.
Without it the feature is off (`enabled()` is False and every service refuses)."""

import hashlib
import hmac
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {
        "ı": "i",  # Turkish dotless i
        "ł": "l",  # Polish
        "đ": "d",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
    }
)


def normalise(value):
    """Lower case, accents, spaces and punctuation removed: "Çelik-Öztürk" -> "celikozturk"."""
    value = unicodedata.normalize("NFKD", str(value or "").casefold()).translate(_FOLD)
    return "".join(
        ch for ch in value if not unicodedata.combining(ch) and unicodedata.category(ch)[0] in "LN"
    ).translate(_FOLD)


def current_key():
    return getattr(settings, "STAP0_MATCH_KEY", "") or ""


def enabled():
    return bool(current_key())


def match_token(*, first_name, last_name, birth_date, key=None):
    """The token for one child, or a ValidationError when it cannot be matched."""
    key = current_key() if key is None else key
    if not key:
        raise ValidationError(_("Samenwerken staat uit: er is geen sleutel ingesteld."))
    first, last = normalise(first_name), normalise(last_name)
    if not first or not last or birth_date is None:
        raise ValidationError(
            _("Vul voornaam, achternaam en geboortedatum van het kind in om elkaar te vinden.")
        )
    message = f"{first}\x1f{last}\x1f{birth_date.isoformat()}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()


def child_token(child, *, key=None):
    return match_token(
        first_name=child.first_name,
        last_name=child.last_name,
        birth_date=child.birth_date,
        key=key,
    )
