"""Ten years of realistic data for the benchmark, made through the services as in real use.

All 14 districts of Farsta and a second area, Skärholmen, made here as an administrator
would (its boroughs, districts and promises); in each, a shift on most Friday and Saturday evenings; a meeting a month with
registrations and attendance; citizen signals across the districts; four inventories a year
with findings and measures. Run by bench/run.py against its own database; also makes a reader's
session for the dashboard and prints its key.
"""

import os
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group, User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402

from promises.models import (  # noqa: E402
    District,
    Organisation,
    OrganisationKind,
    PolicingArea,
    Promise,
)
from promises.services import promises_renew_through  # noqa: E402
from safety_inventory.models import ActivityStatus, Finding, Measure, Site  # noqa: E402
from safety_inventory.services import activity_create, signal_receive  # noqa: E402
from weekend_ops.models import Hotspot, Meeting, ShiftStatus  # noqa: E402
from weekend_ops.rules import (  # noqa: E402
    LOCAL_TZ,
    compose_shift_times,
    exists_locally,
    fridays_in_year,
)  # noqa: E402
from weekend_ops.services import attendance_mark, registration_create, shift_create  # noqa: E402

YEARS = int(os.environ.get("BENCH_YEARS", "10"))
SECOND_AREA = "skarholmen"
SECOND_AREA_DISTRICTS = {
    "Skärholmen": ["Skärholmen centrum", "Bredäng", "Sätra", "Vårberg"],
    "Hägersten-Älvsjö": ["Fruängen", "Västertorp"],
}
CATEGORIES = ["lighting", "vegetation", "vandalism", "litter", "drug_dealing", "groups_gathering"]


def officers(area: PolicingArea, n: int) -> list[User]:
    group = Group.objects.get(name="officer")
    users = []
    for i in range(n):
        user, _ = User.objects.get_or_create(
            username=f"polis-{area.slug}-{i}", defaults={"first_name": f"Polis {i}"}
        )
        user.groups.add(group)
        area.staff.add(user)
        users.append(user)
    return users


def second_area(first: int, last: int) -> PolicingArea:
    """Skärholmen, as an administrator would add it: its boroughs and districts, and each
    year a 30-weekend promise and a places promise."""
    area, _ = PolicingArea.objects.get_or_create(
        slug=SECOND_AREA, defaults={"name": "Skärholmen", "first_year": first}
    )
    for borough_name, district_names in SECOND_AREA_DISTRICTS.items():
        borough, _ = area.boroughs.get_or_create(
            slug=slugify(borough_name), defaults={"name": borough_name}
        )
        for name in district_names:
            borough.districts.get_or_create(slug=slugify(name), defaults={"name": name})
    for year in range(first, last + 1):
        for kind, title, target in (
            ("weekend_collaboration", "Samverkanshelger i Skärholmen", 30),
            ("safety_inventory", "Trygga platser i Skärholmen", 2),
        ):
            Promise.objects.get_or_create(
                policing_area=area,
                year=year,
                kind=kind,
                defaults={"title": title, "summary": title + ".", "target": target},
            )
    return area


@transaction.atomic
def generate(today: date) -> None:
    rng = random.Random(2024)
    area = PolicingArea.objects.get(slug="farsta")
    first = today.year - YEARS + 1
    # Kept since ``first``: that is the area's first year (docs/rules.md#years), so its pages,
    # API and forms take those years.
    PolicingArea.objects.filter(pk=area.pk).update(first_year=min(first, area.first_year))
    area.refresh_from_db()
    Promise.objects.filter(year__lt=2024).delete()
    base = Promise.objects.in_year(2024)
    for promise in base:  # the promises of the earlier years, as if kept since then
        for year in range(first, 2024):
            Promise.objects.get_or_create(
                policing_area=area,
                year=year,
                kind=promise.kind,
                defaults={
                    "title": promise.title,
                    "summary": promise.summary,
                    "target": promise.target,
                },
            )
    promises_renew_through(promises=base, last_year=today.year)
    organisations = [
        Organisation.objects.get_or_create(name=f"Aktör {i}", defaults={"kind": kind})[0]
        for i, kind in enumerate(OrganisationKind.values * 3)
    ]
    populate(area, first=first, today=today, rng=rng, organisations=organisations)
    dialogue_rounds(area, today=today, rng=rng)
    populate(
        second_area(first, today.year),
        first=first,
        today=today,
        rng=rng,
        organisations=organisations,
    )


def populate(area: PolicingArea, *, first: int, today: date, rng, organisations) -> None:
    """Ten years of an area's work: shifts, meetings, signals and inventories."""
    districts = list(District.objects.of_area(area))
    team = officers(area, 6)
    hotspots = [
        Hotspot.objects.get_or_create(
            district=d,
            name=f"{d.name} centrum",
            defaults={
                "window_start": time(20),
                "window_end": time(2),
                "picture_date": date(first, 1, 15),
            },
        )[0]
        for d in districts
    ]
    sites = [Site.objects.get_or_create(district=d, name=f"{d.name} torg")[0] for d in districts]
    boroughs = list(area.boroughs.all())
    now = timezone.now()
    for year in range(first, today.year + 1):
        for friday in fridays_in_year(year):
            for day in (friday, friday + timedelta(days=1)):
                if day + timedelta(days=1) >= today or rng.random() > 0.85:
                    continue
                start, end = compose_shift_times(day=day, start=time(18), end=time(2), tz=LOCAL_TZ)
                if not exists_locally(end, LOCAL_TZ):  # 02:00 the night summer time begins
                    start, end = compose_shift_times(
                        day=day, start=time(18), end=time(1), tz=LOCAL_TZ
                    )
                visited = rng.sample(hotspots, 2)
                shift_create(
                    policing_area=area,
                    start=start,
                    end=end,
                    status=ShiftStatus.COMPLETED,
                    officers=rng.sample(team, 2),
                    districts=[h.district for h in visited],
                    hotspots=visited,
                    organisations=rng.sample(organisations, 2),
                    activities=["presence", "visibility"],
                )
        for month in range(1, 13):
            start = datetime(year, month, 5, 17, tzinfo=LOCAL_TZ)
            if start.date() > today + timedelta(days=60):
                continue
            meeting = Meeting.objects.create(
                borough=boroughs[month % 2],
                title=f"Samverkansmöte {year}-{month:02}",
                start=start,
                end=start + timedelta(hours=2),
                venue="Medborgarhuset",
                seats=12,
                registration_deadline=start - timedelta(hours=2),
            )
            registered = []
            for person in rng.sample(range(40), 14):
                registration, _ = registration_create(
                    meeting=meeting,
                    name=f"Person {person}",
                    organisation=organisations[person % len(organisations)],
                    email=f"person{person}@example.org",
                    consent=True,
                    now=min(now, start - timedelta(days=3)),
                    notify=False,
                )
                registered.append(registration)
            if start < now:
                attendance_mark(
                    meeting=meeting,
                    attended=[
                        r.pk for r in registered if r.status == "confirmed" and rng.random() < 0.8
                    ],
                )
        for _signal in range(60):
            received = datetime(year, 1, 1, 12, tzinfo=LOCAL_TZ) + timedelta(
                days=rng.randrange(365)
            )
            if received >= now:
                continue
            site = rng.choice(sites)
            placed = rng.random() < 0.7  # the rest name the place in their own words
            signal_receive(
                district=site.district,
                site=site if placed else None,
                place_text="" if placed else "Vid busshållplatsen",
                category=rng.choice(CATEGORIES),
                description="Otryggt på kvällarna.",
                now=received,
            )
        for quarter in range(4):
            day = date(year, quarter * 3 + 2, 15)
            if day >= today:
                continue
            activity = activity_create(
                site=rng.choice(sites),
                status=ActivityStatus.CONDUCTED,
                date=day,
                kind=rng.choice(["inventory", "place_collaboration"]),
                organisations=rng.sample(organisations, 3),
            )
            for category in rng.sample(CATEGORIES, 3):
                Finding.objects.create(
                    activity=activity, category=category, description="Iakttagelse"
                )
            Measure.objects.create(
                activity=activity,
                what="Åtgärd",
                status=rng.choice(["open", "done"]),
                due_date=day + timedelta(days=60),
            )


DIALOGUE_ANSWERS = int(os.environ.get("BENCH_DIALOGUE_ANSWERS", "50000"))


def dialogue_rounds(area: PolicingArea, *, today: date, rng) -> None:
    """Last year's trygghetsdialog with many answers (bulk: what a busy round collects), and
    this year's open round that the answer burst of bench/run.py answers."""
    from dialogue.models import Answer, Concern, Safety
    from dialogue.services import hour_of, round_save

    districts = list(District.objects.of_area(area).order_by("name"))
    closed = round_save(
        policing_area=area,
        year=today.year - 1,
        title="Trygghetsdialog",
        opens_on=date(today.year - 1, 3, 1),
        closes_on=date(today.year - 1, 4, 30),
        districts=districts,
    )
    round_save(
        policing_area=area,
        year=today.year,
        title="Trygghetsdialog",
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=30),
        districts=districts,
    )
    start = timezone.make_aware(datetime.combine(closed.opens_on, time(8)))
    steps = Safety.values
    batch = []
    for i in range(DIALOGUE_ANSWERS):
        district = districts[min(int(rng.expovariate(0.25)), len(districts) - 1)]
        place = rng.random() < 0.25
        answer = Answer(
            round=closed,
            group=rng.choices(["public", "staff", "partner"], weights=[80, 12, 8])[0],
            lives=rng.random() < 0.7,
            works=rng.random() < 0.3,
            visits=True,
            district=district,
            safety_day=rng.choices(steps, weights=[30, 40, 14, 9, 3, 4])[0],
            safety_evening=rng.choices(steps, weights=[10, 26, 20, 24, 13, 7])[0],
            place_district=district if place else None,
            place_text="Gångtunneln" if place else "",
            place_time=rng.choice(["day", "evening", "night"]) if place else "",
            received_hour=hour_of(start + timedelta(minutes=i % (60 * 24 * 50))),
        )
        for concern in Concern.values:
            setattr(answer, f"concern_{concern}", rng.random() < 0.3)
        batch.append(answer)
        if len(batch) == 2000:
            Answer.objects.bulk_create(batch)
            batch = []
    Answer.objects.bulk_create(batch)


def reader_session() -> str:
    user, _ = User.objects.get_or_create(username="bench-lasare")
    user.groups.add(Group.objects.get(name="reader"))
    PolicingArea.objects.get(slug="farsta").staff.add(user)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "allauth.account.auth_backends.AuthenticationBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.set_expiry(60 * 60)
    session.create()
    return session.session_key


def registration_meeting(seats: int) -> str:
    """A coming meeting for ``make bench``'s concurrent registrations: its invitation token."""
    start = timezone.now() + timedelta(days=30)
    meeting = Meeting.objects.create(
        borough=PolicingArea.objects.get(slug="farsta").boroughs.first(),
        title="Samverkansmöte för mätningen",
        start=start,
        end=start + timedelta(hours=2),
        venue="Medborgarhuset",
        address="Farstaplan 10, Farsta",
        seats=seats,
        registration_deadline=start - timedelta(days=1),
    )
    return meeting.invitation_token


if __name__ == "__main__":
    generate(timezone.localdate())
    seats = int(os.environ.get("BENCH_REGISTRATION_SEATS", "150"))
    print("registration-meeting", registration_meeting(seats))
    print(reader_session())
