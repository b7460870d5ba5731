"""The staff dashboard's figures come from the versioned cache of the public page: per area,
year, role and language, refreshed by any change, with the live parts asked on every request."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safety_inventory.services import signal_receive
from tests.promises.factories import (
    BoroughAreaFactory,
    DistrictFactory,
    PolicingAreaFactory,
    PromiseFactory,
    UserFactory,
)
from tests.weekend_ops.factories import make_shift
from tests.weekend_ops.meeting_factories import make_meeting
from weekend_ops.models import ShiftStatus
from weekend_ops.rules import LOCAL_TZ, compose_shift_times, fridays_in_year
from weekend_ops.services import shift_create

from .years_of_data import seed_years

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
DASHBOARD = reverse("promises:dashboard")
# A request served from the cache: session, user, roles, area, the live part (shifts to
# confirm, coming meetings), failed e-mail and mail stuck in the queue; the session is not
# written again within a minute.
CACHED_QUERIES = 8


def queries(client, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(DASHBOARD, params).status_code == 200
    return len(ctx.captured_queries)


def make_area(slug: str, *, year: int = THIS_YEAR, target: int = 30):
    """An area of its own: a borough, a district, both kinds of promise and a few shifts."""
    area = PolicingAreaFactory(slug=slug)
    district = DistrictFactory(
        borough=BoroughAreaFactory(policing_area=area, slug=f"{slug}-norr"),
        slug=f"{slug}-centrum",
        name=f"{slug.capitalize()} centrum",
    )
    PromiseFactory(policing_area=area, year=year, target=target, title=f"Helger i {slug}")
    PromiseFactory(
        policing_area=area, year=year, kind="safety_inventory", target=2, title="Platser"
    )
    for friday in fridays_in_year(year)[:4]:
        start, end = compose_shift_times(day=friday, start=time(18), end=time(1), tz=LOCAL_TZ)
        shift_create(
            policing_area=area,
            start=start,
            end=end,
            status=ShiftStatus.COMPLETED,
            officers=[UserFactory(username=f"polis-{slug}", role="officer", areas=[area])],
            districts=[district],
        )
    return area


def test_a_shift_logged_shows_at_once(client, reader, django_capture_on_commit_callbacks):
    client.force_login(reader)
    assert "0 av 40 helger" in client.get(DASHBOARD, {"year": 2024}).content.decode()
    assert queries(client, {"year": 2024}) == CACHED_QUERIES  # now from the cache
    with django_capture_on_commit_callbacks(execute=True):  # as when the officer's save commits
        make_shift(date(2024, 5, 17))
        make_shift(date(2024, 5, 18))
    assert "1 av 40 helger" in client.get(DASHBOARD, {"year": 2024}).content.decode()


def test_a_signal_shows_at_once(client, reader, django_capture_on_commit_callbacks):
    client.force_login(reader)
    html = client.get(DASHBOARD, {"year": 2024}).content.decode()
    assert "Inget är registrerat i något område än." in html
    district = reader.policing_areas.get().boroughs.first().districts.first()
    with django_capture_on_commit_callbacks(execute=True):
        signal_receive(
            district=district,
            category="lighting",
            place_text="Vid busshållplatsen",
            description="Mörkt på kvällarna.",
            now=datetime(2024, 6, 3, 12, tzinfo=LOCAL_TZ),
        )
    html = client.get(DASHBOARD, {"year": 2024}).content.decode()
    assert "Inget är registrerat i något område än." not in html
    assert f'<th scope="row">{district.name}</th>' in html


def test_the_live_parts_are_fresh_though_the_figures_are_cached(client, officer):
    """A planned shift that begins, a seat taken: no data change refreshes the cache for the
    first, and the page shows both as they are now."""
    client.force_login(officer)
    with time_machine.travel(datetime(2024, 5, 17, 17, 50, tzinfo=LOCAL_TZ), tick=False):
        make_shift(date(2024, 5, 17), status=ShiftStatus.PLANNED, officers=[officer])
        meeting = make_meeting(days_ahead=3, seats=10)
        html = client.get(DASHBOARD, {"year": 2024}).content.decode()
        assert "Pass att bekräfta" not in html  # the shift has not begun
        assert "10 av 10 platser kvar" in html
        # seats taken as the registration service writes them, with no signal to refresh by
        type(meeting).objects.filter(pk=meeting.pk).update(seats_taken=3)
    with time_machine.travel(datetime(2024, 5, 17, 18, 10, tzinfo=LOCAL_TZ), tick=False):
        html = client.get(DASHBOARD, {"year": 2024}).content.decode()
    assert "Pass att bekräfta" in html and "Markera som genomfört" not in html  # under way
    assert "7 av 10 platser kvar" in html


def test_the_cached_dashboard_costs_the_same_queries_for_one_year_and_ten(
    client, reader, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        seed_years(THIS_YEAR, THIS_YEAR)
    one_year = queries(client, {"year": THIS_YEAR})
    assert queries(client, {"year": THIS_YEAR}) == CACHED_QUERIES
    with django_capture_on_commit_callbacks(execute=True):
        seed_years(THIS_YEAR - 9, THIS_YEAR - 1)
    assert queries(client, {"year": THIS_YEAR}) == one_year  # made anew after the change
    assert queries(client, {"year": THIS_YEAR}) == CACHED_QUERIES


def test_the_dashboard_costs_the_same_queries_for_one_area_and_five(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        area = make_area("skarholmen")
    client.force_login(UserFactory(username="lasare", role="reader", areas=[area]))
    one_area = queries(client, {})
    assert queries(client, {}) == CACHED_QUERIES
    with django_capture_on_commit_callbacks(execute=True):
        for slug in ("sodermalm", "norrmalm", "kungsholmen", "bromma"):
            make_area(slug)
    assert queries(client, {}) == one_area
    assert queries(client, {}) == CACHED_QUERIES


def test_each_area_sees_its_own_cached_figures(client, reader):
    other = make_area("skarholmen", year=2024, target=30)
    client.force_login(reader)
    assert "0 av 40 helger" in client.get(DASHBOARD, {"year": 2024}).content.decode()
    client.force_login(UserFactory(username="lasare", role="reader", areas=[other]))
    html = client.get(DASHBOARD, {"year": 2024}).content.decode()
    assert "av 30 helger" in html and "av 40 helger" not in html
    assert "Skarholmen centrum" in html


@pytest.mark.parametrize("first", ["officer", "reader"])
def test_one_role_never_sees_anothers_cached_figures(client, officer, reader, first):
    year_view = f'href="{reverse("weekend_ops:year")}?year=2024"'  # for officers only
    users = {"officer": officer, "reader": reader}
    pages = {}
    for role in (first, *(r for r in users if r != first)):
        client.force_login(users[role])
        pages[role] = client.get(DASHBOARD, {"year": 2024}).content.decode()
    assert year_view in pages["officer"]
    assert year_view not in pages["reader"]


def test_the_dashboard_is_never_cached_by_the_browser_and_keeps_no_message(client, officer):
    client.force_login(officer)
    client.get(DASHBOARD, {"year": 2024})
    missing = "00000000-0000-0000-0000-000000000000"
    response = client.post(reverse("promises:mail_resend", args=[missing]))  # leaves a message
    assert response.status_code == 302
    page = client.get(DASHBOARD, {"year": 2024})
    assert "no-store" in page.headers["Cache-Control"]
    assert "fanns inte längre" in page.content.decode()
    assert "fanns inte längre" not in client.get(DASHBOARD, {"year": 2024}).content.decode()


def test_tomorrow_the_figures_are_made_anew(client, reader):
    """The pace depends on the day: the key carries the date."""
    client.force_login(reader)
    client.get(DASHBOARD, {"year": 2024})
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        client.force_login(reader)  # the session has lapsed overnight
        assert queries(client, {"year": 2024}) > CACHED_QUERIES
