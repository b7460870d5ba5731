"""Weekend counting, pace and shift time rules: pure functions, no ORM (PRODUCT.md, "Promise 1").

- ``weekends``: the weekend, its evenings, the counting rule and the officers' year grid;
- ``pace``: where an even pace would be, and the promise's status on a day;
- ``shift_times``: the rules a shift's times keep, and local clock times as moments;
- ``entries``: what logging a shift offers, and unusual entries asked about first.

Everything is importable from ``weekend_ops.rules`` as before.
"""

from .entries import (
    LONG_SHIFT,
    NIGHT_ENDS,
    UNUSUAL_MESSAGES,
    USUAL_END,
    USUAL_START,
    ShiftDefaults,
    Unusual,
    logging_defaults,
    unusual_shift,
)
from .pace import (
    expected_by_now,
    pace_status,
    weekends_elapsed,
    weekends_needed,
    weekends_not_begun,
)
from .shift_times import (
    EARLIEST_START,
    MAX_SHIFT,
    RULE_VALUES,
    SHIFT_RULE_MESSAGES,
    ShiftRule,
    compose_shift_times,
    exists_locally,
    format_local_clock,
    is_ambiguous_locally,
    shift_duration,
    shift_problems,
)
from .weekends import (
    FRIDAY,
    LOCAL_TZ,
    SATURDAY,
    WEEKEND_EVENINGS,
    EveningState,
    WeekendRow,
    WeekendRule,
    count_in_year,
    covered_evenings,
    covered_weekends,
    evening_state,
    fridays_in_year,
    iso_weekday,
    last_ended_weekend,
    partly_covered_weekends,
    weekend_grid,
    weekend_of,
    weekends_in_year,
    year_evenings_span,
)

__all__ = [
    "EARLIEST_START",
    "FRIDAY",
    "LOCAL_TZ",
    "LONG_SHIFT",
    "MAX_SHIFT",
    "NIGHT_ENDS",
    "RULE_VALUES",
    "SATURDAY",
    "SHIFT_RULE_MESSAGES",
    "UNUSUAL_MESSAGES",
    "USUAL_END",
    "USUAL_START",
    "WEEKEND_EVENINGS",
    "EveningState",
    "ShiftDefaults",
    "ShiftRule",
    "Unusual",
    "WeekendRow",
    "WeekendRule",
    "compose_shift_times",
    "count_in_year",
    "covered_evenings",
    "covered_weekends",
    "evening_state",
    "exists_locally",
    "expected_by_now",
    "format_local_clock",
    "fridays_in_year",
    "is_ambiguous_locally",
    "iso_weekday",
    "last_ended_weekend",
    "logging_defaults",
    "pace_status",
    "partly_covered_weekends",
    "shift_duration",
    "shift_problems",
    "unusual_shift",
    "weekend_grid",
    "weekend_of",
    "weekends_elapsed",
    "weekends_in_year",
    "weekends_needed",
    "weekends_not_begun",
    "year_evenings_span",
]
