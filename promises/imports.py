"""What every CSV import shares: errors that name their line, and all-or-nothing failure."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.management.base import CommandError
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
    """Run ``importer(file=..., **kwargs)`` on a UTF-8 CSV file for a management command: every
    bad row goes to ``stderr`` with its line, and any failure is a CommandError (exit 1)."""
    try:
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
