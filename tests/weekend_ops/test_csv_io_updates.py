"""The shift import's update branch goes through the service like the form (issue 18): one
history record per change, the overlap check, the rules."""

import io
from datetime import date, time

import pytest
import time_machine

from portal.imports import ImportFailed
from promises.models import PolicingArea
from weekend_ops.csv_io import shifts_export, shifts_import
from weekend_ops.models import Shift, ShiftStatus

from .factories import make_shift

pytestmark = pytest.mark.django_db


def run_import(text: str):
    return shifts_import(
        file=io.StringIO(text), policing_area=PolicingArea.objects.get(slug="farsta")
    )


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_a_changed_note_is_one_history_record_through_the_service(officer):
    shift = make_shift(
        date(2024, 5, 17), officers=[officer], notes="=SUMMA(A1)", activities=["presence"]
    )
    text = shifts_export(Shift.objects.all()).replace("'=SUMMA(A1)", "Lugnt")
    report = run_import(text)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    shift.refresh_from_db()
    assert shift.notes == "Lugnt"
    assert shift.history.count() == 2  # created, and the import's one change
    assert shift.presence and shift.visibility is False  # what the file lacks stays


@time_machine.travel("2024-06-03 09:00 +02:00", tick=False)
def test_an_update_that_would_overlap_is_refused_and_nothing_is_saved(officer):
    cancelled = make_shift(date(2024, 5, 17), officers=[officer], status=ShiftStatus.CANCELLED)
    make_shift(date(2024, 5, 17), officers=[officer], start=time(20, 0), end=time(23, 0))
    text = shifts_export([cancelled]).replace("Inställt", "Genomfört")
    with pytest.raises(ImportFailed) as failed:
        run_import(text)
    assert "överlappar" in str(failed.value)
    cancelled.refresh_from_db()
    assert cancelled.status == ShiftStatus.CANCELLED and cancelled.history.count() == 1
