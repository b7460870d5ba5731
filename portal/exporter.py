"""One exporter for every download of the portal (pretix's ``ListExporter`` is the model).

A subclass says what a file holds: its ``columns`` (lazy headers, so they are translated when the
file is written, in the language of the page that asked) and ``rows()``. The base writes it as
CSV for Swedish Excel (UTF-8 with BOM, ``;`` between fields) or as XLSX (real dates and numbers,
a frozen header row, column widths), and builds the download response. No view writes a file or a
``Content-Disposition`` header by hand.

Every text cell that a spreadsheet would read as a formula (it begins with ``=``, ``+``, ``-``,
``@``, tab or carriage return) gets a leading apostrophe, in CSV and XLSX alike (OWASP, "CSV
Injection"): partners and citizens type names, organisations and notes that end up here.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A text that begins with an apostrophe gets one more, so that an import can take off exactly
# the apostrophe the export added (``formats.unneutralise``).
NEUTRALISED_STARTS = (*FORMULA_STARTS, "'")
FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_COLUMN_WIDTH = 60


def neutralise(value: str) -> str:
    """``value`` made inert for a spreadsheet: a leading apostrophe when it could start a formula
    (or itself begins with one, so that reading it back is exact)."""
    return "'" + value if value.startswith(NEUTRALISED_STARTS) else value


def _cell(value):
    """A cell's value as written: numbers and dates stay themselves, everything else is text
    (lazy strings are translated here), neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal | date):
        if isinstance(value, datetime):
            return timezone.localtime(value).replace(tzinfo=None) if value.tzinfo else value
        return value
    return neutralise(str(value))


def _csv_text(value) -> str:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Table:
    """One table of a download: its title (the XLSX sheet's name), its own header, its rows."""

    title: str
    header: Sequence
    rows: Iterable[Sequence]


class ListExporter:
    """A table to download. Subclasses set ``columns``, ``filename`` and ``sheet_title`` and
    implement ``rows()``; ``formats`` lists what the page offers. A download of several tables
    overrides ``tables()`` instead: each becomes a sheet of its own (XLSX), or a section of the
    CSV file that starts with its own header, after a blank line."""

    columns: Sequence = ()
    filename: str = "export"
    sheet_title = "Export"
    formats: tuple[str, ...] = FORMATS

    def header(self) -> list[str]:
        return [str(c) for c in self.columns]

    def rows(self) -> Iterable[Sequence]:
        raise NotImplementedError

    def tables(self) -> list[Table]:
        """The tables of the download: one (``columns`` and ``rows()``) unless overridden."""
        return [Table(self.sheet_title, self.header(), self.rows())]

    def table(self) -> list[list]:
        """The first table's header and rows as cells, translated and neutralised."""
        return _cells(self.tables()[0])

    def as_csv(self) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        tables = self.tables()
        for index, table in enumerate(tables):
            if index:
                writer.writerow([])
            for row in _cells(table):
                writer.writerow([_csv_text(v) for v in row])
        return out.getvalue().encode("utf-8-sig")

    def as_xlsx(self) -> bytes:
        workbook = Workbook()
        workbook.remove(workbook.active)
        for table in self.tables():
            _write_sheet(workbook.create_sheet(str(table.title)[:31]), _cells(table))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def response(self, fmt: str, *, area=None) -> HttpResponse:
        """The download in ``fmt`` (csv or xlsx), named for ``area``; 404 for a format this
        export does not offer."""
        if fmt not in self.formats:
            raise Http404
        content = self.as_csv() if fmt == "csv" else self.as_xlsx()
        return file_response(
            content,
            content_type=CONTENT_TYPES[fmt],
            filename=f"{download_name(self.filename, area=area)}.{fmt}",
        )


def download_name(stem: str, *, area=None) -> str:
    """A download's file name (without its extension) carries the area it is about first
    (``<area>-uppfoljning-2024``), so that two areas' files of one year never share a name;
    ``stem`` is a word and year, already in the page's language (``file_word``)."""
    return f"{area.slug}-{stem}" if area is not None else stem


def file_word(word: str) -> str:
    """A (translated) word as it goes into a file name: lower case ASCII, dashes."""
    return slugify(str(word))


def _cells(table: Table) -> list[list]:
    return [[_cell(v) for v in table.header], *([_cell(v) for v in r] for r in table.rows)]


def _write_sheet(sheet, table: list[list]) -> None:
    """One table on its own sheet: real dates and numbers, text never a formula, the header
    row frozen, columns as wide as their text."""
    widths: dict[int, int] = {}
    for row in table:
        sheet.append(row)
        for index, value in enumerate(row, start=1):
            widths[index] = max(widths.get(index, 0), len(_csv_text(value)))
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    sheet.freeze_panes = "A2"
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(width + 2, 8), MAX_COLUMN_WIDTH
        )


def file_response(
    content: bytes | str, *, content_type: str, filename: str, inline: bool = False
) -> HttpResponse:
    """A file for the browser to save (or, ``inline``, to show) under ``filename``: the one
    place that writes ``Content-Disposition``."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=not inline, filename=filename
    )
    return response
