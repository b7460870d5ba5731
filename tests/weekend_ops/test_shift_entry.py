"""Officers in the field (issue 10): overlaps, unusual entries, cancel and restore, the quick log,
Swedish Excel imports, the DST round trip and the list pages' query counts."""

import io
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from promises.models import District, PolicingArea
from safety_inventory.csv_io import activities_import
from safety_inventory.models import Activity
from tests.promises.factories import UserFactory
from weekend_ops.csv_io import ImportFailed, shifts_export, shifts_import
from weekend_ops.demo import ensure_hotspots
from weekend_ops.models import Shift, ShiftStatus
from weekend_ops.rules import LOCAL_TZ

from .factories import make_shift

CREATE = reverse("weekend_ops:shift_create")
IMPORT = reverse("weekend_ops:shift_import")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def farsta():
    return PolicingArea.objects.get(slug="farsta")


def post_data(officer, **changes):
    data = {
        "date": "2024-05-17",
        "start_time": "18:00",
        "end_time": "02:00",
        "status": "completed",
        "officers": [officer.pk],
        "activities": ["presence"],
        "notes": "",
    }
    data.update(changes)
    return data


# --- Overlap and plausibility (item 3, item 10) -------------------------------------------------


@time_machine.travel("2024-05-20 09:00 +02:00", tick=False)
def test_the_same_officer_twice_on_one_evening_is_refused_with_a_link(officer_client, officer):
    first = make_shift(date(2024, 5, 17), officers=[officer])
    response = officer_client.post(CREATE, post_data(officer, start_time="20:00"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "har redan ett pass som överlappar" in html
    assert f'href="{first.get_absolute_url()}"' in html
    assert Shift.objects.count() == 1
    # Another officer on the same evening is fine; so is the same officer on the next evening.
    other = UserFactory(role="officer")
    assert officer_client.post(CREATE, post_data(other)).status_code == 302
    assert officer_client.post(CREATE, post_data(officer, date="2024-05-18")).status_code == 302
    # A cancelled shift does not block the evening.
    first.status = ShiftStatus.CANCELLED
    first.save(update_fields=["status"])
    assert officer_client.post(CREATE, post_data(officer, start_time="19:00")).status_code == 302


@time_machine.travel("2024-05-20 09:00 +02:00", tick=False)
def test_editing_a_shift_does_not_overlap_with_itself(officer_client, officer):
    shift = make_shift(date(2024, 5, 17), officers=[officer])
    url = reverse("weekend_ops:shift_update", args=[shift.pk])
    response = officer_client.post(url, post_data(officer, end_time="01:00"))
    assert response.status_code == 302


@time_machine.travel("2026-05-20 09:00 +02:00", tick=False)
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"date": "2019-05-17"}, "Ange ett datum mellan"),
        ({"date": "9999-12-31"}, "Ange ett datum mellan"),
    ],
)
def test_dates_outside_the_portals_years_are_refused_at_the_field(
    officer_client, officer, changes, message
):
    response = officer_client.post(CREATE, post_data(officer, **changes))
    assert response.status_code == 200
    assert message in response.context["form"].errors["date"][0]
    assert Shift.objects.count() == 0


@time_machine.travel("2026-05-20 09:00 +02:00", tick=False)
@pytest.mark.parametrize(
    ("changes", "warning"),
    [
        ({"start_time": "13:00", "end_time": "02:00"}, "längre än 10 timmar"),
        ({"date": "2024-05-17"}, "redan är avslutade"),
    ],
)
def test_unusual_entries_ask_for_a_confirmation(officer_client, officer, changes, warning):
    data = post_data(officer, **{"date": "2026-05-15", **changes})
    first = officer_client.post(CREATE, data)
    assert first.status_code == 200 and Shift.objects.count() == 0
    html = first.content.decode()
    assert warning in html
    assert 'name="confirm_unusual"' in html
    assert officer_client.post(CREATE, {**data, "confirm_unusual": "on"}).status_code == 302
    assert Shift.objects.count() == 1


@time_machine.travel("2026-05-20 09:00 +02:00", tick=False)
def test_an_ordinary_shift_shows_no_confirmation_box(officer_client, officer):
    assert 'name="confirm_unusual"' not in officer_client.get(CREATE).content.decode()


# --- Cancel asks first; restore (item 4) --------------------------------------------------------


@time_machine.travel("2024-05-20 09:00 +02:00", tick=False)
def test_cancelling_asks_first_and_a_cancelled_shift_can_be_restored(officer_client, officer):
    shift = make_shift(date(2024, 5, 17), officers=[officer])
    cancel = reverse("weekend_ops:shift_cancel", args=[shift.pk])
    page = officer_client.get(cancel)
    assert page.status_code == 200 and "Ställa in passet?" in page.content.decode()
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.COMPLETED  # asking changed nothing

    officer_client.post(cancel)
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.CANCELLED
    detail = officer_client.get(shift.get_absolute_url()).content.decode()
    assert "Återställ passet" in detail

    restore = reverse("weekend_ops:shift_restore", args=[shift.pk])
    response = officer_client.post(restore, follow=True)
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.COMPLETED  # the status it had before
    assert "Passet är återställt som genomfört." in response.content.decode()
    assert [r.status for r in shift.history.order_by("history_date", "history_id")] == [
        "completed",
        "cancelled",
        "completed",
    ]
    history = response.content.decode()
    assert "Skapat" in history and "Ändrat" in history
    assert "Created" not in history and "Changed" not in history


@time_machine.travel("2024-05-20 09:00 +02:00", tick=False)
def test_a_restore_that_would_overlap_is_refused_with_a_message(officer_client, officer):
    shift = make_shift(date(2024, 5, 17), officers=[officer])
    officer_client.post(reverse("weekend_ops:shift_cancel", args=[shift.pk]))
    make_shift(date(2024, 5, 17), officers=[officer], start=time(19))
    response = officer_client.post(
        reverse("weekend_ops:shift_restore", args=[shift.pk]), follow=True
    )
    assert "har redan ett pass som överlappar" in response.content.decode()
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.CANCELLED


# --- Tonight's shift: under way, then one tap (item 1) ------------------------------------------


def test_a_shift_under_way_is_listed_to_confirm_and_marked_done_once_ended(
    officer_client, officer, reader, client
):
    with time_machine.travel("2024-05-17 22:30 +02:00", tick=False):
        initial = officer_client.get(CREATE).context["form"].initial
        response = officer_client.post(
            CREATE,
            post_data(officer, status=initial["status"], date=initial["date"].isoformat()),
            follow=True,
        )
        shift = Shift.objects.get()
        assert shift.status == ShiftStatus.PLANNED
        assert "sparat som pågående" in response.content.decode()
        year = officer_client.get(reverse("weekend_ops:year"), {"year": 2024}).content.decode()
        assert "Dina pass att bekräfta" in year and "pågår till 02:00" in year
    with time_machine.travel("2024-05-18 08:00 +02:00", tick=False):
        officer_client.force_login(officer)  # the idle session ended in the night
        year = officer_client.get(reverse("weekend_ops:year"), {"year": 2024}).content.decode()
        complete = reverse("weekend_ops:shift_complete", args=[shift.pk])
        assert f'action="{complete}"' in year
        dashboard = officer_client.get(reverse("promises:dashboard"), {"year": 2024})
        assert dashboard.status_code == 200
        assert f'action="{complete}"' in dashboard.content.decode()
        officer_client.post(complete)
        shift.refresh_from_db()
        assert shift.status == ShiftStatus.COMPLETED
        year = officer_client.get(reverse("weekend_ops:year"), {"year": 2024}).content.decode()
        assert "Dina pass att bekräfta" not in year


# --- The quick log (item 5) ---------------------------------------------------------------------


@time_machine.travel("2024-05-20 09:00 +02:00", tick=False)
def test_the_quick_log_folds_the_rest_and_a_hotspot_records_its_district(officer_client, officer):
    hotspot = ensure_hotspots(farsta())[0]
    html = officer_client.get(CREATE).content.decode()
    assert html.count("<details") == 1
    before_fold = html.split("<details", 1)[0]
    for name in ("date", "start_time", "end_time", "status", "officers", "hotspots", "districts"):
        assert f'name="{name}"' in before_fold
    assert 'name="notes"' not in before_fold and 'name="organisations"' not in before_fold
    officer_client.post(CREATE, post_data(officer, hotspots=[hotspot.pk]))
    shift = Shift.objects.get()
    assert list(shift.districts.all()) == [hotspot.district]


# --- The year view's weekend links (item 8) -----------------------------------------------------


@time_machine.travel("2024-06-20 09:00 +02:00", tick=False)
def test_a_weekend_in_the_year_view_links_to_that_weekends_shifts(officer_client, officer):
    make_shift(date(2024, 5, 17), officers=[officer])
    make_shift(date(2024, 5, 18), officers=[officer])
    make_shift(date(2024, 5, 24), officers=[officer])
    year = officer_client.get(reverse("weekend_ops:year"), {"year": 2024}).content.decode()
    link = reverse("weekend_ops:shift_list") + "?weekend=2024-05-17"
    assert f'href="{link}"' in year
    page = officer_client.get(link)
    assert [s.evening for s in page.context["page"]] == [date(2024, 5, 18), date(2024, 5, 17)]
    assert "Helgen som börjar fredag 17 maj 2024" in page.content.decode()


# --- Query counts of the list pages -------------------------------------------------------------


def _shifts(n, officer):
    hotspots = ensure_hotspots(farsta())
    for week in range(n):
        day = date(2024, 1, 5 + 7 * week) if 5 + 7 * week <= 31 else None
        if day is None:
            day = date(2024, 3, 1 + 7 * (week - 4))
        make_shift(day, hotspots=hotspots[:2], districts=[hotspots[0].district])


@time_machine.travel("2024-06-20 09:00 +02:00", tick=False)
@pytest.mark.parametrize(
    ("url_name", "params"),
    [
        ("weekend_ops:shift_list", {"year": 2024}),
        ("weekend_ops:shift_list", {"weekend": "2024-01-05"}),
        ("weekend_ops:year", {"year": 2024}),
        ("weekend_ops:hotspot_list", {}),
    ],
)
def test_the_list_pages_cost_the_same_for_one_shift_or_many(
    officer_client, officer, django_assert_num_queries, url_name, params
):
    url = reverse(url_name)
    _shifts(1, officer)
    officer_client.get(url, params)  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert officer_client.get(url, params).status_code == 200
    _shifts(8, officer)
    with django_assert_num_queries(len(one.captured_queries)):
        officer_client.get(url, params)


# --- Imports: Swedish Excel, both DST nights, hostile files (items 2 and 6) ---------------------

SWEDISH = (
    "\ufeffdatum;start;slut;poliser;status;områden;anteckning\n"
    "2024-05-17;18:00;02:00;anna;Genomfört;Farsta;Lugn kväll\n"
    "2024-05-18;19:00;01:00;anna;genomfört;;\n"
    '2024-05-24;18:00;23:30;bo;Inställt;"Rågsved";"Larm; inställt"\n'
)


@pytest.fixture
def anna_and_bo(db):
    return [
        UserFactory(username="anna", first_name="Anna", last_name="Ek", role="officer"),
        UserFactory(username="bo", first_name="Bo", last_name="Ström", role="officer"),
    ]


def run_import(text, **kwargs):
    return shifts_import(file=io.StringIO(text), policing_area=farsta(), **kwargs)


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_a_swedish_excel_file_is_imported(anna_and_bo):
    report = run_import(SWEDISH)
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert Shift.objects.completed().count() == 2
    assert Shift.objects.get(status="cancelled").notes == "Larm; inställt"
    assert run_import(SWEDISH).unchanged == 3


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
@pytest.mark.parametrize(
    "text",
    [
        # English headers and labels, comma, no BOM.
        "date,start,end,officers,status,districts,notes\n"
        "2024-05-17,18:00,02:00,anna,Completed,Farsta,\n",
        # Swedish headers in capitals, English codes, officers by full name, HH:MM:SS times.
        "Datum;Start;Slut;Poliser;Status;Områden;Anteckning\n"
        "2024-05-17;18:00:00;02:00:00;Anna Ek;completed;farsta;\n",
        # The Swedish export: semicolon, BOM, Swedish labels.
        "\ufeffdatum;start;slut;poliser;status;områden;anteckning\n"
        "2024-05-17;18:00;02:00;anna;Genomfört;Farsta;\n",
    ],
)
def test_every_form_of_header_separator_and_label_is_read(anna_and_bo, text):
    report = run_import(text)
    assert report.created == 1
    shift = Shift.objects.get()
    assert (shift.status, [o.username for o in shift.officers.all()]) == ("completed", ["anna"])
    assert [d.name for d in shift.districts.all()] == ["Farsta"]


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("datum;start;slut\x00;poliser\n", "nolltecken (NUL)"),
        (
            "datum;start;slut;poliser;status;områden;anteckning\n2024-05-17;18:00;02:00;anna;klar;;\n",
            "status ”klar” är okänd; ange planerat, genomfört, inställt",
        ),
        (
            "datum;start;slut;poliser;status;områden;anteckning\n2019-05-17;18:00;02:00;anna;Genomfört;;\n",
            "Ange ett datum mellan",
        ),
    ],
)
def test_hostile_or_wrong_files_get_a_line_numbered_message(anna_and_bo, text, message):
    with pytest.raises(ImportFailed) as failed:
        run_import(text)
    assert message in str(failed.value)
    assert Shift.objects.count() == 0


@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        # The night summer time ends: 25 October 2026, 02:00–02:59 happens twice.
        (
            date(2026, 10, 24),
            datetime(2026, 10, 24, 18, tzinfo=UTC),
            datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        ),
        (
            date(2026, 10, 24),
            datetime(2026, 10, 24, 18, tzinfo=UTC),
            datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        ),
        (
            date(2026, 10, 24),
            datetime(2026, 10, 24, 18, tzinfo=UTC),
            datetime(2026, 10, 25, 2, 0, tzinfo=UTC),
        ),
        # The night summer time begins: 29 March 2026 has no 02:00–02:59.
        (
            date(2026, 3, 28),
            datetime(2026, 3, 28, 19, tzinfo=UTC),
            datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
        ),
        (
            date(2026, 3, 28),
            datetime(2026, 3, 28, 19, tzinfo=UTC),
            datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
        ),
    ],
)
def test_export_and_reimport_across_both_dst_nights_changes_nothing(anna_and_bo, day, start, end):
    from weekend_ops.services import shift_create

    with time_machine.travel("2026-11-20 12:00 +01:00", tick=False):
        district = District.objects.get(name="Farsta")
        shift_create(
            policing_area=farsta(),
            start=start,
            end=end,
            officers=[anna_and_bo[0]],
            status=ShiftStatus.COMPLETED,
            districts=[district],
        )
        assert shift_create  # the shift is in the portal; now export and import it twice
        shifts = Shift.objects.prefetch_related("officers", "districts").order_by("start")
        exported = shifts_export(shifts)
        counts = (Shift.objects.count(), Shift.objects.completed().count())
        for _ in range(2):
            report = run_import(exported)
            assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
        assert (Shift.objects.count(), Shift.objects.completed().count()) == counts
        shift = Shift.objects.get()
        assert (shift.start, shift.end) == (start, end)
        assert shift.local_start.date() == day


@time_machine.travel("2026-11-20 12:00 +01:00", tick=False)
def test_the_same_file_twice_with_the_repeated_hour_is_one_shift(anna_and_bo):
    text = (
        "datum;start;slut;poliser;status;områden;anteckning\n"
        "2026-10-24;20:00;02:30;anna;Genomfört;Farsta;\n"
    )
    run_import(text)
    run_import(text)
    shift = Shift.objects.get()
    assert shift.end == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # the first 02:30
    assert shift.local_end.utcoffset().total_seconds() == 7200
    assert LOCAL_TZ


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_the_browser_import_creates_unknown_officers_by_a_checkbox(officer_client, anna_and_bo):
    text = SWEDISH.replace("bo;", "ny.polis;").encode("utf-8")
    refused = officer_client.post(IMPORT, {"file": SimpleUploadedFile("p.csv", text)})
    html = refused.content.decode()
    assert "polisen ”ny.polis” finns inte" in html
    assert "--create" not in html and "create-officers" not in html
    response = officer_client.post(
        IMPORT, {"file": SimpleUploadedFile("p.csv", text), "create_officers": "on"}, follow=True
    )
    assert "Klart: 3 nya pass" in response.content.decode()
    assert Shift.objects.filter(officers__username="ny.polis").count() == 1


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_a_nul_byte_in_the_browser_import_is_a_message_not_an_error(officer_client):
    response = officer_client.post(
        IMPORT, {"file": SimpleUploadedFile("p.csv", b"datum;start\x00\n")}
    )
    assert response.status_code == 200
    assert "nolltecken" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text",
    [
        "\ufeffplats;område;slag;status;datum;anledning\n"
        "Hagsätra torg;Hagsätra;Trygghetsinventering;Genomförd;2024-04-12;Årsplanen\n",
        "site,district,kind,status,date,reason\n"
        "Hagsätra torg,Hagsätra,inventory,conducted,2024-04-12,annual_plan\n",
    ],
)
def test_a_swedish_excel_file_of_activities_is_imported(text):
    report = activities_import(file=io.StringIO(text), policing_area=farsta())
    assert report.created == 1
    activity = Activity.objects.get()
    assert (activity.kind, activity.status, activity.reason) == (
        "inventory",
        "conducted",
        "annual_plan",
    )
    report = activities_import(file=io.StringIO(text), policing_area=farsta())
    assert report.unchanged == 1


@pytest.mark.django_db
def test_a_nul_byte_in_the_activity_import_is_a_message():
    with pytest.raises(ImportFailed, match="nolltecken"):
        activities_import(file=io.StringIO("plats;område\x00\n"), policing_area=farsta())


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_an_import_with_one_officer_twice_on_an_evening_names_the_line(anna_and_bo):
    text = (
        "datum;start;slut;poliser;status;områden;anteckning\n"
        "2024-05-17;18:00;02:00;anna;Genomfört;;\n"
        "2024-05-17;20:00;01:00;anna;Genomfört;;\n"
    )
    with pytest.raises(ImportFailed) as failed:
        run_import(text)
    assert [e.line for e in failed.value.errors] == [3]
    assert "har redan ett pass som överlappar" in str(failed.value)
    assert Shift.objects.count() == 0


@time_machine.travel("2026-11-20 12:00 +01:00", tick=False)
def test_editing_a_shift_that_ends_in_the_second_0230_keeps_its_end(officer_client, officer):
    from weekend_ops.services import shift_create

    end = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30, the second time
    shift = shift_create(
        policing_area=farsta(),
        start=datetime(2026, 10, 24, 18, tzinfo=UTC),
        end=end,
        officers=[officer],
        status=ShiftStatus.COMPLETED,
    )
    url = reverse("weekend_ops:shift_update", args=[shift.pk])
    data = post_data(
        officer, date="2026-10-24", start_time="20:00", end_time="02:30", notes="Lugnt"
    )
    assert officer_client.post(url, data).status_code == 302
    shift.refresh_from_db()
    assert (shift.end, shift.notes) == (end, "Lugnt")
