from datetime import date, time

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from promises.models import District, Promise
from promises.services import promises_renew_through
from tests.promises.factories import UserFactory
from weekend_ops.demo import ensure_hotspots
from weekend_ops.models import Hotspot, Shift, ShiftStatus

from .factories import make_shift

CREATE = reverse("weekend_ops:shift_create")


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


def shift_post(officer, **changes):
    data = {
        "date": "2024-05-17",
        "start_time": "18:00",
        "end_time": "02:00",
        "status": "completed",
        "officers": [officer.pk],
        "activities": ["presence", "visibility"],
        "notes": "",
    }
    data.update(changes)
    return data


# The night-time defaults (issue 10, item 1): at every moment of a weekend night the form
# offers the evening under way (or just ended), and its defaults save as they stand.
NIGHT = [
    # (now, the evening offered, status offered)
    ("2024-05-17 15:00 +02:00", date(2024, 5, 17), "planned"),  # Friday afternoon
    ("2024-05-17 22:30 +02:00", date(2024, 5, 17), "planned"),  # Friday, under way
    ("2024-05-18 00:30 +02:00", date(2024, 5, 17), "planned"),  # after midnight: still Friday's
    ("2024-05-18 02:15 +02:00", date(2024, 5, 17), "completed"),  # Friday's shift has ended
    ("2024-05-18 05:59 +02:00", date(2024, 5, 17), "completed"),
    ("2024-05-18 09:00 +02:00", date(2024, 5, 18), "planned"),  # Saturday morning: tonight
    ("2024-05-18 23:00 +02:00", date(2024, 5, 18), "planned"),  # Saturday, under way
    ("2024-05-19 01:30 +02:00", date(2024, 5, 18), "planned"),
    ("2024-05-19 03:00 +02:00", date(2024, 5, 18), "completed"),
    ("2024-05-19 09:00 +02:00", date(2024, 5, 18), "completed"),  # Sunday morning
    ("2024-05-21 10:00 +02:00", date(2024, 5, 18), "completed"),  # a weekday: last Saturday
]


@pytest.mark.parametrize(("now", "evening", "status"), NIGHT)
def test_the_form_defaults_at_any_hour_of_the_weekend_night_save_as_they_stand(
    officer_client, officer, now, evening, status
):
    with time_machine.travel(now, tick=False):
        form = officer_client.get(CREATE).context["form"]
        initial = form.initial
        assert (initial["date"], initial["status"]) == (evening, status)
        assert initial["officers"] == [officer.pk]
        assert (initial["start_time"], initial["end_time"]) == (time(18), time(2))
        post = {
            "date": initial["date"].isoformat(),
            "start_time": "18:00",
            "end_time": "02:00",
            "status": initial["status"],
            "officers": [officer.pk],
            "activities": initial["activities"],
        }
        response = officer_client.post(CREATE, post)
        assert response.status_code == 302, response.context["form"].errors
    shift = Shift.objects.get()
    assert (shift.evening, shift.status) == (evening, status)


@time_machine.travel("2024-05-17 15:00 +02:00", tick=False)
def test_planning_offers_the_coming_evening_as_planned(officer_client):
    planned = officer_client.get(CREATE, {"status": "planned"}).context["form"]
    assert (planned.initial["date"], planned.initial["status"]) == (date(2024, 5, 17), "planned")


@time_machine.travel("2024-05-15 15:00 +02:00", tick=False)
def test_planning_on_a_weekday_offers_the_next_friday(officer_client):
    planned = officer_client.get(CREATE, {"status": "planned"}).context["form"]
    assert planned.initial["date"] == date(2024, 5, 17)


@time_machine.travel("2024-05-20 09:00 +02:00", tick=False)
def test_an_officer_logs_a_completed_shift(officer_client, officer):
    farsta = District.objects.get(name="Farsta")
    response = officer_client.post(CREATE, shift_post(officer, districts=[farsta.pk]))
    shift = Shift.objects.get()
    assert response.status_code == 302 and response.headers["Location"] == shift.get_absolute_url()
    assert (shift.status, shift.created_by, shift.districts.get()) == ("completed", officer, farsta)
    assert shift.presence and shift.visibility and not shift.partner_dialogue
    detail = officer_client.get(shift.get_absolute_url()).content.decode()
    assert "Passet är sparat." in detail
    assert "närvaro, synlighet" in detail


@time_machine.travel("2024-05-20 09:00 +02:00", tick=False)
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date": "2024-05-19"}, "date", "Ange ett datum som är en fredag eller lördag"),
        ({"start_time": "10:00", "end_time": "20:00"}, "start_time", "mellan 12:00 och 23:59"),
        ({"start_time": "12:00", "end_time": "03:00"}, "end_time", "högst 14 timmar"),
        ({"date": "2024-05-24"}, "status", "inte har slutat"),
        ({"date": ""}, "date", "Detta fält måste fyllas i"),
        ({"officers": []}, "officers", "Detta fält måste fyllas i"),
    ],
)
def test_a_bad_shift_is_refused_with_the_rule_named_next_to_its_field(
    officer_client, officer, changes, field, message
):
    response = officer_client.post(CREATE, shift_post(officer, **changes))
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].errors[field])
    html = response.content.decode()
    assert "data-error-summary" in html and f'href="#id_{field}' in html
    assert Shift.objects.count() == 0


@time_machine.travel("2024-05-16 09:00 +02:00", tick=False)
def test_a_planned_shift_is_completed_once_it_has_ended(officer_client, officer):
    officer_client.post(CREATE + "?status=planned", shift_post(officer, status="planned"))
    shift = Shift.objects.get()
    complete = reverse("weekend_ops:shift_complete", args=[shift.pk])
    response = officer_client.post(complete, follow=True)
    assert "inte har slutat" in response.content.decode()
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.PLANNED
    with time_machine.travel("2024-05-18 03:00 +02:00", tick=False):
        officer_client.force_login(officer)  # the session ended while idle
        officer_client.post(complete)
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.COMPLETED


@time_machine.travel("2024-05-20 09:00 +02:00", tick=False)
def test_editing_and_cancelling_keep_the_history(officer_client, officer):
    shift = make_shift(date(2024, 5, 17), officers=[officer])
    update = reverse("weekend_ops:shift_update", args=[shift.pk])
    assert officer_client.get(update).context["form"].initial["end_time"] == time(2, 0)
    officer_client.post(update, shift_post(officer, end_time="01:00", notes="Kortare"))
    officer_client.post(reverse("weekend_ops:shift_cancel", args=[shift.pk]))
    shift.refresh_from_db()
    assert (shift.status, shift.notes, shift.local_end.hour) == ("cancelled", "Kortare", 1)
    html = officer_client.get(shift.get_absolute_url()).content.decode()
    assert html.count('<li class="mb-1">') == 3  # created, edited, cancelled
    # A second click (or the cancel page left open) goes to the shift, which says so.
    again = officer_client.post(reverse("weekend_ops:shift_cancel", args=[shift.pk]), follow=True)
    assert again.redirect_chain == [(shift.get_absolute_url(), 302)]
    assert "Passet är redan inställt. Du kan återställa det här." in again.content.decode()
    assert again.content.decode().count('<li class="mb-1">') == 3  # no new history record


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_the_shift_list_filters_and_its_queries_do_not_grow(officer_client, officer):
    other = UserFactory(username="annan", role="officer")
    farsta = District.objects.get(name="Farsta")
    make_shift(date(2024, 5, 17), officers=[officer], districts=[farsta])
    make_shift(date(2024, 5, 18), officers=[other], status=ShiftStatus.CANCELLED)
    url = reverse("weekend_ops:shift_list")

    def listed(**params):
        return len(officer_client.get(url, params).context["page"].object_list)

    assert listed(year=2024) == 2
    assert listed(year=2023) == 0
    assert listed(officer=other.pk) == 1
    assert listed(district=farsta.pk) == 1
    assert listed(status="cancelled") == 1

    with CaptureQueriesContext(connection) as few:
        officer_client.get(url, {"year": 2024})
    for friday in (date(2024, 1, 5), date(2024, 2, 2), date(2024, 3, 1), date(2024, 4, 5)):
        make_shift(friday, officers=[officer, other], districts=[farsta])
    with CaptureQueriesContext(connection) as many:
        officer_client.get(url, {"year": 2024})
    assert len(many.captured_queries) == len(few.captured_queries)


@time_machine.travel("2024-05-22 09:00 +02:00", tick=False)
def test_the_year_view_shows_each_evening_and_the_pace(officer_client, officer):
    make_shift(date(2024, 5, 17), officers=[officer])
    make_shift(date(2024, 5, 18), officers=[officer])
    make_shift(date(2024, 5, 24), officers=[officer], status=ShiftStatus.PLANNED)
    response = officer_client.get(reverse("weekend_ops:year"), {"year": 2024})
    view = response.context["view"]
    assert len(view.rows) == 52
    row = next(r for r in view.rows if r.friday == date(2024, 5, 17))
    assert (row.friday_state, row.saturday_state, row.counted) == ("covered", "covered", True)
    planned = next(r for r in view.rows if r.friday == date(2024, 5, 24))
    assert (planned.friday_state, planned.saturday_state) == ("planned", "upcoming")
    assert next(r for r in view.rows if r.friday == date(2024, 5, 10)).friday_state == "missing"
    html = response.content.decode()
    assert "1 av 40 helger" in html
    assert "39 helger behövs av 32 som återstår" in html  # Fridays 24 May to 27 December
    assert "Täckt" in html and "Planerat" in html and "Saknas" in html and "Kommer" in html


@time_machine.travel("2024-12-30 09:00 +01:00", tick=False)
def test_the_year_views_queries_do_not_grow_with_the_number_of_shifts(officer_client, officer):
    url = reverse("weekend_ops:year")
    make_shift(date(2024, 1, 5), officers=[officer])
    with CaptureQueriesContext(connection) as few:
        officer_client.get(url, {"year": 2024})
    for friday in [date(2024, m, 7) for m in range(2, 12)]:
        if friday.weekday() == 4:
            make_shift(friday, officers=[officer])
    for month in range(2, 12):
        make_shift(
            date(2024, month, 1) if date(2024, month, 1).weekday() in (4, 5) else date(2024, 6, 7)
        )
    with CaptureQueriesContext(connection) as many:
        officer_client.get(url, {"year": 2024})
    assert len(many.captured_queries) == len(few.captured_queries)


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_officers_import_a_file_all_or_nothing(officer_client, officer):
    url = reverse("weekend_ops:shift_import")
    header = "date,start,end,officers,status,districts,notes\n"
    bad = (
        header
        + "2024-05-17,18:00,02:00,officer,completed,,\n2024-05-19,18:00,02:00,officer,completed,,\n"
    )
    response = officer_client.post(url, {"file": SimpleUploadedFile("p.csv", bad.encode())})
    html = response.content.decode()
    assert "Inget importerades: 1 fel" in html and "Rad 3: Ett pass måste börja en fredag" in html
    assert Shift.objects.count() == 0
    good = header + "2024-05-17,18:00,02:00,officer,completed,,\n"
    response = officer_client.post(
        url, {"file": SimpleUploadedFile("p.csv", good.encode())}, follow=True
    )
    assert "Klart: 1 nytt pass, 0 ändrade, 0 fanns redan." in response.content.decode()
    assert Shift.objects.count() == 1
    # Swedish Excel's plain "CSV" is Windows-1252: read, and its header explained.
    latin = SimpleUploadedFile("p.csv", "date,start\nHagsätra".encode("latin-1"))
    response = officer_client.post(url, {"file": latin})
    assert "rubrikraden saknar kolumnerna slut" in response.content.decode()
    binary = SimpleUploadedFile("p.csv", b"\x81\x8d\x8f\x90\x9d")
    response = officer_client.post(url, {"file": binary})
    assert "Filen går inte att läsa som text" in response.content.decode()


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_the_years_shifts_export_as_csv(officer_client, officer):
    make_shift(date(2024, 5, 17), officers=[officer], notes="Lugnt")
    make_shift(date(2023, 5, 19), officers=[officer])
    response = officer_client.get(reverse("weekend_ops:shift_export"), {"year": 2024})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="farsta-pass-2024.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines == [
        "datum;start;slut;poliser;status;områden;anteckning",
        "2024-05-17;18:00;02:00;officer;Genomfört;;Lugnt",
    ]


def test_officers_manage_hotspots(officer_client):
    area = Promise.objects.get(year=2024, kind="safety_inventory").policing_area
    district = District.objects.get(name="Örby")
    response = officer_client.post(
        reverse("weekend_ops:hotspot_create"),
        {
            "district": district.pk,
            "name": "Örby centrum",
            "days": "saturday",
            "window_start": "21:00",
            "window_end": "01:00",
            "picture_date": "2024-02-01",
            "is_current": "on",
        },
    )
    assert response.status_code == 302
    hotspot = Hotspot.objects.get(name="Örby centrum")
    officer_client.post(
        reverse("weekend_ops:hotspot_update", args=[hotspot.pk]),
        {
            "district": district.pk,
            "name": "Örby centrum",
            "days": "saturday",
            "window_start": "21:00",
            "window_end": "01:00",
            "picture_date": "2024-02-01",
        },
    )
    hotspot.refresh_from_db()
    assert not hotspot.is_current
    ensure_hotspots(area)
    html = officer_client.get(reverse("weekend_ops:hotspot_list")).content.decode()
    assert "Örby centrum" in html and "Inte aktuell" in html and "Farsta centrum" in html


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_the_public_page_counts_ended_weekends_and_shows_no_hotspot_or_plan(client, officer):
    promises_renew_through(promises=Promise.objects.in_year(2024), last_year=2024)
    hotspot = ensure_hotspots(Promise.objects.first().policing_area)[0]
    make_shift(date(2024, 5, 17), officers=[officer], hotspots=[hotspot], notes="Hemlig anteckning")
    make_shift(date(2024, 5, 18), officers=[officer], hotspots=[hotspot])
    make_shift(date(2024, 6, 7), officers=[officer], status=ShiftStatus.PLANNED, hotspots=[hotspot])
    html = client.get(reverse("promises:home"), {"year": 2024}).content.decode()
    assert "1 av 40 helger" in html
    for secret in (
        "Farsta centrum",
        "Hemlig anteckning",
        officer.username,
        officer.last_name,
        "2024-06-07",
        "7 juni",
    ):
        assert secret not in html
    api = client.get(reverse("api:progress"), {"year": 2024}).json()
    assert api["promises"][0]["achieved"] == 1
    assert "Farsta centrum" not in str(api)


@time_machine.travel("2024-11-20 09:00 +01:00", tick=False)
def test_shift_dates_read_as_swedish_with_lowercase_months(officer_client, officer):
    make_shift(date(2024, 11, 15), officers=[officer])
    html = officer_client.get(reverse("weekend_ops:shift_list")).content.decode()
    assert "fre 15 nov 2024" in html and "Nov" not in html
    year = officer_client.get(reverse("weekend_ops:year") + "?year=2024").content.decode()
    assert "15 nov" in year and "Nov" not in year
