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

from .models import AnnualReport, PolicingArea, Promise
from .permissions import APPROVER, OFFICER, READER
from .services import annual_report_approve, promises_renew_through


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


@transaction.atomic
def seed(*, area: str = "farsta", today=None) -> None:
    """Renew the promises up to this year, create the demo logins, then run every app's seeder."""
    today = today or timezone.localdate()
    base = Promise.objects.of_area(area).in_year(Promise.objects.of_area(area).years()[0])
    promises_renew_through(promises=base, last_year=today.year)
    users = {login.username: ensure_user(login) for login in DEMO_LOGINS}
    PolicingArea.objects.get(slug=area).staff.add(
        *[user for user in users.values() if not user.is_superuser]
    )
    for seeder in _seeders:
        seeder(area=area, users=users, today=today)
    approve_first_year(area=area, approver=users["chef"], today=today)


def approve_first_year(*, area: str, approver, today) -> None:
    """The first year's follow-up, approved, so the public year archive has a report; later
    years are left for the demo approver to sign off."""
    first = Promise.objects.of_area(area).years()[0]
    if (
        first < today.year
        and not AnnualReport.objects.filter(policing_area__slug=area, year=first).exists()
    ):
        annual_report_approve(area=area, year=first, user=approver, today=today)
