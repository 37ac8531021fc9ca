"""Reading an export: encodings, delimiters, Excel, the recognised columns and each row's
checks. Random bytes and malformed files end in a clear Dutch message, never a crash."""

import codecs
import datetime
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from families.imports.columns import check_mapping, normalise, recognise
from families.imports.parsing import MAX_BYTES, read_table
from families.imports.rows import parse_date, read_rows

CLASS_LIST = Path(__file__).resolve().parent.parent / "data" / "leerlingen_de_regenboog.csv"
TODAY = datetime.date(2026, 3, 1)
HEADER = ["Leerlingnummer", "Roepnaam", "Achternaam", "Geboortedatum", "Groep"]


def _xlsx(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_the_shipped_class_list_is_excel_csv_in_windows_1252():
    data = CLASS_LIST.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    table = read_table(data)
    assert table.headers[:2] == ["Leerlingnummer", "Roepnaam"]
    assert len(table.rows) == 60
    assert any("Zoë" in cells or "Öztürk" in cells for _, cells, _ in table.rows)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [
        ("utf-8", ","),
        ("utf-8-sig", ";"),
        ("cp1252", ";"),
        ("utf-16", "\t"),
        ("utf-8", "\t"),
        ("utf-8", "|"),
    ],
)
def test_encodings_and_delimiters(encoding, delimiter):
    lines = [HEADER, ["1", "Zoë", "Çelik", "01-02-2018", "groep 3"]]
    text = "\r\n".join(delimiter.join(cells) for cells in lines)
    table = read_table(text.encode(encoding))
    assert table.headers == HEADER
    assert table.rows == [[2, ["1", "Zoë", "Çelik", "01-02-2018", "groep 3"], False]]


def test_a_bom_is_not_part_of_the_first_header():
    table = read_table(codecs.BOM_UTF8 + b"Roepnaam;Achternaam\nNoor;Jansen\n")
    assert table.headers[0] == "Roepnaam"


def test_quoted_fields_keep_their_delimiters_and_line_breaks():
    text = 'Roepnaam,Achternaam,Adres\nNoor,"Jansen, de","Dorpsstraat 1\n1234 AB Ergens"\n'
    table = read_table(text.encode())
    assert table.rows[0][1] == ["Noor", "Jansen, de", "Dorpsstraat 1\n1234 AB Ergens"]


def test_a_row_with_more_cells_than_headers_is_marked():
    table = read_table(b"Roepnaam;Achternaam\nNoor;Jansen;Dorpsstraat 1\nSami;Amrani\n")
    assert [extra for _, _, extra in table.rows] == [True, False]


def test_empty_rows_are_skipped_and_short_rows_padded():
    table = read_table(b"Roepnaam;Achternaam;Groep\n\n;;\nNoor\n")
    assert table.rows == [[4, ["Noor", "", ""], False]]


def test_excel_workbook_with_date_cells():
    data = _xlsx(
        [HEADER, [1001, "Noor", "Jansen", datetime.datetime(2018, 2, 1), "groep 3"], [None] * 5]
    )
    table = read_table(data, "klas.xlsx")
    assert table.headers == HEADER
    assert table.rows == [[2, ["1001", "Noor", "Jansen", "2018-02-01", "groep 3"], False]]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "oud Excel-bestand"),
        (b"PK\x03\x04 not really a zip", "kunnen we niet lezen"),
        (b"alleen een kolom\nen nog een\n", "maar \u00e9\u00e9n kolom"),
        (b"Roepnaam;Achternaam\n", "alleen kolomnamen"),
        (b"\x00\x01\x02\x03" * 50, "kunnen we niet lezen"),
        (b"A" * (MAX_BYTES + 1), "groter dan"),
    ],
)
def test_bad_files_get_a_clear_dutch_message(data, message):
    with pytest.raises(ValidationError) as caught:
        read_table(data)
    assert message in " ".join(caught.value.messages)


def test_an_excel_workbook_that_is_broken_inside():
    data = _xlsx([HEADER])
    broken = data[: len(data) // 2]
    with pytest.raises(ValidationError):
        read_table(broken)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes_never_crash_the_reader(data):
    try:
        table = read_table(data)
    except ValidationError as exc:
        assert exc.messages and all(m.strip() for m in exc.messages)
    else:
        assert len(table.headers) >= 2


CSV_PIECES = st.sampled_from(
    [
        '"',
        '""',
        ";",
        ",",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "Noor",
        "Jansen",
        "01-02-2018",
        " ",
        "é",
        "\x00",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CSV_PIECES, max_size=80), st.sampled_from(["utf-8", "cp1252", "utf-16"]))
def test_malformed_csv_never_crashes_the_reader_or_the_checks(pieces, encoding):
    text = "Roepnaam;Achternaam;Geboortedatum\n" + "".join(pieces)
    try:
        table = read_table(text.encode(encoding, errors="replace"))
    except ValidationError as exc:
        assert exc.messages
        return
    mapping = recognise(table.headers)
    rows = read_rows(table.rows, mapping, TODAY)
    assert all(row.ok or row.errors for row in rows)


# Columns -----------------------------------------------------------------------------


def test_headers_are_normalised():
    assert normalise("Geb. datum") == "geb datum"
    assert normalise(" Groep/klas ") == "groep klas"
    assert normalise("Gezins-ID") == "gezins id"
    assert normalise("Achternaam") == "achternaam"


def test_the_usual_headers_are_recognised():
    headers = [
        "Stamnummer",
        "Voornamen",
        "Roepnaam",
        "Voorvoegsel",
        "Achternaam",
        "Geb. datum",
        "Stamgroep",
        "Postcode",
        "Huisnummer",
    ]
    mapping = recognise(headers)
    assert mapping == {
        "pupil_number": 0,
        "first_name": 2,  # roepnaam before voornamen
        "prefix": 3,
        "last_name": 4,
        "birth_date": 5,
        "group": 6,
        "family_key": None,
        "postcode": 7,
        "house_number": 8,
    }


def test_the_class_lists_group_column_is_left_to_the_user():
    mapping = recognise(read_table(CLASS_LIST.read_bytes()).headers)
    assert mapping["group"] is None  # "Groep 2025-2026"
    assert mapping["family_key"] == 6  # "Gezinsnummer"
    assert None not in (mapping["first_name"], mapping["last_name"], mapping["birth_date"])


def test_a_mapping_needs_the_required_columns_and_no_column_twice():
    headers = ["a", "b", "c"]
    with pytest.raises(ValidationError) as caught:
        check_mapping({"first_name": 0, "last_name": 0, "birth_date": 9}, headers)
    errors = caught.value.message_dict
    assert "al gekozen" in errors["last_name"][0]
    assert "Kies een kolom" in errors["birth_date"][0]
    check_mapping({"first_name": 0, "last_name": 1, "birth_date": 2}, headers)


# Rows --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01-02-2018", datetime.date(2018, 2, 1)),
        ("1-2-2018", datetime.date(2018, 2, 1)),
        ("01/02/2018", datetime.date(2018, 2, 1)),
        ("01.02.2018", datetime.date(2018, 2, 1)),
        ("2018-02-01", datetime.date(2018, 2, 1)),
        ("2018-02-01 00:00:00", datetime.date(2018, 2, 1)),
        ("01-02-18", datetime.date(2018, 2, 1)),
        ("01-02-99", datetime.date(1999, 2, 1)),
        ("43132", datetime.date(2018, 2, 1)),  # Excel's day number
        ("1 februari 2018", None),
        ("", None),
    ],
)
def test_birth_dates_as_systems_write_them(text, expected):
    assert parse_date(text, TODAY) == expected


def _rows(*cells, mapping=None):
    mapping = mapping or {"pupil_number": 0, "first_name": 1, "last_name": 2, "birth_date": 3}
    table = [[n + 2, list(c), False] for n, c in enumerate(cells)]
    return read_rows(table, mapping, TODAY)


def test_each_row_gets_its_own_errors():
    rows = _rows(
        ("1", "Noor", "Jansen", "01-02-2018"),
        ("2", "", "Jansen", "01-02-2018"),
        ("3", "Sami", "", "31-02-2018"),
        ("4", "Tim", "Visser", "01-02-2027"),
        ("5", "Opa", "Visser", "01-02-1960"),
        ("1", "Noor", "Jansen", "01-02-2018"),
        ("6", "Lot", "Bos", "morgen"),
        ("7", "X" * 101, "Bos", "01-02-2018"),
    )
    assert rows[0].ok and rows[0].family_name == "Gezin Jansen"
    assert rows[1].errors == ["Roepnaam ontbreekt."]
    assert rows[2].errors == ["Achternaam ontbreekt.", "Geboortedatum '31-02-2018' bestaat niet."]
    assert "toekomst" in rows[3].errors[0]
    assert "ouder zijn dan 23 jaar" in rows[4].errors[0]
    assert rows[5].errors == ["Leerlingnummer 1 staat ook op regel 2."]
    assert "kunnen we niet lezen" in rows[6].errors[0]
    assert "te lang" in rows[7].errors[0]


def test_without_pupil_numbers_the_same_child_twice_is_a_duplicate():
    mapping = {"first_name": 0, "last_name": 1, "birth_date": 2}
    rows = _rows(("Noor", "Jansen", "01-02-2018"), ("Noor", "Jansen", "1-2-2018"), mapping=mapping)
    assert rows[0].ok
    assert rows[1].errors == ["Dit kind staat ook op regel 2."]


def test_prefix_and_family_key_from_address_columns():
    mapping = {
        "first_name": 0,
        "prefix": 1,
        "last_name": 2,
        "birth_date": 3,
        "postcode": 4,
        "house_number": 5,
    }
    rows = _rows(
        ("Fleur", "van der", "Meer", "01-02-2018", "1234 ab", "12A"),
        ("Daan", "van der", "Meer", "01-02-2016", "1234AB", "12a"),
        mapping=mapping,
    )
    assert rows[0].last_name == "van der Meer"
    assert rows[0].family_name == "Gezin Van der Meer"
    assert rows[0].family_key == rows[1].family_key == "1234ab|12a"
