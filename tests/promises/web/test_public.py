import re

import pytest
import time_machine
from django.urls import reverse

from promises.models import Promise
from promises.services import promises_renew_through

PUBLIC_PAGES = ["promises:home", "promises:about", "promises:accessibility", "login"]


@pytest.mark.django_db
@time_machine.travel("2024-11-01 12:00 +01:00", tick=False)
def test_the_start_page_shows_this_years_promises_with_count_and_status(
    client, django_assert_num_queries
):
    # Years, promises, the weekend tracker's four and the places tracker's three (the last:
    # how many more places have a planned activity, from 1 October part of the status), and
    # the policing area whose name the header and the lead give; and one for what features add
    # under the promises (the dialogue's citations: ``features.promise_notes``).
    # And the year's sign-off: one lookup of the approved AnnualReport for the shown year.
    with django_assert_num_queries(12):
        response = client.get(reverse("promises:home"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Medborgarlöften 2024</h1>" in html
    assert "Helgsamverkan" in html and "Medborgarens trygghet i fokus" in html
    assert "0 av 40 helger" in html and "0 av 2 platser" in html
    assert 'max="40" value="0"' in html
    # Status in words, not colour alone: 43 weekends passed with none covered.
    assert "Efter plan" in html


@pytest.mark.django_db
@time_machine.travel("2026-05-01 12:00 +02:00", tick=False)
def test_without_promises_this_year_the_start_page_shows_the_latest_year(client):
    response = client.get(reverse("promises:home"))
    assert "<h1>Medborgarlöften 2024</h1>" in response.content.decode()


@pytest.mark.django_db
@time_machine.travel("2026-05-01 12:00 +02:00", tick=False)
def test_the_year_selector_lists_every_year_with_promises(client):
    promises_renew_through(promises=Promise.objects.in_year(2024), last_year=2026)
    html = client.get(reverse("promises:home"), {"year": 2025}).content.decode()
    assert "<h1>Medborgarlöften 2025</h1>" in html
    years = re.findall(r'class="nav-link" href="\?year=(\d{4})"', html)
    assert years == ["2024", "2025", "2026"]
    assert 'href="?year=2025" aria-current="page"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("year", "message"),
    [("abc", "Ange ett år med fyra siffror"), ("2031", "Det finns inga medborgarlöften för 2031")],
)
def test_an_unknown_year_is_a_404_that_says_why(client, year, message):
    response = client.get(reverse("promises:home"), {"year": year})
    assert response.status_code == 404
    assert message in response.content.decode()


@pytest.mark.django_db
def test_the_start_page_in_english(client):
    response = client.get("/en/", {"year": 2024})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "<h1>Citizen promises 2024</h1>" in html
    assert "0 of 40 weekends" in html
    # The switch back to Swedish is a plain link to the unprefixed URL.
    assert 'href="/?year=2024" hreflang="sv"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", PUBLIC_PAGES)
def test_public_pages_set_no_cookies(client, url_name):
    response = client.get(reverse(url_name), {"year": 2024} if url_name == "promises:home" else {})
    assert response.status_code == 200
    assert response.cookies == {} or url_name == "login"  # the login form needs its CSRF token


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", PUBLIC_PAGES)
def test_pages_carry_a_strict_csp_and_no_inline_script_or_style(client, url_name):
    response = client.get(reverse(url_name), {"year": 2024} if url_name == "promises:home" else {})
    csp = response.headers["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    html = response.content.decode()
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert " style=" not in html and "<style" not in html


@pytest.mark.django_db
def test_every_page_has_a_skip_link_landmarks_and_one_h1(client):
    html = client.get(reverse("promises:about")).content.decode()
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "<header>" in html and "<footer" in html and "<nav" in html
    assert html.count("<h1") == 1
    assert "https://polisen.se/medborgarloften" in html


@pytest.mark.django_db
def test_the_accessibility_statement_says_how_to_report_a_problem(client):
    html = client.get(reverse("promises:accessibility")).content.decode()
    assert "Rapportera brister" in html and "mailto:" in html


@pytest.mark.django_db
def test_the_staff_dashboard_is_never_cached(client, reader):
    client.force_login(reader)
    response = client.get(reverse("promises:dashboard"), {"year": 2024})
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "40 helger till behövs av de 0 som återstår" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/health/"])
def test_the_health_endpoint_needs_no_database(client, path, django_assert_num_queries):
    assert reverse("health") == "/healthz"
    with django_assert_num_queries(0):
        response = client.get(path)
    assert (response.status_code, response.content) == (200, b"ok")
