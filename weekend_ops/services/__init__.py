"""Writes of weekend collaboration: keyword-only functions inside a transaction.

``shifts`` records shifts; ``meetings`` runs meetings, registrations and their e-mail.
"""

from .meetings import (
    RegistrationClosed,
    attendance_mark,
    meeting_cancel,
    meeting_reminders_send,
    registration_cancel,
    registration_create,
    registration_history_of_deleted_purge,
    registrations_purge,
)
from .shifts import shift_cancel, shift_complete, shift_create, shift_update

__all__ = [
    "RegistrationClosed",
    "attendance_mark",
    "meeting_cancel",
    "meeting_reminders_send",
    "registration_cancel",
    "registration_create",
    "registration_history_of_deleted_purge",
    "registrations_purge",
    "shift_cancel",
    "shift_complete",
    "shift_create",
    "shift_update",
]
