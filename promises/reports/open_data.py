"""Each year's public figures as open data (CC0 1.0), the same figures as the API.

JSON: ``{"licence", "licence_url", "year", "policing_area", "generated_on", "preliminary",
"promises": [{"kind", "title", "target", "achieved", "unit", "status"}], "districts":
[{"district", <figure>: n, ...}]}``.
CSV (``;``, UTF-8 with BOM): one figure a row, ``year;policing_area;table;name;key;value`` where
``table`` is ``promise`` (``name`` the promise's kind; ``key`` target, achieved, unit or status)
or ``district`` (``name`` the district; ``key`` the figure, e.g. shifts). See README.
"""

from django.utils import timezone
from django.utils.translation import pgettext

from portal.exporter import ListExporter, file_word
from promises.models import PolicingArea
from promises.reports.annual import is_preliminary
from promises.selectors import district_table, year_progress

LICENCE = "CC0-1.0"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
PROMISE_FIELDS = ("target", "achieved", "unit", "status")


def open_data(*, area: PolicingArea, year: int) -> dict:
    items = year_progress(area=area, year=year)
    return {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "year": year,
        "policing_area": area.slug,
        "generated_on": timezone.localdate().isoformat(),
        # Until the year has ended its figures may still change.
        "preliminary": is_preliminary(year),
        "promises": [
            {
                "kind": item.promise.kind,
                "title": item.promise.title,
                "target": item.progress.target,
                "achieved": item.progress.achieved,
                "unit": str(item.progress.unit),
                "status": str(item.progress.status),
            }
            for item in items
        ],
        "districts": district_table(area=area, items=items).as_dicts(),
    }


class OpenDataExporter(ListExporter):
    """The open data as one table, a figure a row; codes, not labels, so it reads the same in
    every language."""

    columns = ("year", "policing_area", "table", "name", "key", "value")
    sheet_title = "open data"

    def __init__(self, data: dict):
        self.data = data
        self.filename = f"{file_word(pgettext('file name', 'medborgarloften'))}-{data['year']}"

    def rows(self):
        year, area = self.data["year"], self.data["policing_area"]
        for promise in self.data["promises"]:
            for key in PROMISE_FIELDS:
                yield [year, area, "promise", promise["kind"], key, promise[key]]
        for row in self.data["districts"]:
            for key, value in row.items():
                if key != "district":
                    yield [year, area, "district", row["district"], key, value]
