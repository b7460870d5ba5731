"""The places promise's downloads: a year's activities, their findings and their measures.

Written by ``portal.exporter.ListExporter``: Swedish headers and labels (English on /en/), CSV
for Swedish Excel or XLSX, formulas neutralised. The activities file is the activity import's
format (``csv_io.activities_import`` reads these headers and labels back).
"""

from django.utils.translation import gettext_lazy as _

from portal.exporter import ListExporter

from .formats import ACTIVITIES


class _YearOfActivities(ListExporter):
    name = ""

    def __init__(self, activities, *, year: int):
        self.activities = activities
        self.filename = f"{self.name}-{year}"


class ActivityExporter(_YearOfActivities):
    """The activity file of the import (``formats.ACTIVITIES``, defined once for both)."""

    name = "aktiviteter"
    sheet_title = _("Aktiviteter")

    def header(self) -> list[str]:
        return ACTIVITIES.header()

    def rows(self):
        for a in self.activities:
            yield ACTIVITIES.row(
                {
                    "site": a.site.name,
                    "district": a.site.district.name,
                    "kind": a.kind,
                    "status": a.status,
                    "date": a.date,
                    "reason": a.reason,
                    "summary": a.summary,
                }
            )


class FindingExporter(_YearOfActivities):
    name = "iakttagelser"
    columns = (
        _("Plats"),
        _("Område"),
        _("Aktivitetens datum"),
        _("Typ av aktivitet"),
        _("Kategori"),
        _("Påverkan"),
        _("Var på platsen"),
        _("Beskrivning"),
    )
    sheet_title = _("Iakttagelser")

    def rows(self):
        for a in self.activities:
            for f in a.findings.all():
                yield [
                    a.site.name,
                    a.site.district.name,
                    a.date,
                    a.get_kind_display(),
                    f.get_category_display(),
                    f.get_effect_display(),
                    f.location,
                    f.description,
                ]


class MeasureExporter(_YearOfActivities):
    name = "atgarder"
    columns = (
        _("Plats"),
        _("Område"),
        _("Aktivitetens datum"),
        _("Åtgärd"),
        _("Ansvarig"),
        _("Klart senast"),
        _("Status"),
        _("Varför den inte blir av"),
        _("Text för allmänheten"),
        _("Visas publikt"),
    )
    sheet_title = _("Åtgärder")

    def rows(self):
        yes, no = _("Ja"), _("Nej")
        for a in self.activities:
            for m in a.measures.all():
                yield [
                    a.site.name,
                    a.site.district.name,
                    a.date,
                    m.what,
                    m.responsible.name if m.responsible else "",
                    m.due_date,
                    m.get_status_display(),
                    m.not_done_reason,
                    m.public_text,
                    yes if m.is_public else no,
                ]


EXPORTERS = {e.name: e for e in (ActivityExporter, FindingExporter, MeasureExporter)}
