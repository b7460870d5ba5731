"""The portal's identity and its accessibility statement (issue 11, item 9)."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from promises.models import PolicingArea

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_no_template_names_the_area_by_hand():
    hard_coded = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*")
        if path.is_file() and "Farsta" in path.read_text(encoding="utf-8")
    ]
    assert hard_coded == []


@pytest.mark.django_db
def test_the_header_is_plain_text_with_the_areas_name_from_the_database(client):
    html = client.get(reverse("promises:home")).content.decode()
    assert "Polisen · Lokalpolisområde Farsta" in html
    assert "<img" not in html.split("</header>")[0]
    PolicingArea.objects.filter(slug="farsta").update(name="Söderort")
    for url in (reverse("promises:about"), reverse("safety_inventory:signal_create")):
        html = client.get(url).content.decode()
        assert "Polisen · Lokalpolisområde Söderort" in html
    about = client.get(reverse("promises:about")).content.decode()
    assert "Löftena i lokalpolisområde Söderort" in about
    assert "Hagsätra" in about and "Vantör" in about  # districts and boroughs from the data


@pytest.mark.django_db
def test_the_accessibility_statement_has_date_shortcomings_digg_and_the_contact(client, settings):
    PolicingArea.objects.filter(slug="farsta").update(contact_email="tillganglighet@example.org")
    settings.PORTAL_ACCESSIBILITY_ASSESSED = datetime.date(2026, 11, 2)
    html = client.get(reverse("promises:accessibility")).content.decode()
    assert 'href="mailto:tillganglighet@example.org"' in html
    assert "den 2 november 2026" in html
    assert "Kända brister" in html and html.count("<li>") >= 4
    assert "https://www.digg.se/tdosanmalan" in html and "anmäla det till Digg" in html
    english = client.get("/en" + reverse("promises:accessibility")).content.decode()
    assert "2 November 2026" in english
