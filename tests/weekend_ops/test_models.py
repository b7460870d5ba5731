from datetime import date, datetime, time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from promises.models import PolicingArea
from weekend_ops.models import Shift, ShiftStatus
from weekend_ops.rules import LOCAL_TZ, fridays_in_year
from weekend_ops.services import shift_cancel, shift_complete, shift_update

from .factories import make_shift


def raw_shift(start, end, status=ShiftStatus.PLANNED):
    return Shift.objects.create(
        policing_area=PolicingArea.objects.get(slug="farsta"), start=start, end=end, status=status
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("start", "end", "constraint"),
    [
        (
            datetime(2025, 6, 1, 18, tzinfo=LOCAL_TZ),
            datetime(2025, 6, 1, 23, tzinfo=LOCAL_TZ),
            "friday_or_saturday",
        ),
        (
            datetime(2025, 5, 30, 11, tzinfo=LOCAL_TZ),
            datetime(2025, 5, 30, 20, tzinfo=LOCAL_TZ),
            "after_noon",
        ),
        (
            datetime(2025, 5, 30, 20, tzinfo=LOCAL_TZ),
            datetime(2025, 5, 30, 19, tzinfo=LOCAL_TZ),
            "ends_after_start",
        ),
        (
            datetime(2025, 5, 30, 12, tzinfo=LOCAL_TZ),
            datetime(2025, 5, 31, 3, tzinfo=LOCAL_TZ),
            "14_hours",
        ),
    ],
)
def test_the_database_refuses_shifts_that_break_a_time_rule(start, end, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        raw_shift(start, end)


@pytest.mark.django_db
def test_the_database_checks_the_local_hour_not_utc():
    # 12:30 in Stockholm is 10:30 UTC in summer: allowed. 11:30 local is 09:30 UTC: refused.
    raw_shift(
        datetime(2025, 5, 30, 12, 30, tzinfo=LOCAL_TZ), datetime(2025, 5, 30, 20, tzinfo=LOCAL_TZ)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        raw_shift(
            datetime(2025, 5, 30, 11, 30, tzinfo=LOCAL_TZ),
            datetime(2025, 5, 30, 20, tzinfo=LOCAL_TZ),
        )
    # 23:30 on a Saturday in Stockholm is Saturday 21:30 UTC; 00:30 Saturday local is Friday UTC.
    raw_shift(
        datetime(2025, 5, 31, 23, 30, tzinfo=LOCAL_TZ), datetime(2025, 6, 1, 2, tzinfo=LOCAL_TZ)
    )


@pytest.mark.django_db
def test_the_database_refuses_an_unknown_status():
    shift = make_shift(date(2024, 5, 17))
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.filter(pk=shift.pk).update(status="maybe")


@pytest.mark.django_db
def test_the_model_names_the_rule_that_failed_in_swedish():
    with pytest.raises(ValidationError) as error:
        make_shift(date(2024, 5, 19))  # a Sunday
    assert "fredag eller lördag" in error.value.message_dict["start"][0]
    with pytest.raises(ValidationError) as error:
        make_shift(date(2024, 5, 17), start=time(10, 0), end=time(20, 0))
    assert "mellan 12:00 och 23:59" in error.value.message_dict["start"][0]
    with pytest.raises(ValidationError) as error:
        make_shift(date(2024, 5, 17), start=time(12, 0), end=time(3, 0))
    assert "högst 14 timmar" in error.value.message_dict["end"][0]
    assert Shift.objects.count() == 0  # nothing half-saved


@pytest.mark.django_db
def test_a_shift_in_the_future_cannot_be_completed():
    friday = fridays_in_year(timezone.localdate().year + 1)[0]
    with pytest.raises(ValidationError) as error:
        make_shift(friday, status=ShiftStatus.COMPLETED)
    assert "inte har slutat" in error.value.message_dict["status"][0]
    shift = make_shift(friday, status=ShiftStatus.PLANNED)
    assert not shift.can_complete()
    with pytest.raises(ValidationError):
        shift_complete(shift=shift)
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.PLANNED


@pytest.mark.django_db
def test_completing_cancelling_and_editing_keep_the_history():
    shift = make_shift(date(2024, 5, 17), status=ShiftStatus.PLANNED)
    assert shift.can_complete()
    shift_complete(shift=shift)
    shift_update(
        shift=shift,
        start=shift.start,
        end=datetime(2024, 5, 18, 1, tzinfo=LOCAL_TZ),
        officers=shift.officers.all(),
        status=ShiftStatus.COMPLETED,
        notes="Lugn kväll",
    )
    shift_cancel(shift=shift)
    history = shift.history.order_by("history_date")
    assert [(h.history_type, h.status) for h in history] == [
        ("+", "planned"),
        ("~", "completed"),
        ("~", "completed"),
        ("~", "cancelled"),
    ]
    # Each record holds the shift as it was then, relations included.
    assert [o.user_id for o in history[0].officers.all()] == [shift.officers.get().pk]
    assert [h.notes for h in history] == ["", "", "Lugn kväll", "Lugn kväll"]
    assert Shift.objects.get(pk=shift.pk).status == ShiftStatus.CANCELLED  # kept, not deleted


@pytest.mark.django_db
def test_a_shift_reads_well():
    shift = make_shift(date(2024, 5, 17), start=time(18, 0), end=time(2, 0))
    assert str(shift) == "2024-05-17 18:00–02:00 (Genomfört)"
    assert shift.evening == date(2024, 5, 17)
    assert shift.get_absolute_url() == f"/helgsamverkan/pass/{shift.pk}/"


@pytest.mark.django_db
def test_shifts_by_year_include_a_saturday_on_new_years_day():
    make_shift(date(2027, 12, 31), status=ShiftStatus.PLANNED)
    make_shift(date(2028, 1, 1), status=ShiftStatus.PLANNED)
    assert Shift.objects.in_year(2027).count() == 2
    assert Shift.objects.in_year(2028).count() == 0
