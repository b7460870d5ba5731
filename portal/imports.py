"""What every CSV import shares: errors that name their line, and all-or-nothing failure."""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
from django.utils import translation
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Rad %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class ImportFailed(Exception):
    """Raised with every bad row; nothing has been saved."""

    def __init__(self, errors: list[RowError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


def parse_iso_date(value: str) -> date:
    """YYYY-MM-DD and nothing else (``date.fromisoformat`` also takes 20240517)."""
    if len(value) != 10:
        raise ValueError(value)
    return date.fromisoformat(value)


def import_file(path: Path, importer: Callable, *, stderr, **kwargs):
    """Run ``importer(file=..., **kwargs)`` on a UTF-8 CSV file (or an XLSX workbook's first
    sheet) for a management command: every
    bad row goes to ``stderr`` with its line, and any failure is a CommandError (exit 1)."""
    try:
        if path.suffix.lower() == ".xlsx":  # the portal's Excel export, or any workbook
            from .formats import xlsx_text

            return importer(file=io.StringIO(xlsx_text(path.read_bytes()), newline=""), **kwargs)
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return importer(file=handle, **kwargs)
    except FileNotFoundError:
        raise CommandError(f"Filen {path} finns inte.") from None
    except UnicodeDecodeError:
        raise CommandError(
            f"Filen {path} är inte UTF-8. Spara den som UTF-8 och försök igen."
        ) from None
    except ImportFailed as failed:
        for error in failed.errors:
            stderr.write(str(error))
        raise CommandError(
            f"Inget importerades: {len(failed.errors)} fel i {path}. Rätta raderna ovan."
        ) from None


# --- Reading spreadsheet files leniently ---------------------------------------------------------
# Files come from Swedish Excel (semicolon, byte-order mark, Swedish headers) as often as from the
# portal's own export: every import accepts both.


def csv_rows(
    text: str,
    *,
    columns: dict[str, tuple[str, ...]],
    max_rows: int,
    strip: bool = True,
    optional: frozenset[str] = frozenset(),
) -> list[tuple[int, dict]]:
    """The rows of a CSV text as ``(line, {column: value})``, keyed by the canonical column
    names of ``columns`` (``{"date": ("datum",)}``: each column with the other names its header
    may have, any case). Comma or semicolon, with or without a byte-order mark. Blank rows are
    skipped. ``strip=False`` leaves the values as written (each column's ``read`` decides); an
    ``optional`` column the header lacks is None in every row. Raises ImportFailed for a missing
    column, a NUL byte or a broken file."""
    text = text.removeprefix("\ufeff")
    _refuse_nul(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        found = _header_columns(next(reader, []), columns=columns, optional=optional)
        return _value_rows(reader, found, columns=columns, max_rows=max_rows, strip=strip)
    except csv.Error as error:
        raise ImportFailed(
            [
                RowError(
                    reader.line_num or 1,
                    _("filen går inte att läsa som CSV (%(error)s).") % {"error": error},
                )
            ]
        ) from None


def _refuse_nul(text: str) -> None:
    """A NUL byte means a binary file (a workbook saved under a .csv name): say so, on its
    line."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportFailed(
            [
                RowError(
                    line,
                    _(
                        "filen innehåller ett nolltecken (NUL) och är troligen inte en CSV-fil. "
                        "Spara kalkylarket som CSV och försök igen."
                    ),
                )
            ]
        )


def _delimiter(text: str) -> str:
    """``;`` (Swedish Excel) when the header line has more of them than commas, else ``,``."""
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _header_columns(
    header: list[str], *, columns: dict[str, tuple[str, ...]], optional: frozenset[str]
) -> list[str | None]:
    """The canonical column of each header cell (None for a column no one asked for);
    ImportFailed naming the columns the header lacks, and what it should be."""
    names = {}
    for canonical, aliases in columns.items():
        for name in (canonical, *aliases):
            names[name.casefold()] = canonical
    found = [names.get(h.strip().removeprefix("\ufeff").casefold()) for h in header]
    missing = [c for c in columns if c not in found and c not in optional]
    if missing:
        wanted = [aliases[0] if aliases else c for c, aliases in columns.items()]
        raise ImportFailed(
            [
                RowError(
                    1,
                    _(
                        "rubrikraden saknar kolumnerna %(missing)s; den ska vara "
                        "%(swedish)s (eller på engelska %(english)s), åtskilda med "
                        "semikolon eller komma."
                    )
                    % {
                        "missing": ", ".join((columns[c][0] if columns[c] else c) for c in missing),
                        "swedish": ";".join(wanted),
                        "english": ",".join(columns),
                    },
                )
            ]
        )
    return found


def _value_rows(
    reader, found: list[str | None], *, columns, max_rows: int, strip: bool
) -> list[tuple[int, dict]]:
    """The rows after the header, blank ones skipped, each as ``(line, {column: value})``: a
    column the header has is "" where a row is short, one it lacks is None."""
    rows = []
    for values in reader:
        if not any(v.strip() for v in values):
            continue
        if len(rows) >= max_rows:
            raise ImportFailed(
                [RowError(reader.line_num, _("filen har fler än %d rader.") % max_rows)]
            )
        row = {c: ("" if c in found else None) for c in columns}
        for column, value in zip(found, values, strict=False):
            if column is not None:
                row[column] = value.strip() if strip else value
        rows.append((reader.line_num, row))
    return rows


def choice_from(value: str, choices) -> str | None:
    """The value of ``choices`` (TextChoices) that ``value`` names: its code, or its label in
    Swedish or English, any case; None when none does."""
    wanted = value.strip().casefold()
    for choice in choices:
        names = {choice.value.casefold()}
        for language in ("sv", "en"):
            with translation.override(language):
                names.add(str(choice.label).casefold())
        if wanted in names:
            return choice.value
    return None


def choice_names(choices) -> str:
    """The labels of ``choices`` for a message (in the current language)."""
    return ", ".join(str(choice.label).lower() for choice in choices)
