"""The beheerder's import, page by page: upload, mapping, preview, import, result; and the
re-import of the next school year. Refusals: anonymous, wrong role (403), another
organisation (404), wrong method (405), bad files and bad mappings (a message, nothing saved)."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from families.imports import services
from families.imports.models import FamilyKey, PupilImport, PupilNumber
from families.models import Child, Family
from organisations.models import AccessLogEntry, Role
from tests.factories import MembershipFactory, UserFactory

CLASS_LIST = Path(__file__).resolve().parent.parent / "data" / "leerlingen_de_regenboog.csv"
UPLOAD = reverse("families:import_upload")
GROUP_COLUMN = 5  # "Groep 2025-2026": not recognised, chosen by the user


def _upload(client, data, name="klas.csv"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def _url(name, pupil_import):
    return reverse(f"families:{name}", args=[pupil_import.public_id])


def _mapping_post(client, pupil_import, **changes):
    chosen = services.mapping_of(pupil_import)
    data = {k: ("" if v is None else str(v)) for k, v in chosen.items()}
    data.update({k: str(v) for k, v in changes.items()})
    return client.post(_url("import_mapping", pupil_import), data)


def _import(client, data, name="klas.csv", **mapping):
    """Upload, map (the group column by hand), import; returns the finished import."""
    response = _upload(client, data, name)
    assert response.status_code == 302, response.content.decode()[:500]
    pupil_import = PupilImport.objects.order_by("-pk").first()
    assert _mapping_post(client, pupil_import, **mapping).status_code == 302
    response = client.post(_url("import_preview", pupil_import))
    assert response.status_code == 302
    assert response["Location"] == _url("import_result", pupil_import)
    pupil_import.refresh_from_db()
    return pupil_import


def _class_list_rows():
    text = CLASS_LIST.read_bytes().decode("cp1252")
    lines = text.strip().split("\r\n")
    return lines[0], [line.split(";") for line in lines[1:]]


def _check_mapping_page(client, location):
    page = client.get(location)
    assert page.status_code == 200
    assert "60 regels gelezen" in page.content.decode()
    assert page.context["form"].initial["group"] == ""  # left to the user
    assert page.context["form"].initial["first_name"] == "1"


def _check_preview(client, pupil_import):
    response = _mapping_post(client, pupil_import, group=GROUP_COLUMN)
    assert response["Location"] == _url("import_preview", pupil_import)
    preview = client.get(response["Location"])
    body = preview.content.decode()
    assert preview.status_code == 200
    assert preview.context["ok_count"] == 58 and len(preview.context["error_rows"]) == 2
    assert '<strong data-testid="count-ok">58</strong>' in body
    assert '<strong data-testid="count-errors">2</strong>' in body
    assert "Geboortedatum &#x27;31-02-2018&#x27; bestaat niet." in body
    assert "Roepnaam ontbreekt." in body
    assert Child.objects.count() == 0  # nothing saved before the import


def _check_imported_class_list(pupil_import, org_a):
    pupil_import.refresh_from_db()
    assert Child.objects.filter(family__organisation=org_a).count() == 58
    assert Family.objects.filter(organisation=org_a).count() == 30
    assert PupilNumber.objects.filter(organisation=org_a).count() == 58
    assert FamilyKey.objects.filter(organisation=org_a).count() == 30
    assert not Family.objects.filter(created_by__isnull=False).exists()
    assert pupil_import.summary["created_children"] == 58
    assert pupil_import.summary["errors"] == 2
    assert pupil_import.rows == []  # the cells go after the import
    child = Child.objects.get(pupil_number__number="1001")
    assert (child.first_name, child.group_name) == ("Ilias", "groep 5")
    assert child.family.name == "Gezin Jansen"
    assert Child.objects.get(pupil_number__number="1003").family.name == "Gezin El Amrani"


def test_upload_map_preview_import_the_class_list(client_admin_a, admin_a, org_a):
    response = _upload(client_admin_a, CLASS_LIST.read_bytes(), "leerlingen.csv")
    pupil_import = PupilImport.objects.get()
    assert response["Location"] == _url("import_mapping", pupil_import)
    _check_mapping_page(client_admin_a, response["Location"])
    _check_preview(client_admin_a, pupil_import)

    response = client_admin_a.post(_url("import_preview", pupil_import))
    assert response["Location"] == _url("import_result", pupil_import)
    _check_imported_class_list(pupil_import, org_a)

    result = client_admin_a.get(response["Location"]).content.decode()
    assert "58 kinderen toegevoegd" in result and "in 30 nieuwe gezinnen" in result


def test_siblings_share_a_family_by_family_number(client_admin_a, org_a):
    _import(client_admin_a, CLASS_LIST.read_bytes(), group=GROUP_COLUMN)
    jansen = Child.objects.get(pupil_number__number="1001").family
    assert sorted(jansen.children.values_list("pupil_number__number", flat=True)) == [
        "1001",
        "1002",
    ]


def test_reimport_of_the_same_file_creates_nothing_twice(client_admin_a, org_a):
    _import(client_admin_a, CLASS_LIST.read_bytes(), group=GROUP_COLUMN)
    before = (Child.objects.count(), Family.objects.count(), PupilNumber.objects.count())
    _upload(client_admin_a, CLASS_LIST.read_bytes())
    second = PupilImport.objects.order_by("-pk").first()
    _mapping_post(client_admin_a, second, group=GROUP_COLUMN)
    preview = client_admin_a.get(_url("import_preview", second))
    assert len(preview.context["plan"].new) == 0
    assert len(preview.context["plan"].unchanged) == 58
    client_admin_a.post(_url("import_preview", second))
    second.refresh_from_db()
    assert (Child.objects.count(), Family.objects.count(), PupilNumber.objects.count()) == before
    assert second.summary["unchanged"] == 58 and second.summary["created_children"] == 0


def test_the_import_gives_each_child_its_last_name_with_tussenvoegsel(client_admin_a, org_a):
    _import(client_admin_a, CLASS_LIST.read_bytes(), group=GROUP_COLUMN)
    assert Child.objects.get(pupil_number__number="1001").last_name == "Jansen"
    assert Child.objects.get(pupil_number__number="1003").last_name == "El Amrani"
    assert Child.objects.get(pupil_number__number="1007").last_name == "de Vries"
    assert not Child.objects.filter(last_name="").exists()


def test_a_reimport_fills_in_last_names_once_and_shows_it_first(client_admin_a, org_a):
    """Children imported before stap0 kept last names (or added by hand without one) get
    theirs from the next export; the export after that changes nothing."""
    _import(client_admin_a, CLASS_LIST.read_bytes(), group=GROUP_COLUMN)
    Child.objects.filter(pupil_number__number__in=["1001", "1003"]).update(last_name="")
    Child.objects.filter(pupil_number__number="1007").update(last_name="Vries", group_name="")
    _upload(client_admin_a, CLASS_LIST.read_bytes())
    second = PupilImport.objects.order_by("-pk").first()
    _mapping_post(client_admin_a, second, group=GROUP_COLUMN)
    preview = client_admin_a.get(_url("import_preview", second))
    body = preview.content.decode()
    plan = preview.context["plan"]
    assert len(plan.named) == 3 and len(plan.unchanged) == 55 and len(plan.new) == 0
    assert "3 kinderen krijgen hun achternaam uit het bestand" in body
    assert "andere groep, achternaam aangevuld of gewijzigd" in body  # 1007: both
    assert "<td>El Amrani</td>" in body
    assert Child.objects.get(pupil_number__number="1001").last_name == ""  # not yet saved
    client_admin_a.post(_url("import_preview", second))
    second.refresh_from_db()
    assert second.summary["named"] == 3 and second.summary["moved"] == 1
    assert Child.objects.get(pupil_number__number="1001").last_name == "Jansen"
    assert Child.objects.get(pupil_number__number="1003").last_name == "El Amrani"
    assert Child.objects.get(pupil_number__number="1007").last_name == "de Vries"
    assert Child.objects.get(pupil_number__number="1001").family.name == "Gezin Jansen"
    result = client_admin_a.get(_url("import_result", second)).content.decode()
    assert "3 kinderen kregen hun achternaam uit het bestand" in result
    third = _import(client_admin_a, CLASS_LIST.read_bytes(), group=GROUP_COLUMN)
    assert third.summary["named"] == 0 and third.summary["unchanged"] == 58
    assert Child.objects.count() == 58


def test_without_pupil_numbers_a_known_child_gets_its_last_name(client_admin_a, org_a):
    data = b"Roepnaam;Achternaam;Geboortedatum;Groep\nNoor;Jansen;01-02-2018;groep 3\n"
    _import(client_admin_a, data)
    Child.objects.update(last_name="")
    second = _import(client_admin_a, data)
    assert second.summary["named"] == 1 and second.summary["created_children"] == 0
    assert Child.objects.get().last_name == "Jansen"


def test_a_last_name_longer_than_a_child_can_hold_is_a_row_error(client_admin_a, org_a):
    data = ("Roepnaam;Achternaam;Geboortedatum\nNoor;" + "J" * 101 + ";01-02-2018\n").encode()
    _upload(client_admin_a, data)
    pupil_import = PupilImport.objects.order_by("-pk").first()
    _mapping_post(client_admin_a, pupil_import)
    preview = client_admin_a.get(_url("import_preview", pupil_import))
    assert "De achternaam is te lang (hoogstens 100 tekens)." in preview.content.decode()


def _next_school_year():
    """Everyone one group up; groep 8 has left; one new sibling in family G0001."""
    header, rows = _class_list_rows()
    lines = [header]
    for cells in rows:
        group = int(cells[5].split()[1])
        if group == 8:
            continue
        cells[5] = f"groep {group + 1}"
        lines.append(";".join(cells))
    lines.append("1999;Roos;;Jansen;12-05-2021;groep 1;G0001")
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def test_the_next_school_year_moves_groups_and_lists_who_left(client_admin_a, org_a):
    first = _import(client_admin_a, CLASS_LIST.read_bytes(), group=GROUP_COLUMN)
    eights = set(Child.objects.filter(group_name="groep 8").values_list("pk", flat=True))
    assert eights
    second = _import(client_admin_a, _next_school_year(), group=GROUP_COLUMN)
    assert first.pk != second.pk

    noor = Child.objects.get(pupil_number__number="1001")
    assert noor.group_name == "groep 6"  # was groep 5
    roos = Child.objects.get(pupil_number__number="1999")
    assert roos.family == noor.family  # the new sibling joins the known family
    assert second.summary["created_children"] == 1
    assert second.summary["created_families"] == 0
    assert second.summary["moved"] == 58 - len(eights)
    # Who left stays, and is listed.
    assert set(Child.objects.filter(pk__in=eights).values_list("pk", flat=True)) == eights
    left = client_admin_a.get(_url("import_result", second))
    assert {c.pk for c in left.context["left"]} == eights
    assert "Niet meer in het bestand" in left.content.decode()
    assert Child.objects.count() == 59


def test_without_pupil_numbers_a_reimport_finds_children_by_name_and_birth_date(
    client_admin_a, org_a
):
    data = b"Roepnaam;Achternaam;Geboortedatum;Groep\nNoor;Jansen;01-02-2018;groep 3\n"
    _import(client_admin_a, data)
    again = b"Roepnaam;Achternaam;Geboortedatum;Groep\nNoor;Jansen;1-2-2018;groep 4\n"
    second = _import(client_admin_a, again)
    assert Child.objects.count() == 1
    assert Child.objects.get().group_name == "groep 4"
    assert second.summary["moved"] == 1


def test_an_excel_export_imports_too(client_admin_a, org_a):
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Stamnr", "Roepnaam", "Achternaam", "Geboortedatum", "Klas", "Adres"])
    sheet.append([7, "Sami", "El Amrani", datetime.date(2017, 4, 3), "2B", "Dorpsstraat 1"])
    sheet.append([8, "Yara", "El Amrani", datetime.date(2015, 9, 1), "4A", "Dorpsstraat 1"])
    out = io.BytesIO()
    workbook.save(out)
    done = _import(client_admin_a, out.getvalue(), name="klassen.xlsx")
    assert done.summary["created_children"] == 2 and done.summary["created_families"] == 1
    assert Child.objects.get(pupil_number__number="7").birth_date == datetime.date(2017, 4, 3)


def test_the_import_is_in_the_access_log(client_admin_a, admin_a, org_a):
    done = _import(client_admin_a, CLASS_LIST.read_bytes(), group=GROUP_COLUMN)
    entries = AccessLogEntry.objects.filter(user=admin_a, organisation=org_a)
    assert entries.filter(action="create", object_type="pupilimport").count() == 1
    run = entries.get(action="import", object_type="pupilimport")
    assert run.object_id == str(done.public_id)
    families = set(Family.objects.values_list("public_id", flat=True))
    logged = set(entries.filter(action="import").values_list("family_public_id", flat=True))
    assert families <= logged


def test_the_uploaded_file_is_not_kept(client_admin_a, org_a, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path)
    field_types = {f.get_internal_type() for f in PupilImport._meta.get_fields()}
    assert "FileField" not in field_types
    _import(client_admin_a, CLASS_LIST.read_bytes(), group=GROUP_COLUMN)
    assert list(tmp_path.iterdir()) == []
    assert PupilImport.objects.get().rows == []


def test_unfinished_uploads_are_discarded_after_a_day(client_admin_a, org_a):
    _upload(client_admin_a, CLASS_LIST.read_bytes())
    PupilImport.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    _upload(client_admin_a, CLASS_LIST.read_bytes())
    assert PupilImport.objects.count() == 1


def test_a_finished_import_is_not_imported_again(client_admin_a, org_a):
    done = _import(client_admin_a, CLASS_LIST.read_bytes(), group=GROUP_COLUMN)
    for name in ("import_mapping", "import_preview"):
        response = client_admin_a.post(_url(name, done))
        assert response.status_code == 302
        assert response["Location"] == _url("import_result", done)
    assert Child.objects.count() == 58


def test_the_preview_sends_an_incomplete_mapping_back(client_admin_a, org_a):
    _upload(client_admin_a, b"Naam;Achternaam;Datum\nNoor;Jansen;01-02-2018\n")
    pupil_import = PupilImport.objects.get()
    response = client_admin_a.get(_url("import_preview", pupil_import))
    assert response["Location"] == _url("import_mapping", pupil_import)


# Bad input --------------------------------------------------------------------------


def test_a_bad_mapping_is_shown_on_the_form(client_admin_a, org_a):
    _upload(client_admin_a, CLASS_LIST.read_bytes())
    pupil_import = PupilImport.objects.get()
    response = _mapping_post(client_admin_a, pupil_import, first_name="", last_name=4)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Kies de kolom met de roepnaam." in errors["first_name"]
    assert "al gekozen voor achternaam" in errors["birth_date"][0]
    response = _mapping_post(client_admin_a, pupil_import, birth_date=99)
    assert response.status_code == 200 and "birth_date" in response.context["form"].errors
    response = _mapping_post(client_admin_a, pupil_import, birth_date="x")
    assert response.status_code == 200 and "birth_date" in response.context["form"].errors


def test_no_file_or_an_empty_file(client_admin_a, org_a):
    response = client_admin_a.post(UPLOAD, {})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    response = _upload(client_admin_a, b"")
    assert response.status_code == 200
    assert not PupilImport.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
        b"PK\x03\x04" + b"\x00" * 200,
        b"Roepnaam\nNoor\n",
        b'"Roepnaam;"Achternaam\n"Noor;Jansen',
    ],
)
def test_a_bad_file_gets_a_message_and_saves_nothing(client_admin_a, org_a, data):
    response = _upload(client_admin_a, data, "rommel.csv")
    if response.status_code == 200:
        assert response.context["form"].errors["file"]
        assert not PupilImport.objects.exists()
    assert not Child.objects.exists() and not Family.objects.exists()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.binary(min_size=1, max_size=1500))
def test_random_bytes_never_fail_and_import_nothing_broken(client_admin_a, org_a, data):
    response = _upload(client_admin_a, data, "willekeurig.csv")
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors["file"]
        return
    pupil_import = PupilImport.objects.order_by("-pk").first()
    for name in ("import_mapping", "import_preview"):
        assert client_admin_a.get(_url(name, pupil_import)).status_code in (200, 302)
    assert client_admin_a.post(_url("import_preview", pupil_import)).status_code == 302
    assert not Family.objects.filter(name="").exists()


# Who may ---------------------------------------------------------------------------


@pytest.fixture
def import_of_a(client_admin_a, org_a):
    _upload(client_admin_a, CLASS_LIST.read_bytes())
    return PupilImport.objects.get()


def test_anonymous_is_sent_to_the_login(client, import_of_a):
    for url in (UPLOAD, _url("import_mapping", import_of_a)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_professionals_and_leads_may_not_import(client_professional_a, client_lead_a, import_of_a):
    for http in (client_professional_a, client_lead_a):
        assert http.get(UPLOAD).status_code == 403
        assert _upload(http, CLASS_LIST.read_bytes()).status_code == 403
        for name in ("import_mapping", "import_preview", "import_result"):
            assert http.get(_url(name, import_of_a)).status_code == 403
        assert http.post(_url("import_preview", import_of_a)).status_code == 403
    assert not Child.objects.exists()


def test_another_organisations_beheerder_gets_404(org_b, import_of_a, client):
    admin_b = UserFactory(username="bram")
    MembershipFactory(user=admin_b, organisation=org_b, role=Role.ADMIN)
    client.force_login(admin_b)
    for name in ("import_mapping", "import_preview", "import_result"):
        assert client.get(_url(name, import_of_a)).status_code == 404
    assert client.post(_url("import_preview", import_of_a)).status_code == 404
    assert not Child.objects.exists()


def test_wrong_methods(client_admin_a, import_of_a):
    assert client_admin_a.post(_url("import_result", import_of_a)).status_code == 405
    assert client_admin_a.put(UPLOAD).status_code == 405
    assert client_admin_a.delete(_url("import_preview", import_of_a)).status_code == 405


def test_the_people_page_links_to_the_import(client_admin_a):
    page = client_admin_a.get(reverse("organisations:people")).content.decode()
    assert f'href="{UPLOAD}"' in page
