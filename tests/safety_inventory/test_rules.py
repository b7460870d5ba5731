from datetime import date, timedelta

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
        (1, date(2024, 9, 30), Status.ON_TRACK),  # no plan needed before 1 October
        (1, date(2024, 10, 1), Status.BEHIND),  # from 1 October the missing place needs a plan
        (1, date(2024, 11, 25), Status.BEHIND),  # 1 of 2 in late November, nothing planned
        (1, date(2025, 1, 1), Status.NOT_ACHIEVED),
        (3, date(2025, 1, 1), Status.ACHIEVED),
        (0, date(2023, 5, 1), Status.ON_TRACK),
    ],
)
def test_sites_pace_status(achieved, today, status):
    assert rules.sites_pace_status(achieved=achieved, target=2, year=2024, today=today) == status


@pytest.mark.parametrize(
    ("achieved", "planned", "today", "status"),
    [
        (1, 1, date(2024, 11, 25), Status.ON_TRACK),  # the second place is planned
        (1, 1, date(2024, 12, 31), Status.ON_TRACK),  # floor(1.99) = 1: still possible
        (0, 2, date(2024, 11, 25), Status.BEHIND),  # plans do not make up for the pace
        (0, 1, date(2024, 10, 2), Status.BEHIND),
        (1, 0, date(2024, 6, 1), Status.ON_TRACK),
    ],
)
def test_from_october_every_missing_place_needs_a_planned_activity(
    achieved, planned, today, status
):
    assert (
        rules.sites_pace_status(
            achieved=achieved, target=2, year=2024, today=today, planned=planned
        )
        == status
    )


TODAY = date(2025, 6, 1)


def days_ago(*ages: int) -> list[date]:
    return [TODAY - timedelta(days=age) for age in ages]


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (days_ago(1, 2), False),  # 2 signals: not yet
        (days_ago(1, 2, 3), True),  # 3 signals: a flag
        (days_ago(10, 50, 89), True),  # the oldest 89 days ago still counts
        (days_ago(10, 50, 90), True),  # exactly 90 days ago counts
        (days_ago(10, 50, 91), False),  # 91 days ago does not
        (days_ago(91, 120, 200, 300), False),
        ([], False),
    ],
)
def test_flag_rule_at_the_thresholds(received, due):
    assert rules.flag_due(received=received, today=TODAY, threshold=3, window_days=90) is due


def test_one_officer_observation_is_enough():
    assert rules.flag_due(
        received=[], today=TODAY, threshold=3, window_days=90, officer_observation=True
    )


def test_thresholds_are_set_per_area():
    received = days_ago(1, 2)
    assert rules.flag_due(received=received, today=TODAY, threshold=2, window_days=90)
    assert not rules.flag_due(received=days_ago(1, 31), today=TODAY, threshold=2, window_days=30)
