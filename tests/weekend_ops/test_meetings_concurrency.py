"""Seats are never over-allocated, whatever the concurrency: 60 partners register at the same
moment, each in its own thread with its own database connection."""

import os
import threading

import pytest
from django.db import connection, connections

from weekend_ops.models import Meeting, RegistrationStatus
from weekend_ops.services import registration_create

from .meeting_factories import make_meeting, organisation

PARTNERS = 60
SEATS = 10


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@pytest.mark.skipif(
    not on_postgresql() and os.environ.get("CI") != "true",
    reason="needs PostgreSQL (SQLite serialises every writer); CI runs it on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_overbook(reference_data):
    assert on_postgresql(), "CI must run this test against PostgreSQL"
    meeting = make_meeting(seats=SEATS)
    partner = organisation()
    start = threading.Barrier(PARTNERS)
    errors: list[BaseException] = []

    def register(n: int) -> None:
        try:
            start.wait()
            registration_create(
                meeting=meeting,
                name=f"Partner {n}",
                organisation=partner,
                email=f"partner{n}@example.org",
                consent=True,
            )
        except BaseException as error:  # noqa: BLE001 - every failure is a test failure
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PARTNERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    statuses = list(meeting.registrations.values_list("status", flat=True))
    assert len(statuses) == PARTNERS
    assert statuses.count(RegistrationStatus.CONFIRMED) == SEATS
    assert statuses.count(RegistrationStatus.WAITLISTED) == PARTNERS - SEATS
    assert Meeting.objects.get(pk=meeting.pk).seats_taken == SEATS
