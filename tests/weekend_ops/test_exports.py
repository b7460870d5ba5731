"""Shifts, attendance and collective capability downloads: Swedish Excel, English on /en/, and
no cell that a spreadsheet would run as a formula, whatever partners and officers typed."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise as LazyString

from promises.models import Organisation
from tests.export_checks import (
    HOSTILE,
    assert_no_formula_in_csv,
    assert_no_formula_in_xlsx,
    csv_rows,
    texts,
    xlsx_sheet,
)
from weekend_ops.exports import AttendanceExporter
from weekend_ops.rules import LOCAL_TZ, format_local_clock
from weekend_ops.services import attendance_mark

from .factories import make_shift
from .meeting_factories import make_meeting, register

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def en(url: str) -> str:
    return "/en" + url


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_the_shift_export_is_the_imports_swedish_format_and_inert(officer_client, officer):
    for n, text in enumerate(HOSTILE):
        make_shift(date(2024, 5, 17) - timedelta(days=7 * n), officers=[officer], notes=text)
    url = reverse("weekend_ops:shift_export")
    response = officer_client.get(url, {"year": 2024})
    assert 'filename="farsta-pass-2024.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["datum", "start", "slut", "poliser", "status", "områden", "anteckning"]
    assert rows[-1] == [
        "2024-05-17",
        "18:00",
        "02:00",
        "officer",
        "Genomfört",
        "",
        "'" + HOSTILE[0],
    ]
    assert len(rows) == 1 + len(HOSTILE)
    assert_no_formula_in_csv(rows)
    english = csv_rows(officer_client.get(en(url), {"year": 2024}))
    assert english[0] == ["date", "start", "end", "officers", "status", "districts", "notes"]
    assert english[-1][4] == "Completed"
    # Excel too (issue 18), with the same header and cells.
    sheet = xlsx_sheet(officer_client.get(url.replace(".csv", ".xlsx"), {"year": 2024}))
    assert [c.value for c in sheet[1]] == rows[0]
    assert_no_formula_in_xlsx(sheet)


def test_a_clock_time_that_happens_twice_carries_its_utc_offset():
    # 27 October 2024: summer time ends, 02:00-02:59 happens twice in Stockholm.
    first = datetime(2024, 10, 27, 2, 30, tzinfo=LOCAL_TZ)
    second = datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=LOCAL_TZ)
    assert format_local_clock(first, LOCAL_TZ) == "02:30+02:00"
    assert format_local_clock(second, LOCAL_TZ) == "02:30+01:00"
    assert format_local_clock(datetime(2024, 10, 26, 18, 0, tzinfo=LOCAL_TZ), LOCAL_TZ) == "18:00"
    assert format_local_clock(datetime(2024, 3, 31, 3, 30, tzinfo=LOCAL_TZ), LOCAL_TZ) == "03:30"


def test_a_shift_ending_in_the_repeated_hour_is_exported_with_its_offset(officer):
    shift = make_shift(date(2024, 10, 26), start=time(18), end=time(2, 30), officers=[officer])
    assert (
        format_local_clock(shift.end, LOCAL_TZ) == "02:30+02:00"
    )  # the first occurrence, as the import reads it


def hostile_meeting():
    meeting = make_meeting(seats=10)
    for n, text in enumerate(HOSTILE):
        org = Organisation.objects.create(name=f"{text} AB {n}", kind="security_company")
        register(meeting, n, name=text, organisation=org, role=text)
    return meeting


def test_the_attendance_export_neutralises_names_organisations_and_roles(client, officer):
    meeting = hostile_meeting()
    attendance_mark(
        meeting=meeting,
        attended=list(meeting.registrations.values_list("pk", flat=True)),
        now=meeting.start,  # from the start, as an officer at the meeting
    )
    client.force_login(officer)
    url = reverse("weekend_ops:attendance_export", args=[meeting.pk, "csv"])
    rows = csv_rows(client.get(url))
    assert rows[0] == [
        "Namn",
        "Organisation",
        "Typ",
        "Roll",
        "E-post",
        "Telefon",
        "Status",
        "Närvarade",
    ]
    assert len(rows) == 1 + len(HOSTILE)
    assert {"Bevakningsföretag", "Bekräftad", "Ja"} <= texts(rows)
    assert "'" + HOSTILE[0] in texts(rows)
    assert_no_formula_in_csv(rows)
    sheet = xlsx_sheet(client.get(url.replace(".csv", ".xlsx")))
    assert_no_formula_in_xlsx(sheet)
    assert sheet.max_row == 1 + len(HOSTILE)


def test_the_attendance_headers_follow_the_page_language_not_the_first_import(client, officer):
    # They were translated once, at import time, and stayed in whichever language came first.
    assert all(isinstance(c, LazyString) for c in AttendanceExporter.columns)
    meeting = make_meeting()
    register(meeting, 1)
    client.force_login(officer)
    url = reverse("weekend_ops:attendance_export", args=[meeting.pk, "csv"])
    english = csv_rows(client.get(en(url)))
    assert english[0][:2] == ["Name", "Organisation"] and english[1][-2] == "Confirmed"
    assert csv_rows(client.get(url))[0][0] == "Namn"
    with translation.override("en"):
        assert AttendanceExporter(meeting).header()[0] == "Name"


def test_the_capability_export_has_swedish_labels_and_numbers(client, reader):
    start = datetime(2024, 3, 5, 18, tzinfo=LOCAL_TZ)
    meeting = make_meeting(
        start=start,
        end=start + timedelta(hours=2),
        registration_deadline=start - timedelta(hours=1),
    )
    a = register(meeting, 1, now=start - timedelta(days=2))
    attendance_mark(meeting=meeting, attended=[a.pk])
    client.force_login(reader)
    url = reverse("weekend_ops:capability_export", args=["csv"])
    rows = csv_rows(client.get(url, {"year": 2024}))
    assert rows[0] == ["Period", "Typ av organisation", "Möten", "Organisationer", "Personer"]
    assert ["2024", "Alla typer", "1", "1", "1"] in rows
    assert ["K1", "Alla typer", "1", "1", "1"] in rows
    assert ["2024", "Bevakningsföretag", "", "1", "1"] in rows
    assert_no_formula_in_csv(rows)
    sheet = xlsx_sheet(client.get(url.replace(".csv", ".xlsx"), {"year": 2024}))
    assert [c.value for c in sheet[2]] == ["2024", "Alla typer", 1, 1, 1]
    assert_no_formula_in_xlsx(sheet)
    english = csv_rows(client.get(en(url), {"year": 2024}))
    assert ["2024", "Security company", "", "1", "1"] in english
    page = client.get(reverse("weekend_ops:capability"), {"year": 2024}).content.decode()
    assert url in page
