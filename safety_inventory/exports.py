"""The places promise's downloads: a year's activities, their findings and their measures.

Written by ``portal.exporter.ListExporter``: Swedish headers and labels (English on /en/), CSV
for Swedish Excel or XLSX, formulas neutralised. The activities file is the activity import's
format (``csv_io.activities_import`` reads these headers and labels back).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.exporter import ListExporter

# The activity file's columns, in the import's order (csv_io.COLUMNS).
ACTIVITY_COLUMNS = {
    "site": pgettext_lazy("activity export column", "plats"),
    "district": pgettext_lazy("activity export column", "område"),
    "kind": pgettext_lazy("activity export column", "typ"),
    "status": pgettext_lazy("activity export column", "status"),
    "date": pgettext_lazy("activity export column", "datum"),
    "reason": pgettext_lazy("activity export column", "anledning"),
}


class _YearOfActivities(ListExporter):
    name = ""

    def __init__(self, activities, *, year: int):
        self.activities = activities
        self.filename = f"{self.name}-{year}"


class ActivityExporter(_YearOfActivities):
    name = "aktiviteter"
    columns = tuple(ACTIVITY_COLUMNS.values())
    sheet_title = _("Aktiviteter")

    def rows(self):
        for a in self.activities:
            yield [
                a.site.name,
                a.site.district.name,
                a.get_kind_display(),
                a.get_status_display(),
                a.date,
                a.get_reason_display(),
            ]


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
