"""Weekend counting and shift time rules: pure functions, no ORM (PRODUCT.md, "Promise 1").

A weekend is named by its Friday and belongs to that Friday's calendar year. Its two evenings are
the Friday and the Saturday after it. Only completed shifts count; several shifts on one evening
count once.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from promises.progress import Status, final_status

# Shift dates and times are local to Stockholm (PRODUCT.md, "Promise 1").
LOCAL_TZ = ZoneInfo("Europe/Stockholm")
FRIDAY = 4
SATURDAY = 5
EARLIEST_START = time(12, 0)
MAX_SHIFT = timedelta(hours=14)


class WeekendRule(enum.StrEnum):
    """Mirrors ``promises.models.WeekendRule`` without importing the ORM."""

    BOTH_EVENINGS = "both_evenings"
    ANY_EVENING = "any_evening"


def weekend_of(day: date) -> date | None:
    """The Friday naming the weekend that ``day`` is an evening of, or None for other weekdays."""
    if day.weekday() == FRIDAY:
        return day
    if day.weekday() == SATURDAY:
        return _add_days(day, -1)
    return None


def fridays_in_year(year: int) -> list[date]:
    """Every Friday of ``year``: one per weekend of the year."""
    first = date(year, 1, 1)
    first_friday = first + timedelta(days=(FRIDAY - first.weekday()) % 7)
    count = (date(year, 12, 31) - first_friday).days // 7 + 1
    return [first_friday + timedelta(days=7 * n) for n in range(count)]


def weekends_in_year(year: int) -> int:
    """52 or 53: a year has as many weekends as Fridays."""
    return len(fridays_in_year(year))


def year_evenings_span(year: int) -> tuple[date, date]:
    """The first and last evening of ``year``'s weekends: its first Friday and the Saturday after
    its last Friday (which may be 1 January of the next year)."""
    fridays = fridays_in_year(year)
    return fridays[0], _add_days(fridays[-1], 1)


def _add_days(day: date, days: int) -> date:
    """``day`` + ``days``, held at the calendar's ends (date.min, date.max) instead of raising
    OverflowError: no date a person or a file can give makes these rules fail."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def last_ended_weekend(today: date) -> date:
    """The Friday of the latest weekend whose Saturday lies before ``today``."""
    day = _add_days(today, -2)
    return _add_days(day, -((day.weekday() - FRIDAY) % 7))


def covered_evenings(evenings: Iterable[date]) -> dict[date, set[date]]:
    """Group evening dates (of completed shifts) by weekend: Friday -> the evenings covered."""
    weekends: dict[date, set[date]] = {}
    for day in evenings:
        friday = weekend_of(day)
        if friday is not None:
            weekends.setdefault(friday, set()).add(day)
    return weekends


def covered_weekends(evenings: Iterable[date], *, rule: str) -> set[date]:
    """Fridays of the weekends that count under ``rule``, given the dates of completed shifts.

    ``both_evenings``: the Friday and the Saturday each have a completed shift.
    ``any_evening``: at least one of them has.
    """
    rule = WeekendRule(rule)
    grouped = covered_evenings(evenings)
    if rule is WeekendRule.ANY_EVENING:
        return set(grouped)
    return {friday for friday, days in grouped.items() if len(days) == 2}


def partly_covered_weekends(evenings: Iterable[date]) -> set[date]:
    """Fridays of the weekends with exactly one of the two evenings covered ("partly covered")."""
    return {friday for friday, days in covered_evenings(evenings).items() if len(days) == 1}


def count_in_year(evenings: Iterable[date], *, year: int, rule: str) -> int:
    """How many weekends of ``year`` count under ``rule``."""
    return sum(1 for friday in covered_weekends(evenings, rule=rule) if friday.year == year)


def weekends_elapsed(*, year: int, today: date) -> int:
    """Weekends of ``year`` whose Saturday lies before ``today``."""
    return sum(1 for f in fridays_in_year(year) if _add_days(f, 1) < today)


def weekends_not_begun(*, year: int, today: date) -> int:
    """Weekends of ``year`` whose Friday lies after ``today``."""
    return sum(1 for f in fridays_in_year(year) if f > today)


def expected_by_now(*, target: int, year: int, today: date) -> float:
    """target × elapsed / weekends in year: where an even pace would be today."""
    return target * weekends_elapsed(year=year, today=today) / weekends_in_year(year)


def pace_status(*, achieved: int, target: int, year: int, today: date) -> Status:
    """The weekend promise's status on ``today`` (PRODUCT.md, "Pace").

    A year whose weekends have all passed is ``achieved`` or ``not_achieved``. Otherwise:
    ``achieved`` when the count reaches the target, ``unreachable`` when more weekends are
    missing than have yet to begin, ``on_track`` when the count is at least the whole part of
    the expected count, else ``behind``.
    """
    total = weekends_in_year(year)
    if weekends_elapsed(year=year, today=today) == total:
        return final_status(achieved=achieved, target=target)
    if achieved >= target:
        return Status.ACHIEVED
    if target - achieved > weekends_not_begun(year=year, today=today):
        return Status.UNREACHABLE
    if achieved >= math.floor(expected_by_now(target=target, year=year, today=today)):
        return Status.ON_TRACK
    return Status.BEHIND


def weekends_needed(*, achieved: int, target: int) -> int:
    return max(0, target - achieved)


class EveningState(enum.StrEnum):
    COVERED = "covered"  # a completed shift
    PLANNED = "planned"  # a planned shift, none completed yet
    MISSING = "missing"  # passed without a shift
    UPCOMING = "upcoming"  # still to come, nothing planned


def evening_state(*, day: date, completed: set[date], planned: set[date], today: date):
    """How one evening stands in the year view."""
    if day in completed:
        return EveningState.COVERED
    if day in planned:
        return EveningState.PLANNED
    if day < today:
        return EveningState.MISSING
    return EveningState.UPCOMING


@dataclass(frozen=True)
class WeekendRow:
    friday: date
    friday_state: EveningState
    saturday_state: EveningState
    counted: bool
    partly: bool

    @property
    def saturday(self) -> date:
        return _add_days(self.friday, 1)


def weekend_grid(
    *, year: int, completed: set[date], planned: set[date], today: date, rule: str
) -> list[WeekendRow]:
    """Every weekend of ``year`` with the state of its two evenings (the officers' year view)."""
    counted = covered_weekends(completed, rule=rule)
    partly = partly_covered_weekends(completed)
    rows = []
    for friday in fridays_in_year(year):
        saturday = _add_days(friday, 1)
        rows.append(
            WeekendRow(
                friday=friday,
                friday_state=evening_state(
                    day=friday, completed=completed, planned=planned, today=today
                ),
                saturday_state=evening_state(
                    day=saturday, completed=completed, planned=planned, today=today
                ),
                counted=friday in counted,
                partly=friday in partly,
            )
        )
    return rows


# --- Shift times ------------------------------------------------------------------------------


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
        return str(SHIFT_RULE_MESSAGES[self])


SHIFT_RULE_MESSAGES = {
    ShiftRule.WEEKEND_EVENING: _(
        "Ett pass måste börja en fredag eller lördag. Ange ett datum som är en fredag eller lördag."
    ),
    ShiftRule.START_WINDOW: _(
        "Ett pass måste börja mellan 12:00 och 23:59. Ange en senare starttid."
    ),
    ShiftRule.END_AFTER_START: _("Passet måste sluta efter att det har börjat. Ändra sluttiden."),
    ShiftRule.MAX_LENGTH: _("Ett pass får vara högst 14 timmar. Ändra start- eller sluttiden."),
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
    if local_start.weekday() not in (FRIDAY, SATURDAY):
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
}


def unusual_shift(*, start: datetime, end: datetime, today: date) -> list[Unusual]:
    """What about a valid shift deserves a second look: over 10 hours, or in a year whose
    weekends have all passed."""
    found = []
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
