"""Demo data for a local run: ``manage.py seed_demo``.

``promises`` names no area and no feature: the project says which areas and logins the demo
has (``settings.PORTAL_DEMO``, ``config/demo.py``), and each feature adds its demo data to each
area (``Feature.demo``, idempotent: running it twice gives the same rows).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from promises import features
from promises.models import AnnualReport, BoroughArea, District, PolicingArea, Promise
from promises.services import annual_report_approve, promises_renew_through


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str


@dataclass(frozen=True)
class DemoArea:
    """A demo area and its staff. The reference area (``slug`` in the database already, from
    the reference data) needs only its logins; another one is added as an administrator would:
    with its ``name``, boroughs (``{(slug, name): [(district slug, name), ...]}``) and promises
    (dicts of ``Promise`` fields with its ``kind``) from the area's first year."""

    slug: str
    logins: tuple[DemoLogin, ...]
    approver: str  # the username of the login who signs off the first year
    name: str = ""
    contact_email: str = ""
    boroughs: Mapping[tuple[str, str], tuple[tuple[str, str], ...]] = field(default_factory=dict)
    promises: tuple[Mapping[str, Any], ...] = ()
    also: tuple[str, ...] = ()  # usernames of an earlier area's logins who also work here


def configured():
    """The project's demo (``settings.PORTAL_DEMO``, a module with ``AREAS``): the core names
    no area."""
    return import_module(settings.PORTAL_DEMO)


def logins() -> list[DemoLogin]:
    return [login for area in configured().AREAS for login in area.logins]


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


def ensure_area(spec: DemoArea, *, first_year: int) -> PolicingArea:
    """The area of ``spec`` with its boroughs, districts and promises from ``first_year``:
    what an administrator adds in the admin. Fetched or created, never duplicated."""
    area, _ = PolicingArea.objects.get_or_create(
        slug=spec.slug,
        defaults={
            "name": spec.name,
            "contact_email": spec.contact_email,
            "first_year": first_year,
        },
    )
    for (borough_slug, borough_name), districts in spec.boroughs.items():
        borough, _ = BoroughArea.objects.get_or_create(
            policing_area=area, slug=borough_slug, defaults={"name": borough_name}
        )
        for slug, name in districts:
            District.objects.get_or_create(borough=borough, slug=slug, defaults={"name": name})
    for fields in spec.promises:
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
    for seeder in features.demo_seeders():
        seeder(area=area, users=users, today=today)
    approve_first_year(area=area, approver=users[approver], today=today)
    return users


@transaction.atomic
def seed(*, today=None) -> None:
    """Every demo area of the project (``configured().AREAS``), each with its promises renewed
    up to this year, its demo logins and every feature's demo data; the first is the reference
    area, the others are added as an administrator would."""
    today = today or timezone.localdate()
    users: dict = {}
    for spec in configured().AREAS:
        area = (
            PolicingArea.objects.get(slug=spec.slug)
            if not spec.promises
            else ensure_area(spec, first_year=min(settings.PORTAL_FIRST_YEAR, today.year))
        )
        users |= seed_area(
            area=area,
            logins=list(spec.logins),
            approver=spec.approver,
            today=today,
            also=[users[name] for name in spec.also],
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
