"""Writes of weekend collaboration: keyword-only functions inside a transaction.

``shifts`` records shifts; ``meetings`` runs meetings, registrations and their e-mail.
"""

from .meetings import (
    AttendanceNotOpen,
    RegistrationClosed,
    attendance_mark,
    meeting_cancel,
    meeting_reminders_send,
    meeting_save,
    registration_before_delete,
    registration_cancel,
    registration_create,
    registration_history_of_deleted_purge,
    registrations_purge,
)
from .shifts import (
    ShiftOverlap,
    shift_cancel,
    shift_complete,
    shift_create,
    shift_restore,
    shift_update,
)

__all__ = [
    "AttendanceNotOpen",
    "RegistrationClosed",
    "ShiftOverlap",
    "attendance_mark",
    "meeting_cancel",
    "meeting_save",
    "meeting_reminders_send",
    "registration_before_delete",
    "registration_cancel",
    "registration_create",
    "registration_history_of_deleted_purge",
    "registrations_purge",
    "shift_cancel",
    "shift_complete",
    "shift_create",
    "shift_restore",
    "shift_update",
]
