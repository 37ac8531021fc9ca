"""Each row of the table, read through the mapping and checked: a child or a list of errors."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import MAX_CHILD_AGE, Child
from ..selectors import age_on

DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")
YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
# Excel's day numbers (a date cell exported as a number): 1954 up to 2064.
EXCEL_SERIAL = re.compile(r"^\d{5}$")
EXCEL_EPOCH = datetime.date(1899, 12, 30)
FIRST_NAME_MAX = Child._meta.get_field("first_name").max_length
GROUP_MAX = Child._meta.get_field("group_name").max_length
# The child keeps its last name (with its tussenvoegsel): matching in a region needs it.
LAST_NAME_MAX = Child._meta.get_field("last_name").max_length
NUMBER_MAX = 50


@dataclass
class Row:
    line: int
    cells: list
    first_name: str = ""
    last_name: str = ""
    birth_date: datetime.date | None = None
    group: str = ""
    pupil_number: str = ""
    family_key: str = ""
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    @property
    def family_name(self):
        # Stored data, the same whatever language the beheerder reads stap0 in.
        return "Gezin " + self.last_name[:1].upper() + self.last_name[1:]

    def as_json(self):
        """What the import needs of a valid row (kept until the import, never the file)."""
        return {
            "line": self.line,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "birth_date": self.birth_date.isoformat() if self.birth_date else "",
            "group": self.group,
            "pupil_number": self.pupil_number,
            "family_key": self.family_key,
        }


def parse_date(text, today):
    """A birth date as administration systems write it; None when it cannot be read.
    Raises ValueError for a date that does not exist (31-02-2017)."""
    text = text.strip()
    match = DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000 if year <= today.year % 100 else 1900
        return datetime.date(year, month, day)
    match = YMD.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return datetime.date(year, month, day)
    if EXCEL_SERIAL.match(text) and 20000 <= int(text) <= 60000:
        return EXCEL_EPOCH + datetime.timedelta(days=int(text))
    return None


def _family_key(value):
    return " ".join("".join(c if c.isalnum() else " " for c in value.lower()).split())


def _cell(cells, mapping, key):
    index = mapping.get(key)
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _too_long(row, value, limit, label):
    if len(value) > limit:
        row.errors.append(
            _("%(label)s is te lang (hoogstens %(max)d tekens).") % {"label": label, "max": limit}
        )


def _check_birth_date(row, text, today):
    if not text:
        row.errors.append(_("Geboortedatum ontbreekt."))
        return
    try:
        birth_date = parse_date(text, today)
    except ValueError:
        row.errors.append(_("Geboortedatum '%(value)s' bestaat niet.") % {"value": text[:30]})
        return
    if birth_date is None:
        row.errors.append(
            _(
                "Geboortedatum '%(value)s' kunnen we niet lezen; gebruik dag-maand-jaar, "
                "bijvoorbeeld 14-03-2017."
            )
            % {"value": text[:30]}
        )
    elif birth_date > today:
        row.errors.append(_("Geboortedatum %(date)s ligt in de toekomst.") % {"date": text[:30]})
    elif age_on(birth_date, today) > MAX_CHILD_AGE:
        row.errors.append(
            _("Dit kind zou ouder zijn dan %(max)d jaar; controleer het geboortejaar.")
            % {"max": MAX_CHILD_AGE}
        )
    else:
        row.birth_date = birth_date


def read_row(line, cells, extra, mapping, today):
    row = Row(line=line, cells=cells)
    row.first_name = _cell(cells, mapping, "first_name")
    prefix = _cell(cells, mapping, "prefix")
    last_name = _cell(cells, mapping, "last_name")
    row.last_name = f"{prefix} {last_name}".strip() if last_name else ""
    row.group = _cell(cells, mapping, "group")
    row.pupil_number = _cell(cells, mapping, "pupil_number")
    key = _family_key(_cell(cells, mapping, "family_key"))
    if not key:
        postcode = _family_key(_cell(cells, mapping, "postcode")).replace(" ", "")
        number = _family_key(_cell(cells, mapping, "house_number")).replace(" ", "")
        key = f"{postcode}|{number}" if postcode and number else ""
    row.family_key = key
    if extra:
        row.errors.append(
            _(
                "Deze regel heeft meer kolommen dan de kop. Staat er een puntkomma of komma "
                "in een naam of adres?"
            )
        )
    if not row.first_name:
        row.errors.append(_("Roepnaam ontbreekt."))
    if not row.last_name:
        row.errors.append(_("Achternaam ontbreekt."))
    _too_long(row, row.first_name, FIRST_NAME_MAX, _("De roepnaam"))
    _too_long(row, row.last_name, LAST_NAME_MAX, _("De achternaam"))
    _too_long(row, row.group, GROUP_MAX, _("De groep"))
    _too_long(row, row.pupil_number, NUMBER_MAX, _("Het leerlingnummer"))
    _check_birth_date(row, _cell(cells, mapping, "birth_date"), today)
    return row


def read_rows(table_rows, mapping, today):
    """Every row, checked on its own and against the rows above it (duplicates)."""
    rows, numbers, people = [], {}, {}
    for line, cells, extra in table_rows:
        row = read_row(line, cells, extra, mapping, today)
        if row.pupil_number:
            seen = numbers.setdefault(row.pupil_number.lower(), row.line)
            if seen != row.line:
                row.errors.append(
                    _("Leerlingnummer %(number)s staat ook op regel %(line)d.")
                    % {"number": row.pupil_number, "line": seen}
                )
        elif row.first_name and row.last_name and row.birth_date:
            person = (row.first_name.lower(), row.last_name.lower(), row.birth_date)
            seen = people.setdefault(person, row.line)
            if seen != row.line:
                row.errors.append(_("Dit kind staat ook op regel %(line)d.") % {"line": seen})
        rows.append(row)
    return rows
