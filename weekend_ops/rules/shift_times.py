"""The rules a shift's times keep, and how local clock times become moments (docs/rules.md#shift-times): each rule is defined once here; the form messages and the database constraints
(``Shift.Meta.constraints``) are derived from it. Pure functions, no ORM."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .weekends import WEEKEND_EVENINGS, _add_days

# A shift starts on one of the weekend's evenings (``WEEKEND_EVENINGS``) at this time or later ...
EARLIEST_START = time(12, 0)
# ... and lasts at most this long.
MAX_SHIFT = timedelta(hours=14)


class ShiftRule(enum.StrEnum):
    """A rule a shift's times must keep; the value names it, ``message`` says how to keep it."""

    WEEKEND_EVENING = "weekend_evening"
    START_WINDOW = "start_window"
    END_AFTER_START = "end_after_start"
    MAX_LENGTH = "max_length"
    COMPLETED_IN_FUTURE = "completed_in_future"
    END_DOES_NOT_EXIST = "end_does_not_exist"

    @property
    def message(self) -> str:
        return str(SHIFT_RULE_MESSAGES[self]) % RULE_VALUES


# The values the messages name, from the rules themselves.
RULE_VALUES = {"earliest": f"{EARLIEST_START:%H:%M}", "hours": MAX_SHIFT // timedelta(hours=1)}


def _start_window_help() -> str:
    return gettext("Mellan %(earliest)s och 23:59.") % RULE_VALUES


# The start time field's help, from the rule (evaluated in the language of each request).
START_WINDOW_HELP = lazy(_start_window_help, str)()

SHIFT_RULE_MESSAGES = {
    ShiftRule.WEEKEND_EVENING: _(
        "Ett pass måste börja en fredag eller lördag. Ange ett datum som är en fredag eller lördag."
    ),
    ShiftRule.START_WINDOW: _(
        "Ett pass måste börja mellan %(earliest)s och 23:59. Ange en senare starttid."
    ),
    ShiftRule.END_AFTER_START: _("Passet måste sluta efter att det har börjat. Ändra sluttiden."),
    ShiftRule.MAX_LENGTH: _(
        "Ett pass får vara högst %(hours)d timmar. Ändra start- eller sluttiden."
    ),
    ShiftRule.COMPLETED_IN_FUTURE: _(
        "Ett pass som inte har slutat än kan inte markeras som genomfört. "
        "Spara det som planerat och markera det genomfört efteråt."
    ),
    ShiftRule.END_DOES_NOT_EXIST: _(
        "Sluttiden finns inte den natten: klockan ställs fram från 02:00 till 03:00 när "
        "sommartiden börjar. Ange 03:00 eller senare, eller före 02:00."
    ),
}


def shift_duration(*, start: datetime, end: datetime) -> timedelta:
    """Real elapsed time, also across DST changes.

    Subtracting two aware datetimes in one zone gives wall-clock time, so compare in UTC.
    """
    return _utc(end) - _utc(start)


def _utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a moment too close to the calendar's ends to convert is held there."""
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        return (
            datetime.max.replace(tzinfo=UTC)
            if moment.year > 1
            else datetime.min.replace(tzinfo=UTC)
        )


def exists_locally(moment: datetime, tz: tzinfo) -> bool:
    """False for a local clock time that the night summer time begins skips (02:00–02:59)."""
    local = moment.astimezone(tz) if moment.tzinfo is not tz else moment
    try:
        back = local.astimezone(UTC).astimezone(tz)
    except OverflowError:
        return True
    return back.replace(tzinfo=None) == local.replace(tzinfo=None)


def is_ambiguous_locally(moment: datetime, tz: tzinfo) -> bool:
    """True for a local clock time that occurs twice (the night summer time ends)."""
    local = moment.astimezone(tz) if moment.tzinfo is not tz else moment
    try:
        return local.replace(fold=0).utcoffset() != local.replace(fold=1).utcoffset()
    except OverflowError:
        return False


def shift_problems(
    *, start: datetime, end: datetime, tz: tzinfo, completed: bool = False, now: datetime
) -> list[ShiftRule]:
    """The rules that a shift from ``start`` to ``end`` (aware) breaks; empty when none."""
    problems = []
    try:
        local_start = start.astimezone(tz)
    except OverflowError:
        local_start = start
    if local_start.weekday() not in WEEKEND_EVENINGS:
        problems.append(ShiftRule.WEEKEND_EVENING)
    if local_start.time() < EARLIEST_START:
        problems.append(ShiftRule.START_WINDOW)
    if not exists_locally(end, tz):
        problems.append(ShiftRule.END_DOES_NOT_EXIST)
    duration = shift_duration(start=start, end=end)
    if duration <= timedelta(0):
        problems.append(ShiftRule.END_AFTER_START)
    elif duration > MAX_SHIFT:
        problems.append(ShiftRule.MAX_LENGTH)
    if completed and _utc(end) > _utc(now):
        problems.append(ShiftRule.COMPLETED_IN_FUTURE)
    return problems


def compose_shift_times(
    *, day: date, start: time, end: time, tz: tzinfo
) -> tuple[datetime, datetime]:
    """Aware start and end from a local date and clock times; an end at or before the start is on
    the next day (a shift past midnight).

    A clock time that occurs twice (the night summer time ends) means its first occurrence,
    unless ``end`` carries its own UTC offset (``02:30+01:00`` is the second). The result is in
    UTC, so that it compares equal to the same shift read from the database (Python never calls
    an ambiguous local time equal to a time in another zone). A time that does not exist is
    kept as given and reported by ``shift_problems``.
    """
    start_at = _combine(day, start, tz)
    end_day = day if end.replace(tzinfo=None) > start.replace(tzinfo=None) else _add_days(day, 1)
    if end_day == day and end.replace(tzinfo=None) <= start.replace(tzinfo=None):
        # The calendar ends here (9999-12-31): no next day; the end is held before the start
        # and shift_problems says that the shift must end after it starts.
        end_day = day
    end_at = _combine(end_day, end, tz)
    if not exists_locally(end_at, tz):
        return _utc(start_at), end_at
    return _utc(start_at), _utc(end_at)


def _combine(day: date, clock: time, tz: tzinfo) -> datetime:
    """A local date and clock time; a clock time with its own offset picks that occurrence."""
    if clock.tzinfo is None:
        return datetime.combine(day, clock, tzinfo=tz)
    given = datetime.combine(day, clock)
    for fold in (0, 1):
        candidate = given.replace(tzinfo=tz, fold=fold)
        if candidate.utcoffset() == clock.utcoffset():
            return candidate
    return datetime.combine(day, clock.replace(tzinfo=None), tzinfo=clock.tzinfo)


def format_local_clock(moment: datetime, tz: tzinfo) -> str:
    """HH:MM local time, with the UTC offset (``02:30+01:00``) when that clock time occurs twice
    that night, so that an import reads back the same moment."""
    local = moment.astimezone(tz)
    if is_ambiguous_locally(local, tz):
        offset = local.strftime("%z")
        return f"{local:%H:%M}{offset[:3]}:{offset[3:]}"
    return f"{local:%H:%M}"
