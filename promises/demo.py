"""Demo data for a local run: ``manage.py seed_demo``.

``promises`` knows no other app, so apps that have demo data register a seeder here in
``AppConfig.ready()``; each seeder must be idempotent (running it twice gives the same rows).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from promises.models import AnnualReport, BoroughArea, District, PolicingArea, Promise
from promises.permissions import APPROVER, OFFICER, READER
from promises.services import annual_report_approve, promises_renew_through


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str


# Demo passwords are for a local run only; seed_demo refuses to run without DEBUG.
DEMO_LOGINS = [
    DemoLogin("kommunpolis", "demo-kommunpolis", OFFICER),
    DemoLogin("kommunpolis2", "demo-kommunpolis", OFFICER),
    DemoLogin("lasare", "demo-lasare-stad", READER),
    DemoLogin("chef", "demo-chef-farsta", APPROVER),
    DemoLogin("admin", "demo-admin-farsta", "admin"),
]

# A second demo area beside the reference one, so that a fresh run shows several areas: its
# own staff; "kommunpolis" works in both (the header's area switcher).
SECOND_AREA = {
    "slug": "skarholmen",
    "name": "Skärholmen",
    "contact_email": "tillganglighet.skarholmen@example.org",
}
SECOND_AREA_BOROUGHS = {
    ("skarholmen", "Skärholmen"): [
        ("bredang", "Bredäng"),
        ("satra", "Sätra"),
        ("skarholmen", "Skärholmen"),
        ("varberg", "Vårberg"),
    ],
}
SECOND_AREA_PROMISES = [
    {
        "kind": "weekend_collaboration",
        "title": "Samverkanshelger",
        "title_en": "Collaboration weekends",
        "summary": (
            "Polisen och våra samverkansparter finns på plats fredags- och lördagskvällar under "
            "minst 30 av årets helger där lägesbilden visar att det behövs."
        ),
        "summary_en": (
            "The police and our partners are out on Friday and Saturday evenings on at least 30 "
            "weekends a year where the picture of the situation shows it is needed."
        ),
        "target": 30,
    },
    {
        "kind": "safety_inventory",
        "title": "Trygga platser",
        "title_en": "Safe places",
        "summary": (
            "Tillsammans med boende och samverkansparter går vi igenom minst fyra platser om "
            "året som upplevs otrygga, och följer upp åtgärderna."
        ),
        "summary_en": (
            "Together with residents and partners we go through at least four places a year "
            "that feel unsafe, and follow up the measures."
        ),
        "target": 4,
    },
]
SECOND_AREA_LOGINS = [
    DemoLogin("kommunpolis-skh", "demo-kommunpolis-skh", OFFICER),
    DemoLogin("chef-skh", "demo-chef-skarholmen", APPROVER),
]

_seeders: list[Callable[..., None]] = []


def register(seeder: Callable[..., None]) -> None:
    if seeder not in _seeders:
        _seeders.append(seeder)


def ensure_user(login: DemoLogin):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=login.username,
        defaults={"first_name": login.username.capitalize(), "is_active": True},
    )
    if created:
        user.set_password(login.password)
        if login.role == "admin":
            user.is_staff = user.is_superuser = True
        user.save()
        if login.role != "admin":
            user.groups.add(Group.objects.get(name=login.role))
    return user


def ensure_second_area(*, first_year: int) -> PolicingArea:
    """The second demo area with its boroughs, districts and promises from ``first_year``:
    what an administrator adds in the admin. Fetched or created, never duplicated."""
    area, _ = PolicingArea.objects.get_or_create(
        slug=SECOND_AREA["slug"],
        defaults={k: v for k, v in SECOND_AREA.items() if k != "slug"},
    )
    for (borough_slug, borough_name), districts in SECOND_AREA_BOROUGHS.items():
        borough, _ = BoroughArea.objects.get_or_create(
            policing_area=area, slug=borough_slug, defaults={"name": borough_name}
        )
        for slug, name in districts:
            District.objects.get_or_create(borough=borough, slug=slug, defaults={"name": name})
    for fields in SECOND_AREA_PROMISES:
        Promise.objects.get_or_create(
            policing_area=area,
            year=first_year,
            kind=fields["kind"],
            defaults={k: v for k, v in fields.items() if k != "kind"},
        )
    return area


def seed_area(*, area: PolicingArea, logins: list[DemoLogin], approver: str, today, also=()):
    """Renew ``area``'s promises up to this year, give it its demo staff (and ``also``), then
    run every app's seeder for it."""
    base = Promise.objects.of_area(area).in_year(Promise.objects.of_area(area).years()[0])
    promises_renew_through(promises=base, last_year=today.year)
    users = {login.username: ensure_user(login) for login in logins}
    area.staff.add(*[user for user in [*users.values(), *also] if not user.is_superuser])
    for seeder in _seeders:
        seeder(area=area, users=users, today=today)
    approve_first_year(area=area, approver=users[approver], today=today)
    return users


@transaction.atomic
def seed(*, area: str = "farsta", today=None) -> None:
    """The reference area and a second one (each: promises renewed up to this year, demo
    logins, every app's demo data)."""
    today = today or timezone.localdate()
    first = PolicingArea.objects.get(slug=area)
    users = seed_area(area=first, logins=DEMO_LOGINS, approver="chef", today=today)
    second = ensure_second_area(first_year=min(2024, today.year))
    seed_area(
        area=second,
        logins=SECOND_AREA_LOGINS,
        approver="chef-skh",
        today=today,
        also=[users["kommunpolis"]],
    )


def approve_first_year(*, area: PolicingArea, approver, today) -> None:
    """The first year's follow-up, approved, so the public year archive has a report; later
    years are left for the demo approver to sign off."""
    first = Promise.objects.of_area(area).years()[0]
    if first < today.year and not AnnualReport.objects.of_area(area).filter(year=first).exists():
        annual_report_approve(
            area=area,
            year=first,
            user=approver,
            no_comment=[p.kind for p in Promise.objects.of_area(area).in_year(first)],
            today=today,
        )
