"""Demo data for weekend collaboration: hotspots, partner organisations and shifts.

Idempotent: hotspots and organisations are fetched or created by name, and a year's shifts are
only made when that year has none.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from promises.models import District, Organisation, OrganisationKind, PolicingArea

from . import rules
from .models import Hotspot, HotspotDays, Meeting, Shift, ShiftStatus
from .rules import LOCAL_TZ
from .services import registration_create, shift_create

HOTSPOTS = [
    ("farsta", "Farsta centrum", "Torget och tunnelbaneentrén."),
    ("hagsatra", "Hagsätra torg", "Torget och gångvägen mot tunnelbanan."),
    ("ragsved", "Rågsveds centrum", "Centrumgången och busshållplatsen."),
    ("hogdalen", "Högdalens centrum", "Torget och parkeringen bakom centrumhuset."),
]

ORGANISATIONS = [
    ("Trygga Väktare AB", OrganisationKind.SECURITY_COMPANY),
    ("Farsta stadsdelsförvaltning", OrganisationKind.MUNICIPALITY),
    ("Vantörs fältassistenter", OrganisationKind.MUNICIPALITY),
    ("Bostadsbolaget Söderhem", OrganisationKind.HOUSING_COMPANY),
    ("Nattvandrarna Hagsätra", OrganisationKind.ASSOCIATION),
    ("Farsta centrum, centrumledningen", OrganisationKind.BUSINESS),
    ("Tunnelbanans ordningsvakter", OrganisationKind.PUBLIC_TRANSPORT),
]


# Where the demo meetings are held: the room of the open meeting and the addresses the monthly
# ones alternate between. An area not listed meets in its own boroughs and districts.
MEETING_PLACES = {
    "farsta": (
        "Farsta medborgarhus, sal 2",
        ["Farstaplan 10, Farsta", "Hagsätra torg 2, Hagsätra"],
    ),
}


def meeting_places(area: PolicingArea) -> tuple[str, list[str]]:
    """The demo meetings' room and addresses in ``area``: never another area's places."""
    if area.slug in MEETING_PLACES:
        return MEETING_PLACES[area.slug]
    borough = area.boroughs.order_by("slug").first()
    districts = list(District.objects.of_area(area).order_by("slug")[:2])
    room = f"Medborgarhuset i {borough.name if borough else area.name}, sal 2"
    return room, [f"{d.name} centrum, {d.name}" for d in districts] or [room]


def as_area(area: PolicingArea | str) -> PolicingArea:
    """Seeders take an area or its slug."""
    return area if isinstance(area, PolicingArea) else PolicingArea.objects.get(slug=area)


def _places_of(area: PolicingArea) -> list[tuple[str, str, str]]:
    """The demo hotspots of ``area``: the listed ones where its districts have them, else one
    at the centre of each of its first four districts (another area's demo)."""
    slugs = set(District.objects.of_area(area).values_list("slug", flat=True))
    listed = [row for row in HOTSPOTS if row[0] in slugs]
    if listed:
        return listed
    return [
        (d.slug, f"{d.name} centrum", "Torget och tunnelbaneentrén.")
        for d in District.objects.of_area(area).order_by("slug")[:4]
    ]


def ensure_hotspots(area: PolicingArea) -> list[Hotspot]:
    hotspots = []
    for district_slug, name, description in _places_of(area):
        district = District.objects.of_area(area).get(slug=district_slug)
        hotspot, _ = Hotspot.objects.get_or_create(
            district=district,
            name=name,
            defaults={
                "description": description,
                "days": HotspotDays.BOTH,
                "window_start": time(20, 0),
                "window_end": time(2, 0),
                "picture_date": date(2024, 1, 15),
            },
        )
        hotspots.append(hotspot)
    return hotspots


def ensure_organisations() -> list[Organisation]:
    organisations = []
    for name, kind in ORGANISATIONS:
        organisation = Organisation.objects.filter(name__iexact=name).first()
        if organisation is None:
            organisation = Organisation.objects.create(name=name, kind=kind)
        organisations.append(organisation)
    return organisations


def _shift(*, area, day: date, start: time, status, officers, hotspots, organisations, rng):
    start_at, end_at = rules.compose_shift_times(day=day, start=start, end=time(2, 0), tz=LOCAL_TZ)
    if not rules.exists_locally(end_at, LOCAL_TZ):  # the night the clocks skip 02:00
        start_at, end_at = rules.compose_shift_times(
            day=day, start=start, end=time(3, 0), tz=LOCAL_TZ
        )
    visited = rng.sample(hotspots, rng.randint(1, 2))
    met = rng.sample(organisations, rng.randint(0, 2))
    shift_create(
        policing_area=area,
        start=start_at,
        end=end_at,
        status=status,
        officers=rng.sample(officers, rng.randint(1, len(officers))),
        districts={h.district for h in visited},
        hotspots=visited,
        organisations=met,
        activities=["presence", "visibility"] + (["partner_dialogue"] if met else []),
    )


def seed_meetings(*, area: PolicingArea, organisations: list[Organisation], today: date) -> None:
    """Monthly meetings in alternating boroughs: held ones with attendance, one upcoming and
    full with a waitlist, and one upcoming with plenty of seats left. Made once."""
    if Meeting.objects.of_area(area).exists():
        return
    boroughs = list(area.boroughs.order_by("slug"))
    names = [
        "Anna Berg",
        "Omar Hassan",
        "Lena Ek",
        "Jonas Lind",
        "Sara Nilsson",
        "Ali Yilmaz",
        "Eva Holm",
    ]
    room, addresses = meeting_places(area)
    month = date(today.year - 1, 1, 1)
    rng = random.Random(7)
    while month < today + timedelta(days=60):
        first_friday = month + timedelta(days=(rules.FRIDAY - month.weekday()) % 7)
        start = datetime.combine(first_friday, time(17, 0), tzinfo=LOCAL_TZ)
        meeting = Meeting.objects.create(
            borough=boroughs[month.month % len(boroughs)],
            title=f"Samverkansmöte {boroughs[month.month % len(boroughs)].name}",
            start=start,
            end=start + timedelta(hours=1, minutes=30),
            venue="Medborgarhuset",
            address=addresses[(month.month + 1) % len(addresses)],
            directions="Ingång från torget, andra våningen.",
            seats=6,
            registration_deadline=start - timedelta(days=1),
            weekend=first_friday,
            created_at=start - timedelta(days=30),
        )
        held = start < timezone.now()
        for i, name in enumerate(rng.sample(names, rng.randint(3, 7))):
            organisation = organisations[(i + month.month) % len(organisations)]
            registration, _ = registration_create(
                meeting=meeting,
                name=name,
                organisation=organisation,
                role="Kontaktperson",
                email=f"{name.split()[0].lower()}@example.org",
                consent=True,
                now=start - timedelta(days=10),
                notify=False,
            )
            if held:
                registration.attended = registration.status == "confirmed" and rng.random() < 0.85
                registration.save(update_fields=["attended"])
        if held:
            Meeting.objects.filter(pk=meeting.pk).update(status="held")
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    # Always one upcoming meeting with free seats, so a new partner can register for real.
    friday = today + timedelta(days=14 + (rules.FRIDAY - today.weekday()) % 7)
    start = datetime.combine(friday, time(17, 0), tzinfo=LOCAL_TZ)
    open_meeting = Meeting.objects.create(
        borough=boroughs[0],
        title=f"Samverkansmöte {boroughs[0].name}: trygghet i centrum",
        description="Vi går igenom lägesbilden inför helgen och planerar gemensamma insatser.",
        start=start,
        end=start + timedelta(hours=1, minutes=30),
        venue=room,
        address=addresses[0],
        directions="Ingång från torget, hiss till andra våningen.",
        seats=20,
        registration_deadline=start - timedelta(days=1),
        weekend=friday,
    )
    for i, name in enumerate(names[:2]):
        registration_create(
            meeting=open_meeting,
            name=name,
            organisation=organisations[i],
            role="Kontaktperson",
            email=f"{name.split()[0].lower()}.open@example.org",
            consent=True,
            notify=False,
        )


@transaction.atomic
def seed(*, area: PolicingArea | str, users: dict, today: date) -> None:
    policing_area = as_area(area)
    hotspots = ensure_hotspots(policing_area)
    organisations = ensure_organisations()
    seed_meetings(area=policing_area, organisations=organisations, today=today)
    officers = [u for name, u in users.items() if name.startswith("kommunpolis")]
    for year in range(2024, today.year + 1):
        if Shift.objects.of_area(policing_area).in_year(year).exists():
            continue
        rng = random.Random(year)  # the same demo every time
        for friday in rules.fridays_in_year(year):
            saturday = friday + timedelta(days=1)
            common = {
                "area": policing_area,
                "officers": officers,
                "hotspots": hotspots,
                "organisations": organisations,
                "rng": rng,
            }
            if saturday < today:
                draw = rng.random()
                evenings = [friday, saturday] if draw < 0.8 else [friday] if draw < 0.9 else []
                for day in evenings:
                    _shift(day=day, start=time(18, 0), status=ShiftStatus.COMPLETED, **common)
            elif friday > today and friday - today <= timedelta(days=14):
                for day in (friday, saturday):
                    _shift(day=day, start=time(18, 0), status=ShiftStatus.PLANNED, **common)
