"""The weekend collaboration's downloads: shifts, a meeting's attendance, collective capability.

All written by ``portal.exporter.ListExporter`` (CSV for Swedish Excel and XLSX, formulas
neutralised). Headers are lazy so they follow the page's language when the file is written.
"""

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.exporter import ListExporter

from .formats import SHIFTS
from .models import Meeting, Shift


class ShiftExporter(ListExporter):
    """A year's shifts in the format the shift import reads (``formats.SHIFTS``, defined once
    for both), as CSV or XLSX: ``datum;start;slut;poliser;status;områden;anteckning`` (English
    headers and labels on /en/)."""

    sheet_title = _("Pass")

    def __init__(self, shifts: Iterable[Shift], *, year: int | None = None):
        self.shifts = shifts
        self.filename = f"pass-{year}" if year else "pass"

    def header(self) -> list[str]:
        return SHIFTS.header()

    def rows(self):
        for shift in self.shifts:
            yield SHIFTS.row(
                {
                    "date": shift.local_start.date(),
                    "start": shift.start,
                    "end": shift.end,
                    "officers": [o.username for o in shift.officers.all()],
                    "status": shift.status,
                    "districts": [d.name for d in shift.districts.all()],
                    "notes": shift.notes,
                }
            )


class AttendanceExporter(ListExporter):
    """Who registered for a meeting and who came (officers only: it holds personal data)."""

    columns = (
        _("Namn"),
        _("Organisation"),
        _("Typ"),
        _("Roll"),
        _("E-post"),
        _("Telefon"),
        _("Status"),
        _("Närvarade"),
    )
    sheet_title = _("Närvaro")

    def __init__(self, meeting: Meeting):
        self.meeting = meeting
        self.filename = f"narvaro-{timezone.localtime(meeting.start):%Y-%m-%d}"

    def rows(self):
        yes, no = _("Ja"), _("Nej")
        for r in self.meeting.registrations.active().select_related("organisation"):
            yield [
                r.name,
                r.organisation.name if r.organisation else "",
                r.organisation.get_kind_display() if r.organisation else "",
                r.role,
                r.email,
                r.phone,
                r.get_status_display(),
                "" if r.attended is None else (yes if r.attended else no),
            ]


class CapabilityExporter(ListExporter):
    """Collective capability: meetings, organisations and persons per period and by type."""

    columns = (
        _("Period"),
        _("Typ av organisation"),
        _("Möten"),
        _("Organisationer"),
        _("Personer"),
    )
    sheet_title = _("Kollektiv förmåga")

    def __init__(self, figures: dict, *, year: int):
        self.figures = figures
        self.filename = f"kollektiv-formaga-{year}"

    def rows(self):
        every_kind = _("Alla typer")
        periods = [self.figures["year"], *self.figures["quarters"], self.figures["previous_year"]]
        for period in periods:
            yield [period.label, every_kind, period.meetings, period.organisations, period.persons]
        year = self.figures["year"]
        for kind in year.by_kind:
            yield [year.label, kind["label"], "", kind["organisations"], kind["persons"]]
