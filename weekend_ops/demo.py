"""Demo data for weekend collaboration: hotspots, partner organisations and shifts.

Idempotent: hotspots and organisations are fetched or created by name, and a year's shifts are
only made when that year has none.
"""

import random
from datetime import date, time, timedelta

from django.db import transaction

from promises.models import District, Organisation, OrganisationKind, PolicingArea

from . import rules
from .models import Hotspot, HotspotDays, Shift, ShiftStatus
from .rules import LOCAL_TZ
from .services import shift_create

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


def ensure_hotspots(area: PolicingArea) -> list[Hotspot]:
    hotspots = []
    for district_slug, name, description in HOTSPOTS:
        district = District.objects.get(borough__policing_area=area, slug=district_slug)
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


@transaction.atomic
def seed(*, area: str, users: dict, today: date) -> None:
    policing_area = PolicingArea.objects.get(slug=area)
    hotspots = ensure_hotspots(policing_area)
    organisations = ensure_organisations()
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
