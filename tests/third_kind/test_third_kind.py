"""A third kind of promise, registered by a test app (tests/third_kind), shows on the public
page, the staff dashboard, the follow-up and its download, and the API: the core needs no
change for a new kind."""

import pytest
from django.urls import reverse

from promises import progress
from promises.models import PolicingArea, Promise
from tests.export_checks import csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def school_promise():
    promise = Promise(
        policing_area=PolicingArea.objects.get(slug="farsta"),
        year=2024,
        kind="school_visits",
        title="Skolbesök i Farsta",
        summary="Polisen besöker skolorna.",
        target=10,
    )
    promise.full_clean()  # the kind is valid because the test app registered it
    promise.save()
    return promise


def test_the_test_app_registers_a_third_kind_after_the_two_of_the_source_document():
    assert progress.registered_kinds() == [
        "weekend_collaboration",
        "safety_inventory",
        "school_visits",
    ]
    assert ("school_visits", "Skolbesök") in progress.kind_choices()


def test_the_third_kind_shows_on_the_public_page(client, school_promise):
    html = client.get(reverse("promises:home"), {"year": 2024}).content.decode()
    assert 'id="school_visits"' in html and "Skolbesök i Farsta" in html
    assert "3 av 10 skolbesök" in html
    assert "Skolor som vi besökte: Farstaskolan" in html
    # Its column in the district table and chart, in the source document's order.
    assert html.index("Skolbesök i Farsta") > html.index('id="safety_inventory"')
    assert '<th scope="col">Skolbesök</th>' in html
    assert "Signaler från medborgare, genomförda insatser och skolbesök per område" in html
    # Never its staff details.
    assert "rektor@example.org" not in html and "Lärare som vi träffade" not in html


def test_the_third_kind_shows_on_the_staff_dashboard(client, reader, school_promise):
    client.force_login(reader)
    html = client.get(reverse("promises:dashboard"), {"year": 2024}).content.decode()
    assert "Skolbesök i Farsta" in html and "3 av 10 skolbesök" in html
    assert "Kontakt: rektor@example.org" in html
    assert '<th scope="col">Lärare som vi träffade</th>' in html


def test_the_third_kind_shows_in_the_followup_and_its_download(client, reader, school_promise):
    client.force_login(reader)
    html = client.get(reverse("promises:followup"), {"year": 2024}).content.decode()
    assert "Skolbesök i Farsta" in html and "10 skolbesök" in html
    rows = csv_rows(client.get(reverse("promises:followup_export", args=["csv"]), {"year": 2024}))
    school = next(r for r in rows if r and r[0] == "Skolbesök i Farsta")
    assert school[1:4] == ["10", "3", "skolbesök"]
    assert school[5] == "Besök på Farstaskolan"  # the summary the tracker gives
    assert "Skolbesök" in next(r for r in rows if r and r[0] == "Område")


def test_the_third_kind_shows_in_the_api(client, school_promise):
    data = client.get("/api/v1/progress/", {"year": 2024}).json()
    school = next(p for p in data["promises"] if p["kind"] == "school_visits")
    assert (school["target"], school["achieved"], school["unit"]) == (10, 3, "visits")
    assert school["details"]["schools"] == ["Farstaskolan"]
    assert "contact" not in school["details"]
    assert {"school_visits"} <= set(data["districts"][0]) and "teachers_met" not in str(data)
