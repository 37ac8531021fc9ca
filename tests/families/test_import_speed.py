"""How long 2,000 pupils take: upload, preview and import through the pages, measured and
printed (not asserted: the machine decides the figure). Run with -s to see it:

    .venv/bin/python -m pytest -s tests/families/test_import_speed.py
"""

import datetime
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from families.imports import services
from families.imports.models import PupilImport
from families.models import Child, Family

ROWS = 2000


def class_list(rows=ROWS, *, year_offset=0):
    lines = ["Leerlingnummer;Roepnaam;Achternaam;Geboortedatum;Groep;Gezinsnummer"]
    for n in range(rows):
        group = n % 8 + 1 + year_offset
        born = datetime.date(2025 - group - 4, n % 12 + 1, n % 28 + 1)
        lines.append(
            f"{10000 + n};Kind{n};Achternaam{n // 2};{born:%d-%m-%Y};groep {group};F{n // 2}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def _timed_import(client, data):
    started = time.perf_counter()
    response = client.post(
        reverse("families:import_upload"), {"file": SimpleUploadedFile("groot.csv", data)}
    )
    pupil_import = PupilImport.objects.order_by("-pk").first()
    uploaded = time.perf_counter()
    preview = client.get(reverse("families:import_preview", args=[pupil_import.public_id]))
    previewed = time.perf_counter()
    done = client.post(reverse("families:import_preview", args=[pupil_import.public_id]))
    finished = time.perf_counter()
    assert response.status_code == 302 and preview.status_code == 200
    assert done.status_code == 302
    return uploaded - started, previewed - uploaded, finished - previewed


def test_two_thousand_pupils_import_in_seconds(client_admin_a, org_a, capsys):
    first = _timed_import(client_admin_a, class_list())
    assert Child.objects.count() == ROWS and Family.objects.count() == ROWS // 2
    again = _timed_import(client_admin_a, class_list(year_offset=1))
    assert Child.objects.count() == ROWS
    assert PupilImport.objects.order_by("-pk").first().summary["moved"] == ROWS
    with capsys.disabled():
        for what, (upload, preview, write) in (
            ("eerste import", first),
            ("nieuw schooljaar", again),
        ):
            print(
                f"\n{ROWS} leerlingen, {what}: upload {upload:.2f} s, controle {preview:.2f} s, "
                f"import {write:.2f} s, samen {upload + preview + write:.2f} s"
            )


def test_the_plan_alone(org_a, capsys):
    pupil_import = services.import_upload(
        organisation=org_a, created_by=None, data=class_list(), file_name="groot.csv"
    )
    started = time.perf_counter()
    the_plan = services.plan(org_a, services.rows_of(pupil_import))
    elapsed = time.perf_counter() - started
    assert len(the_plan.new) == ROWS
    with capsys.disabled():
        print(f"\n{ROWS} regels lezen en controleren: {elapsed:.2f} s")
