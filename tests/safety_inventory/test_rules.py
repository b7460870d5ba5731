from datetime import date

import pytest

from promises.progress import Status
from safety_inventory import rules


@pytest.mark.parametrize(
    ("today", "fraction"),
    [
        (date(2023, 12, 31), 0.0),
        (date(2024, 1, 1), 0.0),
        (date(2024, 7, 2), 183 / 366),
        (date(2025, 1, 1), 1.0),
    ],
)
def test_year_fraction_elapsed(today, fraction):
    assert rules.year_fraction_elapsed(year=2024, today=today) == pytest.approx(fraction)


@pytest.mark.parametrize(
    ("achieved", "today", "status"),
    [
        (2, date(2024, 3, 1), Status.ACHIEVED),
        (0, date(2024, 3, 1), Status.ON_TRACK),  # floor(2 × 60/366) = 0
        (0, date(2024, 7, 2), Status.BEHIND),  # floor(2 × 183/366) = 1
        (1, date(2024, 7, 2), Status.ON_TRACK),
        (1, date(2024, 12, 31), Status.ON_TRACK),  # floor(1.99) = 1: still possible
        (1, date(2025, 1, 1), Status.NOT_ACHIEVED),
        (3, date(2025, 1, 1), Status.ACHIEVED),
        (0, date(2023, 5, 1), Status.ON_TRACK),
    ],
)
def test_sites_pace_status(achieved, today, status):
    assert rules.sites_pace_status(achieved=achieved, target=2, year=2024, today=today) == status
