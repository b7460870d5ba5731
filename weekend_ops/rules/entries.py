"""What logging a shift offers, and the entries that are allowed but asked about first
(docs/rules.md#weekend-collaboration). Pure functions, no ORM."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from django.utils.translation import gettext_lazy as _

from .pace import weekends_elapsed
from .shift_times import _utc, compose_shift_times, exists_locally, shift_duration
from .weekends import LOCAL_TZ, SATURDAY, _add_days, weekend_of, weekends_in_year

# --- Night-time defaults for logging a shift ----------------------------------------------------

USUAL_START = time(18, 0)
USUAL_END = time(2, 0)
NIGHT_ENDS = time(6, 0)


@dataclass(frozen=True)
class ShiftDefaults:
    """What "Logga pass" offers: always a shift that can be saved as it stands."""

    day: date
    start: time
    end: time
    completed: bool  # False: it is still to come or under way, save it as planned


def logging_defaults(now: datetime, tz: tzinfo = LOCAL_TZ) -> ShiftDefaults:
    """The evening an officer most likely logs at ``now`` (aware), with the usual times.

    Before 06:00 the night still belongs to the evening before (Friday's shift at 01:00 on
    Saturday is Friday's). On a Friday or Saturday it is that evening; on any other day the
    last Saturday. The usual 18:00–02:00 is kept, with the end at 03:00 on the night the clocks
    skip 02:00. The shift is offered as completed only once it has ended; before that it is
    saved as planned and marked done afterwards with one tap.
    """
    local = now.astimezone(tz)
    day = local.date()
    if local.time() < NIGHT_ENDS:
        day = _add_days(day, -1)
    if weekend_of(day) is None:
        day = _add_days(day, -((day.weekday() - SATURDAY) % 7))
    end_clock = USUAL_END
    start_at, end_at = compose_shift_times(day=day, start=USUAL_START, end=end_clock, tz=tz)
    if not exists_locally(end_at, tz):
        end_clock = time(3, 0)
        start_at, end_at = compose_shift_times(day=day, start=USUAL_START, end=end_clock, tz=tz)
    return ShiftDefaults(
        day=day, start=USUAL_START, end=end_clock, completed=_utc(end_at) <= _utc(now)
    )


# --- Unusual entries: saved only once the officer confirms them ---------------------------------

LONG_SHIFT = timedelta(hours=10)


class Unusual(enum.StrEnum):
    """Entries that are allowed but most often a typing mistake: the form asks first."""

    LONG = "long"
    CLOSED_YEAR = "closed_year"
    ENDED = "ended"

    @property
    def message(self) -> str:
        return str(UNUSUAL_MESSAGES[self])


UNUSUAL_MESSAGES = {
    Unusual.LONG: _(
        "Passet är längre än 10 timmar. Stämmer start- och sluttiden? Kryssa i rutan för att "
        "spara ändå."
    ),
    Unusual.CLOSED_YEAR: _(
        "Passet hör till ett år vars helger redan är avslutade. Stämmer datumet? Kryssa i rutan "
        "för att spara ändå."
    ),
    Unusual.ENDED: _(
        "Passet är redan slut, så det kan inte planeras. Kryssa i rutan för att spara det som "
        "genomfört, eller ändra datum och tider."
    ),
}


def unusual_shift(
    *,
    start: datetime,
    end: datetime,
    today: date,
    planned: bool = False,
    now: datetime | None = None,
) -> list[Unusual]:
    """What about a valid shift deserves a second look: over 10 hours, in a year whose
    weekends have all passed, or planned although it has already ended (``planned`` and
    ``now`` given): confirmed, that one is saved as completed (docs/rules.md#weekend-collaboration: only a
    shift whose end lies in the future is planned)."""
    found = []
    if planned and now is not None and _utc(end) <= _utc(now):
        found.append(Unusual.ENDED)
    if shift_duration(start=start, end=end) > LONG_SHIFT:
        found.append(Unusual.LONG)
    try:
        evening = start.astimezone(LOCAL_TZ).date()
    except OverflowError:
        evening = start.date()
    friday = weekend_of(evening)
    year = friday.year if friday else evening.year
    if year < today.year and weekends_elapsed(year=year, today=today) == weekends_in_year(year):
        found.append(Unusual.CLOSED_YEAR)
    return found
