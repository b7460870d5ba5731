"""What every CSV import shares: errors that name their line, and all-or-nothing failure."""

from dataclasses import dataclass

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
