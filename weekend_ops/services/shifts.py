"""Writes of weekend collaboration: shifts and hotspots. Keyword-only, inside a transaction."""

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.db.models.signals import post_save

from promises.models import PolicingArea

from ..models import ACTIVITY_FIELDS, Shift, ShiftStatus


@transaction.atomic
def shift_create(
    *,
    policing_area: PolicingArea,
    start: datetime,
    end: datetime,
    officers: Iterable,
    status: str = ShiftStatus.PLANNED,
    districts: Iterable = (),
    hotspots: Iterable = (),
    organisations: Iterable = (),
    activities: Iterable[str] = (),
    notes: str = "",
    created_by=None,
) -> Shift:
    """Record a shift; every rule of PRODUCT.md is checked before anything is saved."""
    shift = Shift(
        policing_area=policing_area,
        start=start,
        end=end,
        status=status,
        notes=notes,
        created_by=created_by,
        **{name: name in set(activities) for name in ACTIVITY_FIELDS},
    )
    shift.full_clean()
    _save_with_one_history_record(
        shift,
        created=True,
        officers=officers,
        districts=districts,
        hotspots=hotspots,
        organisations=organisations,
    )
    return shift


def _save_with_one_history_record(shift: Shift, *, created: bool, **relations) -> None:
    """Save the shift and its relations as one entry in its history.

    django-simple-history records every save and every change of a tracked relation on its own;
    a shift logged in one form is one change, so those records are held back and the history
    receiver is given the finished shift once.
    """
    shift.skip_history_when_saving = True
    try:
        shift.save()
        for name, values in relations.items():
            getattr(shift, name).set(values)
    finally:
        del shift.skip_history_when_saving
    post_save.send(sender=Shift, instance=shift, created=created, raw=False, using=shift._state.db)


@transaction.atomic
def shift_update(
    *,
    shift: Shift,
    start: datetime,
    end: datetime,
    officers: Iterable,
    status: str,
    districts: Iterable = (),
    hotspots: Iterable = (),
    organisations: Iterable = (),
    activities: Iterable[str] = (),
    notes: str = "",
) -> Shift:
    """Change a shift; its history keeps what it was."""
    shift.start, shift.end, shift.status, shift.notes = start, end, status, notes
    for name in ACTIVITY_FIELDS:
        setattr(shift, name, name in set(activities))
    shift.full_clean()
    _save_with_one_history_record(
        shift,
        created=False,
        officers=officers,
        districts=districts,
        hotspots=hotspots,
        organisations=organisations,
    )
    return shift


@transaction.atomic
def shift_complete(*, shift: Shift) -> Shift:
    """Mark a planned shift completed once it has ended (a future one is refused)."""
    shift.status = ShiftStatus.COMPLETED
    shift.full_clean()
    shift.save(update_fields=["status", "updated_at"])
    return shift


@transaction.atomic
def shift_cancel(*, shift: Shift) -> Shift:
    shift.status = ShiftStatus.CANCELLED
    shift.save(update_fields=["status", "updated_at"])
    return shift
