"""From an uploaded file's bytes to a table of text: a header and rows.

CSV with the standard csv module: the encoding is detected (UTF-8 with or without
a byte-order mark, UTF-16 with one, else Windows-1252, as Excel writes it in the
Netherlands) and so is the delimiter (Excel's semicolon, a comma, a tab). Excel
workbooks (.xlsx) with openpyxl, read-only. Whatever goes wrong becomes a
ValidationError with a Dutch message; nothing here writes anything.
"""

import codecs
import csv
import datetime
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024  # a school of 2,000 pupils exports well under 1 MB
MAX_ROWS = 5000
MAX_COLUMNS = 100
MAX_CELL = 500
DELIMITERS = (";", ",", "\t", "|")


@dataclass
class Table:
    headers: list
    # [line number in the file, [one cell per header], whether cells beyond the headers
    # were filled in (a delimiter inside an unquoted address, say)]
    rows: list = field(default_factory=list)


def _bad_file(message=None):
    return ValidationError(
        message
        or _(
            "Dit bestand kunnen we niet lezen. Sla de export op als CSV "
            "(gescheiden door puntkomma's of komma's) of als Excel-werkmap (.xlsx) en "
            "probeer het opnieuw."
        ),
        code="bad_file",
    )


def read_table(data, file_name=""):
    """The table in `data` (bytes of a CSV or .xlsx file)."""
    if not data:
        raise _bad_file(_("Het bestand is leeg."))
    if len(data) > MAX_BYTES:
        raise _bad_file(
            _("Het bestand is groter dan %(mb)d MB. Exporteer alleen de kolommen die nodig zijn.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if data[:4] == b"PK\x03\x04":
        rows = _xlsx_rows(data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _bad_file(
            _(
                "Dit is een oud Excel-bestand (.xls). Open het in Excel en sla het op als "
                "Excel-werkmap (.xlsx) of als CSV."
            )
        )
    else:
        rows = _csv_rows(_decode(data))
    return _table(rows)


# CSV ---------------------------------------------------------------------------------


def _decode(data):
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _bad_file() from None
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Excel "CSV (gescheiden door lijstscheidingsteken)" on a Dutch Windows.
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise _bad_file()
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t")
    if controls > max(2, len(text) // 100):
        raise _bad_file()
    return text


def _delimiter(lines):
    """The delimiter that splits the first lines into the same number (> 1) of columns
    most often; Excel's semicolon first when they tie."""
    best, best_score = None, 0
    sample = [line for line in lines[:20] if line.strip()]
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        score = sum(1 for n in counts if n == counts[0]) * 1000 + counts[0]
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text):
    lines = text.splitlines()
    delimiter = _delimiter(lines)
    if delimiter is None:
        raise _bad_file(
            _(
                "We vinden maar één kolom. Gebruik een export met kolommen, gescheiden "
                "door puntkomma's of komma's, met de kolomnamen op de eerste regel."
            )
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            rows.append((reader.line_num, cells))
            if len(rows) > MAX_ROWS + 1:
                break
    except csv.Error:
        raise _bad_file(
            _("Regel %(line)d van het bestand is niet goed opgebouwd (aanhalingstekens?).")
            % {"line": reader.line_num}
        ) from None
    return rows


# Excel -------------------------------------------------------------------------------


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data):
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except zipfile.BadZipFile:
        raise _bad_file() from None
    except Exception:  # openpyxl raises many kinds of error on a malformed workbook
        raise _bad_file() from None
    rows = []
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise _bad_file(_("Deze werkmap heeft geen werkblad."))
        values = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        for number, cells in enumerate(values, start=1):
            rows.append((number, [_cell_text(v) for v in cells]))
            if len(rows) > MAX_ROWS + 1:
                break
    except ValidationError:
        raise
    except Exception:  # see above
        raise _bad_file() from None
    finally:
        workbook.close()
    return rows


# Both --------------------------------------------------------------------------------


def _table(rows):
    rows = [(n, [c.strip()[:MAX_CELL] for c in cells]) for n, cells in rows]
    rows = [(n, cells) for n, cells in rows if any(cells)]
    if not rows:
        raise _bad_file(_("Er staat niets in het bestand."))
    headers = rows[0][1]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) < 2:
        raise _bad_file(
            _(
                "We vinden maar één kolom. Gebruik een export met kolommen, gescheiden "
                "door puntkomma's of komma's, met de kolomnamen op de eerste regel."
            )
        )
    if len(headers) > MAX_COLUMNS:
        raise _bad_file(
            _("Het bestand heeft meer dan %(n)d kolommen. Exporteer alleen wat nodig is.")
            % {"n": MAX_COLUMNS}
        )
    body = rows[1:]
    if not body:
        raise _bad_file(_("Het bestand heeft alleen kolomnamen en geen leerlingen of kinderen."))
    if len(body) > MAX_ROWS:
        raise _bad_file(
            _("Het bestand heeft meer dan %(n)d regels. Splits het, bijvoorbeeld per locatie.")
            % {"n": MAX_ROWS}
        )
    width = len(headers)
    headers = [h or _("kolom %(n)d") % {"n": i + 1} for i, h in enumerate(headers)]
    table = Table(headers=headers)
    for number, cells in body:
        padded = (cells + [""] * width)[:width]
        table.rows.append([number, padded, any(cells[width:])])
    return table
