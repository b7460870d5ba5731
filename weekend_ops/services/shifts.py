"""Writes of weekend collaboration: shifts and hotspots. Keyword-only, inside a transaction."""

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from promises.models import PolicingArea

from ..models import ACTIVITY_FIELDS, Shift, ShiftStatus


class ShiftOverlap(ValidationError):
    """An officer already has a shift at that time; ``shift`` is the one that is there."""

    def __init__(self, shift: Shift):
        self.shift = shift
        super().__init__(
            _("%(officer)s har redan ett pass som överlappar: %(shift)s.")
            % {"officer": _officer_names(shift), "shift": shift},
            code="overlap",
        )


def _officer_names(shift: Shift) -> str:
    return ", ".join(o.get_full_name() or o.username for o in shift.overlapping_officers)


def _refuse_overlap(shift: Shift, officers) -> None:
    """One officer cannot be on two shifts at once (a shift saved twice is the usual cause), in
    any of the areas they work in."""
    officer_ids = {getattr(o, "pk", o) for o in officers}
    other = (
        Shift.objects.not_cancelled()
        .filter(officers__in=officer_ids, start__lt=shift.end, end__gt=shift.start)
        .exclude(pk=shift.pk)
        .order_by("start")
        .distinct()
        .first()
    )
    if other is not None:
        other.overlapping_officers = [o for o in other.officers.all() if o.pk in officer_ids]
        raise ShiftOverlap(other)


def _with_hotspot_districts(districts: Iterable, hotspots: Iterable) -> list:
    """The districts given and those of the hotspots visited: a shift at a hotspot counts in
    that hotspot's district."""
    found = {d.pk: d for d in districts}
    for hotspot in hotspots:
        found.setdefault(hotspot.district_id, hotspot.district)
    return list(found.values())


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
    """Record a shift; every rule of docs/rules.md is checked before anything is saved."""
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
    if status != ShiftStatus.CANCELLED:
        _refuse_overlap(shift, officers)
    hotspots = list(hotspots)
    districts = _with_hotspot_districts(districts, hotspots)
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
    if status != ShiftStatus.CANCELLED:
        _refuse_overlap(shift, officers)
    hotspots = list(hotspots)
    districts = _with_hotspot_districts(districts, hotspots)
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
    """Cancel a shift; it stays in the history and can be restored."""
    shift.status = ShiftStatus.CANCELLED
    shift.save(update_fields=["status", "updated_at"])
    return shift


@transaction.atomic
def shift_restore(*, shift: Shift) -> Shift:
    """Undo a cancellation: the shift gets back the status it had before it was cancelled
    (planned when the history does not say), unless that would break a rule or overlap another
    shift of its officers now."""
    before = (
        shift.history.exclude(status=ShiftStatus.CANCELLED)
        .order_by("-history_date", "-history_id")
        .values_list("status", flat=True)
        .first()
    )
    shift.status = before or ShiftStatus.PLANNED
    if shift.status == ShiftStatus.COMPLETED and not shift.can_be_completed():
        shift.status = ShiftStatus.PLANNED
    shift.full_clean()
    _refuse_overlap(shift, shift.officers.all())
    shift.save(update_fields=["status", "updated_at"])
    return shift
