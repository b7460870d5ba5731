"""Safety inventories and place collaboration: places and their protocols (places.py), citizen
tips and trend flags (tips.py)."""

from .flag_rule import FlagRule
from .places import (
    PROTOCOL_MAX_ROWS,
    Activity,
    ActivityKind,
    ActivityReason,
    ActivityStatus,
    Finding,
    FindingCategory,
    FindingEffect,
    Measure,
    MeasureStatus,
    Site,
)
from .tips import (
    Flag,
    FlagReason,
    FlagStatus,
    Signal,
    SignalSource,
    TipLanguage,
    new_tracking_code,
)

__all__ = [
    "Activity",
    "ActivityKind",
    "ActivityReason",
    "ActivityStatus",
    "Finding",
    "FindingCategory",
    "FindingEffect",
    "Flag",
    "FlagReason",
    "FlagRule",
    "FlagStatus",
    "Measure",
    "MeasureStatus",
    "PROTOCOL_MAX_ROWS",
    "Signal",
    "SignalSource",
    "Site",
    "TipLanguage",
    "new_tracking_code",
]
