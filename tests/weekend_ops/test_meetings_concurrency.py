"""Seats are never over-allocated and the seat counter always equals the confirmed
registrations, whatever the concurrency: partners register and cancel and officers edit the same
meeting at the same moment, each in its own thread with its own database connection."""

import os
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from weekend_ops.models import Meeting, Registration, RegistrationStatus
from weekend_ops.services import registration_cancel, registration_create

from .meeting_factories import make_meeting, organisation

PARTNERS = 60
SEATS = 10


def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@pytest.mark.concurrency
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


ROUNDS = 4
PER_ROUND = 24


def officer_edit(meeting_pk: int, n: int) -> None:
    """What the officers' edit form does: read the meeting, change title and seats, save."""
    from django.utils import timezone

    from promises.models import PolicingArea
    from weekend_ops.meeting_forms import MeetingForm
    from weekend_ops.services import meeting_save

    stale = Meeting.objects.get(pk=meeting_pk)
    local = timezone.localtime
    data = {
        "borough": stale.borough_id,
        "title": f"Samverkansmöte, ändring {n}",
        "description": "",
        "start": local(stale.start).strftime("%Y-%m-%dT%H:%M"),
        "end": local(stale.end).strftime("%Y-%m-%dT%H:%M"),
        "venue": stale.venue,
        "address": stale.address,
        "directions": "",
        # Some officers raise the seats, some try to lower them below the confirmed count.
        "seats": str(stale.seats + (2 if n % 2 else -3)),
        "registration_deadline": local(stale.registration_deadline).strftime("%Y-%m-%dT%H:%M"),
        "weekend": "",
        "is_public": "on",
    }
    form = MeetingForm(data, instance=stale, policing_area=PolicingArea.objects.get(slug="farsta"))
    if form.is_valid():
        try:
            meeting_save(meeting=form.save(commit=False), fields=form.changed_data)
        except ValidationError as error:
            assert "seats" in error.message_dict  # lowering below the confirmed is refused


@pytest.mark.concurrency
@pytest.mark.skipif(
    not on_postgresql() and os.environ.get("CI") != "true",
    reason="needs PostgreSQL (SQLite serialises every writer); CI runs it on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_registrations_cancellations_and_officer_edits_at_once_keep_the_count(reference_data):
    """Each round: partners register, others cancel and officers edit the same meeting at the
    same moment, each in its own thread and connection. After every round the confirmed
    registrations fit the seats and equal the counter."""
    assert on_postgresql(), "CI must run this test against PostgreSQL"
    meeting = make_meeting(seats=SEATS)
    partner = organisation()
    errors: list[BaseException] = []
    registered = 0

    def run(action, *args) -> None:
        try:
            start.wait()
            action(*args)
        except BaseException as error:  # noqa: BLE001 - every failure is a test failure
            errors.append(error)
        finally:
            connections.close_all()

    def register(n: int) -> None:
        registration_create(
            meeting=meeting,
            name=f"Partner {n}",
            organisation=partner,
            email=f"partner{n}@example.org",
            consent=True,
        )

    def cancel(pk: int) -> None:
        registration_cancel(registration=Registration.objects.get(pk=pk))

    for round_ in range(ROUNDS):
        to_cancel = list(
            Registration.objects.filter(meeting=meeting)
            .active()
            .order_by("?")
            .values_list("pk", flat=True)[:6]
        )
        jobs = [(register, registered + n) for n in range(PER_ROUND)]
        registered += PER_ROUND
        jobs += [(cancel, pk) for pk in to_cancel]
        jobs += [(officer_edit, meeting.pk, round_ * 10 + n) for n in range(3)]
        start = threading.Barrier(len(jobs))
        threads = [threading.Thread(target=run, args=job) for job in jobs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        assert errors == []
        current = Meeting.objects.get(pk=meeting.pk)
        confirmed = current.registrations.confirmed().count()
        assert confirmed <= current.seats, f"round {round_}: {confirmed} for {current.seats}"
        assert current.seats_taken == confirmed, f"round {round_}"
        # Nobody waits while a seat is free.
        if current.registrations.waitlisted().exists():
            assert confirmed == current.seats, f"round {round_}"
