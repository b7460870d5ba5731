from datetime import date, datetime, time

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from promises.models import Promise
from promises.progress import DistrictFigures, Status, live_of, progress_of
from weekend_ops.demo import ensure_hotspots
from weekend_ops.models import ShiftStatus, WeekendCountingRule
from weekend_ops.rules import LOCAL_TZ, WeekendRule

from .factories import make_shift
from .meeting_factories import make_meeting

AFTER_2024 = date(2025, 2, 1)


@pytest.fixture
def promise(db):
    return Promise.objects.get(year=2024, kind="weekend_collaboration")


def test_a_weekend_counts_when_both_evenings_have_a_completed_shift(promise):
    make_shift(date(2024, 5, 17))
    make_shift(date(2024, 5, 18))
    make_shift(date(2024, 5, 24))  # Friday only: partly covered
    progress = progress_of(promise, today=AFTER_2024)
    assert progress.achieved == 1
    assert progress.details["weekends_partly_covered"] == 1
    may = progress.details["months"][4]
    assert (may["month"], may["name"], may["full"], may["partly"]) == (5, "Maj", 1, 1)


def test_any_evening_counts_partly_covered_weekends(promise):
    WeekendCountingRule.objects.filter(promise=promise).update(rule=WeekendRule.ANY_EVENING)
    make_shift(date(2024, 5, 17))
    make_shift(date(2024, 5, 25))
    assert progress_of(promise, today=AFTER_2024).achieved == 2


def test_a_weekend_promise_without_a_rule_counts_both_evenings(promise):
    WeekendCountingRule.objects.filter(promise=promise).delete()
    make_shift(date(2024, 5, 17))
    make_shift(date(2024, 5, 25))
    assert progress_of(promise, today=AFTER_2024).achieved == 0


def test_the_database_refuses_an_unknown_counting_rule(promise):
    with pytest.raises(IntegrityError), transaction.atomic():
        WeekendCountingRule.objects.filter(promise=promise).update(rule="every_evening")


def test_several_shifts_on_one_evening_count_once(promise):
    for start in (time(17, 0), time(18, 0), time(20, 0)):
        make_shift(date(2024, 5, 17), start=start, end=time(1, 0))
    make_shift(date(2024, 5, 18))
    assert progress_of(promise, today=AFTER_2024).achieved == 1


def test_planned_and_cancelled_shifts_do_not_count(promise):
    make_shift(date(2024, 5, 17), status=ShiftStatus.PLANNED)
    make_shift(date(2024, 5, 18), status=ShiftStatus.CANCELLED)
    make_shift(date(2024, 5, 24), status=ShiftStatus.COMPLETED)
    make_shift(date(2024, 5, 25), status=ShiftStatus.CANCELLED)
    assert progress_of(promise, today=AFTER_2024).achieved == 0


def test_a_weekend_under_way_is_not_counted_until_it_has_ended(promise):
    make_shift(date(2024, 5, 17))
    make_shift(date(2024, 5, 18))
    assert progress_of(promise, today=date(2024, 5, 18)).achieved == 0  # Saturday: under way
    assert progress_of(promise, today=date(2024, 5, 19)).achieved == 1  # Sunday: ended


@time_machine.travel("2028-01-05 12:00 +01:00", tick=False)
def test_the_weekend_of_friday_31_december_counts_in_its_fridays_year(db):
    promise = Promise.objects.get(year=2024, kind="weekend_collaboration")
    promise.year = 2027
    promise.save(update_fields=["year"])
    make_shift(date(2027, 12, 31))
    make_shift(date(2028, 1, 1))
    assert progress_of(promise, today=date(2028, 1, 5)).achieved == 1


def test_details_give_shifts_per_district_and_hotspots_only_for_staff(promise):
    hotspot = ensure_hotspots(promise.policing_area)[0]
    make_shift(date(2024, 5, 17), districts=[hotspot.district], hotspots=[hotspot])
    make_shift(date(2024, 5, 18), districts=[hotspot.district])
    public = progress_of(promise, today=AFTER_2024)
    assert public.districts == (DistrictFigures(hotspot.district_id, {"shifts": 2}),)
    assert "hotspots" not in public.details and public.staff_details == {}
    assert public.staff_districts == ()
    staff = progress_of(promise, today=AFTER_2024, staff=True)
    assert staff.staff_details["hotspots"] == [{"hotspot": "Farsta centrum", "shifts": 1}]
    assert staff.staff_districts == (DistrictFigures(hotspot.district_id, {"hotspot_visits": 1}),)


def test_the_status_follows_the_pace_rule(promise):
    assert progress_of(promise, today=date(2024, 3, 1)).status == Status.BEHIND
    assert progress_of(promise, today=date(2024, 7, 1)).status == Status.UNREACHABLE
    assert progress_of(promise, today=AFTER_2024).status == Status.NOT_ACHIEVED


def test_the_trackers_query_count_does_not_grow_with_the_number_of_shifts(
    promise, django_assert_num_queries
):
    def queries_for_tracker() -> int:
        with CaptureQueriesContext(connection) as ctx:
            progress_of(promise, today=AFTER_2024)
        return len(ctx.captured_queries)

    # The counting rule read with the promise, as the pages read it (year_progress).
    promise = Promise.objects.select_related("weekend_counting_rule").get(pk=promise.pk)
    hotspot = ensure_hotspots(promise.policing_area)[0]
    make_shift(date(2024, 1, 5), districts=[hotspot.district], hotspots=[hotspot])
    few = queries_for_tracker()
    for friday in [date(2024, 2, 2), date(2024, 3, 1), date(2024, 4, 5), date(2024, 6, 7)]:
        make_shift(friday, districts=[hotspot.district], hotspots=[hotspot])
        make_shift(friday.replace(day=friday.day + 1), districts=[hotspot.district])
    with django_assert_num_queries(few):
        progress_of(promise, today=AFTER_2024)


def test_the_staff_details_cost_a_fixed_set_of_queries(promise, django_assert_num_queries):
    hotspot = ensure_hotspots(promise.policing_area)[0]
    make_shift(date(2024, 5, 17), districts=[hotspot.district], hotspots=[hotspot])
    # Public: evenings, districts, meetings attended. Staff adds hotspots, hotspot visits per
    # district and the year view as it stands today; attendance is not read twice. The counting
    # rule is read with the promise, as the pages read it (year_progress).
    promise = Promise.objects.select_related("weekend_counting_rule").get(pk=promise.pk)
    with django_assert_num_queries(3):
        progress_of(promise, today=AFTER_2024)
    with django_assert_num_queries(6):
        progress_of(promise, today=AFTER_2024, staff=True)
    # Asked on every dashboard request: the upcoming meetings and the shifts to confirm (none
    # here, so their officers are not read).
    with django_assert_num_queries(2):
        live = live_of(promise)
    assert set(live) == {"to_confirm", "upcoming_meetings"}


def test_the_live_part_lists_a_shift_under_way_and_the_seats_left(promise, officer):
    """What changes by the minute is asked anew, never cached with the figures."""
    with time_machine.travel(datetime(2024, 5, 17, 19, tzinfo=LOCAL_TZ), tick=False):
        under_way = make_shift(date(2024, 5, 17), status=ShiftStatus.PLANNED, officers=[officer])
        meeting = make_meeting(days_ahead=3, seats=10)
        live = live_of(promise)
    assert live["to_confirm"] == [under_way]
    assert live["upcoming_meetings"] == [meeting]
