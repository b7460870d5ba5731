"""What the dialogue adds through the core's hooks: "Därför lovar vi det här" under a promise
of the public page, "Vad ni sa och vad vi gjorde" in the annual report, and citations carried
over when a promise is renewed."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dialogue.models import Citation
from dialogue.services import citation_add
from promises.models import Promise
from promises.reports.annual import report_figures
from promises.services import promise_renew

from .factories import a_closed_round, an_answer, farsta

pytestmark = pytest.mark.django_db

FINDING = "Våldsbrott oroar 41 % i Hagsätra på kvällen"


def a_promise(year: int) -> Promise:
    return Promise.objects.of_area(farsta()).filter(year=year).order_by("kind").first()


def test_the_public_page_says_why_we_promise_it(client):
    promise = a_promise(2024)
    citation_add(promise=promise, round=a_closed_round(year=2023), finding=FINDING)
    page = client.get(reverse("promises:area_home", args=["farsta"]), {"year": 2024})
    html = page.content.decode()
    assert "Därför lovar vi det här" in html and f"Ni sa: {FINDING}" in html


def test_on_the_english_page_a_finding_is_english_where_staff_wrote_it_else_marked_swedish(client):
    promise = a_promise(2024)
    closed = a_closed_round(year=2023)
    citation_add(promise=promise, round=closed, finding=FINDING)
    citation_add(
        promise=promise, round=closed, finding="Mörkt vid torget", finding_en="Dark by the square"
    )
    page = client.get("/en/farsta/", {"year": 2024})
    html = page.content.decode()
    assert "Why we promise this" in html
    assert f'You said: <span lang="sv">{FINDING}</span>' in html
    assert "You said: Dark by the square" in html and "Mörkt vid torget" not in html


def test_a_citation_is_refused_when_it_names_a_person():
    with pytest.raises(ValidationError):
        citation_add(
            promise=a_promise(2024),
            round=a_closed_round(year=2023),
            finding="Ring 070-123 45 67 om Hagsätra",
        )
    assert not Citation.objects.exists()


def test_renewal_carries_the_citations_over():
    promise = a_promise(2024)
    citation_add(promise=promise, round=a_closed_round(year=2023), finding=FINDING)
    Promise.objects.filter(year=2025).delete()
    renewed, created = promise_renew(promise=promise)
    assert created
    assert list(renewed.dialogue_citations.values_list("finding", flat=True)) == [FINDING]


def test_the_report_gains_what_you_said_and_what_we_did():
    round = a_closed_round(year=2023)
    for _ in range(6):
        an_answer(round)
    citation_add(promise=a_promise(2024), round=round, finding=FINDING)
    figures = report_figures(area=farsta(), year=2024)
    section = figures["sections"]["dialogue"]
    assert section["results"]["answers"]["total"]["count"] == 6
    assert section["promises"][0]["findings"] == [FINDING]


def test_the_followup_page_shows_the_section(client, officer):
    round = a_closed_round(year=2023)
    for _ in range(6):
        an_answer(round)
    citation_add(promise=a_promise(2024), round=round, finding=FINDING)
    officer.policing_areas.add(farsta())
    client.force_login(officer)
    html = client.get(reverse("promises:followup"), {"year": 2024}).content.decode()
    assert "Vad ni sa och vad vi gjorde" in html and FINDING in html
    assert "Antal svar: 6." in html
