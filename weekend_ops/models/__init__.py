"""Weekend collaboration models: shifts and hotspots (shift.py), meetings and their
registrations (meeting.py)."""

from .counting import WeekendCountingRule, rule_of
from .meeting import (
    CalendarToken,
    Meeting,
    MeetingStatus,
    Registration,
    RegistrationStatus,
)
from .shift import (
    ACTIVITY_FIELDS,
    SHIFT_RULE_FIELDS,
    Hotspot,
    HotspotDays,
    Shift,
    ShiftStatus,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "SHIFT_RULE_FIELDS",
    "CalendarToken",
    "Hotspot",
    "HotspotDays",
    "Meeting",
    "MeetingStatus",
    "Registration",
    "RegistrationStatus",
    "Shift",
    "ShiftStatus",
    "WeekendCountingRule",
    "rule_of",
]
