"""Realistic data for several years, made through the services, for tests that compare one
year of data with ten (query counts) and for figure agreement."""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from promises.models import Organisation, Promise
from promises.services import promises_renew_through
from safety_inventory.demo import ensure_sites
from safety_inventory.models import ActivityStatus, Finding, Measure
from safety_inventory.services import activity_create, signal_receive
from tests.promises.factories import UserFactory
from weekend_ops.demo import ensure_hotspots
from weekend_ops.models import Meeting, ShiftStatus
from weekend_ops.rules import LOCAL_TZ, compose_shift_times, fridays_in_year
from weekend_ops.services import attendance_mark, registration_create, shift_create

PERSONAL = {
    "officer_name": "Kim Hemligsson",
    "partner_name": "Partner Hemligsson",
    "partner_email": "partner.hemlig@example.org",
    "partner_phone": "070-555 12 34",
    "citizen_email": "medborgare.hemlig@example.org",
    "secret_note": "Hemlig anteckning om insatsen",
}


def seed_years(first: int, last: int, *, today: date | None = None) -> None:
    """Shifts on about half the weekends, a monthly meeting with attendance, signals and two
    conducted inventories with findings and measures, for each year from ``first`` to ``last``."""
    today = today or timezone.localdate()
    promises_renew_through(promises=Promise.objects.in_year(2024), last_year=last)
    area = Promise.objects.first().policing_area
    officer = UserFactory(username="kim", first_name="Kim", last_name="Hemligsson", role="officer")
    hotspots = ensure_hotspots(area)
    sites = ensure_sites(area)
    organisation = Organisation.objects.get_or_create(name="Trygga Väktare AB")[0]
    borough = area.boroughs.first()
    rng = random.Random(first * 100 + last)
    for year in range(first, last + 1):
        for friday in fridays_in_year(year)[::2]:
            for day in (friday, friday + timedelta(days=1)):
                if day + timedelta(days=1) >= today:
                    continue
                # ends before 02:00, a time the spring DST night does not have
                start, end = compose_shift_times(day=day, start=time(18), end=time(1), tz=LOCAL_TZ)
                visited = rng.choice(hotspots)
                shift_create(
                    policing_area=area,
                    start=start,
                    end=end,
                    status=ShiftStatus.COMPLETED,
                    officers=[officer],
                    districts=[visited.district],
                    hotspots=[visited],
                    notes=PERSONAL["secret_note"],
                )
        for month in range(1, 13):
            start = datetime(year, month, 3, 17, tzinfo=LOCAL_TZ)
            if start.date() >= today:
                continue
            meeting = Meeting.objects.create(
                borough=borough,
                title=f"Möte {year}-{month}",
                start=start,
                end=start + timedelta(hours=1),
                venue="Medborgarhuset",
                seats=5,
                registration_deadline=start,
            )
            registration, _ = registration_create(
                meeting=meeting,
                name=PERSONAL["partner_name"],
                organisation=organisation,
                email=PERSONAL["partner_email"],
                phone=PERSONAL["partner_phone"],
                consent=True,
                now=start - timedelta(days=1),
                notify=False,
            )
            attendance_mark(meeting=meeting, attended=[registration.pk])
        for index, site in enumerate(sites[:2]):
            day = date(year, 3 + index * 4, 10)
            if day >= today:
                continue
            activity = activity_create(site=site, status=ActivityStatus.CONDUCTED, date=day)
            Finding.objects.create(activity=activity, category="lighting", description="Mörkt")
            Measure.objects.create(activity=activity, what="Ny belysning", status="done")
            signal_receive(
                district=site.district,
                site=site,
                category="lighting",
                description="Mörkt vid entrén",
                email=PERSONAL["citizen_email"],
                consent=True,
                now=datetime(year, 2 + index * 4, 1, 12, tzinfo=LOCAL_TZ),
            )
    # A planned shift next weekend: never to be shown publicly.
    friday = today + timedelta(days=(4 - today.weekday()) % 7 + 7)
    start, end = compose_shift_times(day=friday, start=time(19), end=time(1), tz=LOCAL_TZ)
    if officer.shifts.filter(start=start).exists():  # seeded before: one officer, one shift
        return
    shift_create(
        policing_area=area,
        start=start,
        end=end,
        status=ShiftStatus.PLANNED,
        officers=[officer],
        hotspots=[hotspots[0]],
    )
