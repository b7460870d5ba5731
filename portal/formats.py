"""A file format defined once, for both directions (django-import-export's ``Resource`` and its
widgets are the model).

A ``Format`` is a list of ``Column``: the name an import reads (English), the label an export
writes (Swedish msgid, English on /en/), the other names a header may have, ``write(value)``
(what the exporter puts in the cell) and ``read(text)`` (what the importer makes of the cell's
text). The exporter writes ``Format.header()`` and ``Format.row(obj)``; the importer reads the
file with ``Format.read(text)``: so reading back what was written gives the same values.

Text that a spreadsheet would take for a formula is neutralised on the way out with a leading
apostrophe (``exporter.neutralise``); ``unneutralise`` takes it off on the way in exactly when
the export put it there (a text that itself began with an apostrophe got a second one), so a
note survives any number of round trips unchanged.
"""

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.exporter import NEUTRALISED_STARTS
from portal.imports import ImportFailed, RowError, csv_rows

XLSX_MAGIC = b"PK\x03\x04"


def unneutralise(text: str) -> str:
    """``text`` as it was before the export neutralised it: one leading apostrophe fewer when
    what follows it is something the export neutralises (``exporter.neutralise``)."""
    if text.startswith("'") and text[1:].startswith(NEUTRALISED_STARTS):
        return text[1:]
    return text


def _identity(value: Any) -> Any:
    return value


def _read_text(text: str) -> str:
    """A short text (a name, a code): stripped, with the export's apostrophe taken off."""
    return unneutralise(text.strip())


@dataclass(frozen=True)
class Column:
    """One column of a format: ``name`` (English header, the key of a read row), ``label`` (the
    header the export writes, translated), ``aliases`` (other headers a file may have),
    ``write(value) -> cell`` and ``read(text) -> value`` (ValueError when it cannot)."""

    name: str
    label: Any
    aliases: tuple[str, ...] = ()
    write: Callable[[Any], Any] = _identity
    read: Callable[[str], Any] = _read_text
    # The message when ``read`` raises ValueError: a lazy text with ``%(value)s``.
    invalid: Any = None
    # A column added later: files without it are still read (its value is then None).
    optional: bool = False


def text_column(name: str, label, aliases: tuple[str, ...] = (), *, optional=False) -> Column:
    """Free text that must come back exactly as it was written (notes, summaries): never
    stripped, only the export's apostrophe taken off."""
    return Column(name, label, aliases, write=_identity, read=unneutralise, optional=optional)


@dataclass(frozen=True)
class ReadRow:
    """One row of an imported file: its line, the values its columns read, and what could not
    be read (a message per bad cell, naming it)."""

    line: int
    values: dict
    problems: list


@dataclass(frozen=True)
class Format:
    """A file format: its columns in order, and how many rows an import takes at most."""

    columns: tuple[Column, ...]
    max_rows: int = 20_000

    def header(self) -> list[str]:
        return [str(c.label) for c in self.columns]

    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def row(self, values: dict[str, Any]) -> list:
        """The cells of one exported row from ``values`` by column name."""
        return [c.write(values[c.name]) for c in self.columns]

    def header_names(self) -> dict[str, tuple[str, ...]]:
        """Each column with the other names its header may have: its labels in Swedish and
        English and its aliases (for ``imports.csv_rows``)."""
        from django.utils import translation

        names = {}
        for c in self.columns:
            labels = []
            for language in ("sv", "en"):
                with translation.override(language):
                    labels.append(str(c.label))
            names[c.name] = tuple(dict.fromkeys([*labels, *c.aliases]))
        return names

    def read(self, text: str) -> list[ReadRow]:
        """The rows of a CSV text (or of an XLSX file turned into one, ``xlsx_text``), each
        cell read by its column; a cell that cannot be read is None in ``values`` and named in
        ``problems``. ImportFailed for a bad header or file."""
        rows = csv_rows(
            text,
            columns=self.header_names(),
            max_rows=self.max_rows,
            strip=False,
            optional=frozenset(c.name for c in self.columns if c.optional),
        )
        read = []
        for line, cells in rows:
            values, problems = {}, []
            for column in self.columns:
                if cells[column.name] is None:  # an optional column the file does not have
                    values[column.name] = None
                    continue
                try:
                    values[column.name] = column.read(cells[column.name])
                except ValueError:
                    values[column.name] = None
                    problems.append(
                        str(column.invalid or _("värdet ”%(value)s” går inte att läsa."))
                        % {"value": cells[column.name].strip()}
                    )
                except ValidationError as error:
                    values[column.name] = None
                    problems += error.messages
            read.append(ReadRow(line, values, problems))
        return read


def _cell_text(value) -> str:
    """A spreadsheet cell as the text the CSV export would have written."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def xlsx_text(data: bytes) -> str:
    """The first sheet of an XLSX file as CSV text (``;``), each cell as the CSV export writes
    it, so that an import reads both files alike. ImportFailed when it is not a workbook."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise ImportFailed(
            [RowError(1, _("filen går inte att läsa som Excel-fil (xlsx)."))]
        ) from None
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    sheet = workbook.worksheets[0]
    for values in sheet.iter_rows(values_only=True):
        writer.writerow([_cell_text(v) for v in values])
    workbook.close()
    return out.getvalue()


def is_xlsx(data: bytes) -> bool:
    return data.startswith(XLSX_MAGIC)


def joined(values: Sequence[str]) -> str:
    """Several names in one cell, separated by ``;``."""
    return ";".join(values)
