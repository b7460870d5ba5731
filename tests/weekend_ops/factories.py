from datetime import date, time

from promises.models import PolicingArea
from tests.promises.factories import UserFactory
from weekend_ops.models import ShiftStatus
from weekend_ops.rules import LOCAL_TZ, compose_shift_times
from weekend_ops.services import shift_create


def make_shift(
    day: date,
    *,
    status: str = ShiftStatus.COMPLETED,
    start: time = time(18, 0),
    end: time = time(2, 0),
    officers=None,
    **kwargs,
):
    """A shift made through the service, as an officer would log it."""
    start_at, end_at = compose_shift_times(day=day, start=start, end=end, tz=LOCAL_TZ)
    return shift_create(
        policing_area=PolicingArea.objects.get(slug="farsta"),
        start=start_at,
        end=end_at,
        status=status,
        officers=officers or [UserFactory(role="officer")],  # a new officer: no overlap
        **kwargs,
    )
