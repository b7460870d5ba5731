"""The dashboard, the public page, the follow-up and the API agree, show no personal data, use
a fixed number of queries whatever the data, and the public side is cached and refreshed."""

import csv
import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from promises.models import PolicingArea, Promise
from promises.progress import progress_of
from promises.reports.annual import report_figures
from tests.weekend_ops.factories import make_shift
from weekend_ops.models import Shift

from .years_of_data import PERSONAL, seed_years

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_the_figures_agree_everywhere(client, reader):
    seed_years(THIS_YEAR - 1, THIS_YEAR)
    year = THIS_YEAR - 1
    trackers = {p.kind: progress_of(p).achieved for p in Promise.objects.in_year(year)}
    assert trackers["weekend_collaboration"] > 0 and trackers["safety_inventory"] == 2

    api = client.get(reverse("api:progress"), {"year": year}).json()
    assert {p["kind"]: p["achieved"] for p in api["promises"]} == trackers

    public = client.get(reverse("promises:home"), {"year": year}).content.decode()
    client.force_login(reader)
    dashboard = client.get(reverse("promises:dashboard"), {"year": year})
    assert {c["promise"].kind: c["achieved"] for c in dashboard.context["cards"]} == trackers
    for html in (public, dashboard.content.decode()):
        assert f"{trackers['weekend_collaboration']} av 40 helger" in html
        assert f"{trackers['safety_inventory']} av 2 platser" in html

    export = client.get(reverse("promises:followup_export", args=["csv"]), {"year": year})
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    # Two sections, each with its title and its own header (issue 18).
    assert rows[0][:3] == ["Löfte", "Mål", "Resultat"]
    assert {rows[1][0]: int(rows[1][2]), rows[2][0]: int(rows[2][2])} == {
        "Helgsamverkan": trackers["weekend_collaboration"],
        "Medborgarens trygghet i fokus": 2,
    }
    # Per district: the API and the follow-up give the same shifts.
    api_shifts = {d["district"]: d["shifts"] for d in api["districts"]}
    header = rows.index(next(r for r in rows if r and r[0] == "Område"))
    assert rows[header - 1] == []  # a section of its own, after a blank line
    export_shifts = {r[0]: int(r[1]) for r in rows[header + 1 :]}
    assert export_shifts == api_shifts and sum(api_shifts.values()) > 0
    xlsx = client.get(reverse("promises:followup_export", args=["xlsx"]), {"year": year})
    workbook = load_workbook(io.BytesIO(xlsx.content))
    # One table per sheet, each under its own frozen header.
    assert workbook.sheetnames == ["Uppföljning", "Per område"]
    districts = workbook["Per område"]
    assert districts["A1"].value == "Område" and districts.freeze_panes == "A2"
    assert {r[0]: r[1] for r in districts.iter_rows(min_row=2, values_only=True)} == api_shifts
    sheet = workbook.active
    assert [c.value for c in sheet[2]][:3] == [
        "Helgsamverkan",
        40,
        trackers["weekend_collaboration"],
    ]
    page = client.get(reverse("promises:followup"), {"year": year}).content.decode()
    assert f"<h1>Uppföljning {year}</h1>" in page and "data-print" in page
    # The annual report (page, PDF, approved snapshot and open data) gives the same figures.
    report = report_figures(area=PolicingArea.objects.get(slug="farsta"), year=year)
    assert {p["kind"]: p["achieved"] for p in report["promises"]} == trackers
    shifts_column = report["district_columns"].index("Genomförda pass")
    report_shifts = {r["district"]: r["values"][shifts_column] for r in report["districts"]}
    assert report_shifts == api_shifts
    assert f"{trackers['weekend_collaboration']} helger" in page
    open_data = client.get(reverse("promises:open_data", args=[year, "json"])).json()
    assert {p["kind"]: p["achieved"] for p in open_data["promises"]} == trackers
    assert open_data["districts"] == api["districts"]


def test_the_public_side_shows_no_personal_data_plans_or_hotspots(client):
    seed_years(THIS_YEAR, THIS_YEAR)
    planned = Shift.objects.planned().get()
    secrets = [*PERSONAL.values(), "Hemligsson", "kim", "Farsta centrum", "Högdalens centrum"]
    secrets += ["brännpunkt", "Brännpunkt", "hotspot", "Planerat", "planned", "Planned"]
    for url in (reverse("promises:home"), "/en/", reverse("api:progress")):
        body = client.get(url, {"year": THIS_YEAR}).content.decode()
        for secret in secrets:
            assert secret not in body, f"{secret!r} on {url}"
        assert not re.search(r"\b\d{3}-\d{3} \d{2} \d{2}\b", body)
    # The planned weekend looks like any weekend still to come: nothing tells it apart.
    weekends = client.get(reverse("api:progress")).json()["promises"][0]["details"]["weekends"]
    friday = planned.local_start.date()
    if friday.year == THIS_YEAR:
        states = {w["friday"]: w["state"] for w in weekends}
        later = [f for f in states if f > friday.isoformat()]
        assert states[friday.isoformat()] == "upcoming"
        assert all(states[f] == "upcoming" for f in later)


@pytest.mark.parametrize("url_name", ["promises:home", "promises:dashboard"])
def test_query_counts_are_the_same_for_one_year_and_ten_years_of_data(
    client, reader, url_name, django_capture_on_commit_callbacks
):
    if url_name == "promises:dashboard":
        client.force_login(reader)
    url = reverse(url_name)
    with django_capture_on_commit_callbacks(execute=True):  # the change refreshes the cache
        seed_years(THIS_YEAR, THIS_YEAR)
    one_year = queries(client, url, {"year": THIS_YEAR, "n": 1})
    with django_capture_on_commit_callbacks(execute=True):
        seed_years(THIS_YEAR - 9, THIS_YEAR - 1)
    ten_years = queries(client, url, {"year": THIS_YEAR, "n": 2})
    assert ten_years == one_year


def test_the_public_page_and_api_are_served_from_the_cache_and_refreshed_on_change(
    client, officer, django_capture_on_commit_callbacks
):
    api, home = reverse("api:progress"), reverse("promises:home")
    assert client.get(api, {"year": 2024}).json()["promises"][0]["achieved"] == 0
    assert "0 av 40 helger" in client.get(home, {"year": 2024}).content.decode()
    with CaptureQueriesContext(connection) as ctx:
        client.get(api, {"year": 2024})
        client.get(home, {"year": 2024})
    assert len(ctx.captured_queries) == 0  # both from the cache

    with django_capture_on_commit_callbacks(execute=True):  # as when the officer's save commits
        make_shift(date(2024, 5, 17), officers=[officer])
        make_shift(date(2024, 5, 18), officers=[officer])
    assert client.get(api, {"year": 2024}).json()["promises"][0]["achieved"] == 1
    assert "1 av 40 helger" in client.get(home, {"year": 2024}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        Promise.objects.filter(year=2024, kind="weekend_collaboration").update(target=45)
        Promise.objects.get(year=2024, kind="weekend_collaboration").save()
    assert "1 av 45 helger" in client.get(home, {"year": 2024}).content.decode()


def test_a_logged_in_user_is_never_served_the_cached_public_page(client, reader):
    client.get(reverse("promises:home"), {"year": 2024})
    client.force_login(reader)
    html = client.get(reverse("promises:home"), {"year": 2024}).content.decode()
    assert "Logga ut" in html


def test_the_dashboard_shows_the_live_weekend_grid_and_links_readers_only_where_they_may_go(
    client, reader, officer
):
    seed_years(THIS_YEAR, THIS_YEAR)
    client.force_login(reader)
    html = client.get(reverse("promises:dashboard")).content.decode()
    assert 'class="ev-planned"' in html and 'class="ev-covered"' in html
    assert "Just nu, med helgen som pågår" in html
    year_view = f'href="{reverse("weekend_ops:year")}?year='
    assert year_view not in html  # the year view is for officers only
    assert f'href="{reverse("weekend_ops:capability")}?year=' in html  # readers may go here
    client.force_login(officer)
    assert year_view in client.get(reverse("promises:dashboard")).content.decode()
