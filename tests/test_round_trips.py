"""Every import/export pair is one format (issue 18): a file the portal exports, imported again,
changes nothing, whatever the notes hold (formula starts, apostrophes, quotes, semicolons,
newlines, tabs, unicode), in CSV and in XLSX. Property-based (Hypothesis)."""

import io
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.exporter import neutralise
from portal.formats import unneutralise, xlsx_text
from promises.models import District, PolicingArea
from safety_inventory.csv_io import activities_import
from safety_inventory.exports import ActivityExporter
from safety_inventory.models import Activity, ActivityKind, ActivityReason, ActivityStatus
from safety_inventory.services import activity_create, site_create
from tests.promises.factories import UserFactory
from weekend_ops.csv_io import shifts_import
from weekend_ops.exports import ShiftExporter
from weekend_ops.models import Shift, ShiftStatus
from weekend_ops.rules import LOCAL_TZ
from weekend_ops.services import shift_create

pytestmark = pytest.mark.django_db

EXAMPLES = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as people type and paste it, plus what spreadsheets make of it: no control characters
# but tab and newline (a spreadsheet cannot hold the others), no lone surrogates.
CHARACTERS = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from(["\t", "\n", ";", '"', "'"])
)
HOSTILE_START = st.sampled_from(["", "=", "+", "-", "@", "'", "''", "\t", '"', ";", "'=", " "])
NOTES = st.builds(lambda start, rest: start + rest, HOSTILE_START, st.text(CHARACTERS, max_size=40))
FORMATS = st.sampled_from(["csv", "xlsx"])


def exported_text(exporter, fmt: str) -> str:
    """The file as the import reads it: the CSV's text, or the workbook's first sheet."""
    if fmt == "csv":
        return exporter.as_csv().decode("utf-8-sig")
    return xlsx_text(exporter.as_xlsx())


@given(st.text(CHARACTERS, max_size=30))
def test_unneutralise_undoes_exactly_what_neutralise_did(text):
    assert unneutralise(neutralise(text)) == text


# 2024's weekend evenings, with the Saturday the clocks go back (a shift may end in the hour
# that happens twice) and the Saturday they go forward.
EVENINGS = [date(2024, 3, 30), date(2024, 10, 26)] + [
    date(2024, 1, 5) + timedelta(days=7 * week + day) for week in range(0, 52, 5) for day in (0, 1)
]


@st.composite
def shift_specs(draw):
    days = draw(st.lists(st.sampled_from(EVENINGS), min_size=1, max_size=4, unique=True))
    specs = []
    for day in days:
        start = datetime(day.year, day.month, day.day, draw(st.integers(12, 23)), tzinfo=LOCAL_TZ)
        start += timedelta(minutes=draw(st.integers(0, 59)))
        length = timedelta(minutes=draw(st.integers(30, 14 * 60)))
        end = (start.astimezone(UTC) + length).astimezone(LOCAL_TZ)
        status = draw(st.sampled_from([ShiftStatus.COMPLETED, ShiftStatus.CANCELLED]))
        specs.append((start, end, status, draw(NOTES), draw(st.booleans())))
    return specs


@time_machine.travel("2025-02-03 10:00 +01:00", tick=False)
@EXAMPLES
@given(specs=shift_specs(), fmt=FORMATS)
def test_an_exported_year_of_shifts_imports_unchanged(specs, fmt):
    area = PolicingArea.objects.get(slug="farsta")
    with transaction.atomic():
        officer = UserFactory(role="officer")
        area.staff.add(officer)
        districts = list(District.objects.of_area(area).order_by("name")[:2])
        for start, end, status, notes, in_district in specs:
            shift_create(
                policing_area=area,
                start=start,
                end=end,
                officers=[officer],
                status=status,
                districts=districts if in_district else [],
                notes=notes,
            )
        before = list(
            Shift.objects.order_by("start").values_list("start", "end", "status", "notes")
        )
        shifts = (
            Shift.objects.of_area(area)
            .in_year(2024)
            .prefetch_related("officers", "districts")
            .order_by("start")
        )
        text = exported_text(ShiftExporter(shifts, year=2024), fmt)
        report = shifts_import(file=io.StringIO(text, newline=""), policing_area=area)
        assert (report.created, report.updated, report.unchanged) == (0, 0, len(specs))
        after = list(Shift.objects.order_by("start").values_list("start", "end", "status", "notes"))
        assert after == before
        assert all(s.history.count() == 1 for s in Shift.objects.all())
        transaction.set_rollback(True)


SITES = ["=Torget", "+Parken", "-Skolan", "@Centrum", "'Citat", 'Gården "bak"', "Väg; norr"]


@st.composite
def activity_specs(draw):
    days = draw(st.lists(st.integers(0, 300), min_size=1, max_size=4, unique=True))
    return [
        (
            draw(st.sampled_from(SITES)),
            draw(st.sampled_from(ActivityKind.values)),
            draw(st.sampled_from([ActivityStatus.CONDUCTED, ActivityStatus.CANCELLED])),
            date(2024, 1, 2) + timedelta(days=day),
            draw(st.sampled_from(ActivityReason.values)),
            draw(NOTES),
        )
        for day in days
    ]


@time_machine.travel("2025-02-03 10:00 +01:00", tick=False)
@EXAMPLES
@given(specs=activity_specs(), fmt=FORMATS)
def test_an_exported_year_of_activities_imports_unchanged(specs, fmt):
    area = PolicingArea.objects.get(slug="farsta")
    with transaction.atomic():
        district = District.objects.of_area(area).order_by("name").first()
        sites = {name: site_create(district=district, name=name) for name in SITES}
        for site, kind, status, day, reason, summary in specs:
            activity_create(
                site=sites[site], kind=kind, status=status, date=day, reason=reason, summary=summary
            )
        fields = ("site__name", "kind", "status", "date", "reason", "summary")
        before = sorted(Activity.objects.values_list(*fields))
        activities = Activity.objects.of_area(area).select_related("site__district").order_by("pk")
        text = exported_text(ActivityExporter(activities, year=2024), fmt)
        report = activities_import(file=io.StringIO(text, newline=""), policing_area=area)
        assert (report.created, report.updated, report.unchanged) == (0, 0, len(specs))
        assert report.sites_created == 0
        assert sorted(Activity.objects.values_list(*fields)) == before
        transaction.set_rollback(True)
