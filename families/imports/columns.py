"""The columns stap0 takes from an export, and the header names it recognises.

Headers are compared after normalising: lower case, accents dropped, everything
that is not a letter or digit read as a space ("Geb. datum" is "geb datum",
"Groep/klas" is "groep klas"). The user sees the guess and can correct it.
"""

import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool
    aliases: tuple  # normalised header names, the most specific first
    help: str = ""


COLUMNS = (
    Column(
        "pupil_number",
        gettext_lazy("Leerlingnummer"),
        False,
        (
            "leerlingnummer",
            "leerling nummer",
            "leerlingnr",
            "llnr",
            "lln nr",
            "stamnummer",
            "stamnr",
            "kindnummer",
            "kind nummer",
            "kindnr",
            "kind id",
            "pupil number",
            "student number",
            "student id",
        ),
        gettext_lazy("Hiermee herkent een volgende import dezelfde kinderen (aanbevolen)."),
    ),
    Column(
        "first_name",
        gettext_lazy("Roepnaam"),
        True,
        (
            "roepnaam",
            "roepnaam leerling",
            "roepnaam kind",
            "voornaam",
            "voornaam leerling",
            "voornaam kind",
            "voornamen",
            "first name",
            "firstname",
            "given name",
        ),
    ),
    Column(
        "prefix",
        gettext_lazy("Tussenvoegsel"),
        False,
        ("tussenvoegsel", "tussenvoegsels", "voorvoegsel", "voorvoegsels", "tussenv", "voorv"),
    ),
    Column(
        "last_name",
        gettext_lazy("Achternaam"),
        True,
        (
            "achternaam",
            "achternaam leerling",
            "achternaam kind",
            "geslachtsnaam",
            "familienaam",
            "last name",
            "lastname",
            "surname",
        ),
        gettext_lazy(
            "Het gezin krijgt de naam 'Gezin' met de achternaam; het kind krijgt de achternaam "
            "(met tussenvoegsel), die nodig is om elkaar in de regio te vinden."
        ),
    ),
    Column(
        "birth_date",
        gettext_lazy("Geboortedatum"),
        True,
        (
            "geboortedatum",
            "geboorte datum",
            "geb datum",
            "gebdatum",
            "geb dat",
            "date of birth",
            "birth date",
            "birthdate",
            "dob",
        ),
    ),
    Column(
        "group",
        gettext_lazy("Groep of klas"),
        False,
        (
            "groep",
            "klas",
            "groep klas",
            "klas groep",
            "stamgroep",
            "basisgroep",
            "jaargroep",
            "groepsnaam",
            "klasnaam",
            "group",
            "class",
        ),
    ),
    Column(
        "family_key",
        gettext_lazy("Gezin (gezinsnummer of adres)"),
        False,
        (
            "gezinsnummer",
            "gezinsnr",
            "gezinscode",
            "gezins id",
            "gezin id",
            "gezin",
            "familienummer",
            "familie",
            "adres",
            "woonadres",
            "huisadres",
            "address",
        ),
        gettext_lazy("Broers en zussen met dezelfde waarde komen in één gezin."),
    ),
    Column(
        "postcode",
        gettext_lazy("Postcode"),
        False,
        ("postcode", "postcode adres", "zip"),
        gettext_lazy("Zonder gezinskolom: dezelfde postcode en hetzelfde huisnummer is één gezin."),
    ),
    Column(
        "house_number",
        gettext_lazy("Huisnummer"),
        False,
        ("huisnummer", "huisnr", "huisnummer toevoeging", "huisnr toev"),
    ),
)
KEYS = tuple(c.key for c in COLUMNS)
BY_KEY = {c.key: c for c in COLUMNS}


def normalise(header):
    text = unicodedata.normalize("NFKD", str(header)).encode("ascii", "ignore").decode()
    text = "".join(c if c.isalnum() else " " for c in text.lower())
    return " ".join(text.split())


def recognise(headers):
    """{column key: index of the header it most likely is, or None}."""
    names = [normalise(h) for h in headers]
    mapping, taken = {}, set()
    for column in COLUMNS:
        mapping[column.key] = None
        for alias in column.aliases:
            found = next(
                (i for i, name in enumerate(names) if name == alias and i not in taken), None
            )
            if found is not None:
                mapping[column.key] = found
                taken.add(found)
                break
    return mapping


def check_mapping(mapping, headers):
    """Raises ValidationError (keyed by column) unless `mapping` is usable for `headers`."""
    errors = {}
    used = {}
    for column in COLUMNS:
        index = mapping.get(column.key)
        if index is None:
            if column.required:
                errors[column.key] = [
                    _("Kies de kolom met de %(label)s.") % {"label": str(column.label).lower()}
                ]
            continue
        if not isinstance(index, int) or not 0 <= index < len(headers):
            errors[column.key] = [_("Kies een kolom uit het bestand.")]
        elif index in used:
            errors[column.key] = [
                _("De kolom '%(header)s' is al gekozen voor %(other)s.")
                % {"header": headers[index], "other": str(BY_KEY[used[index]].label).lower()}
            ]
        else:
            used[index] = column.key
    if errors:
        raise ValidationError(errors)
