"""Activities, findings and measures downloads: Swedish Excel, English on /en/, no formula cell
whatever was typed as a site, a finding or a measure; the activity file reads back in."""

import io
from datetime import date

import pytest
from django.urls import reverse

from promises.models import District, Organisation
from safety_inventory.csv_io import activities_import
from safety_inventory.models import Activity
from safety_inventory.services import site_create
from tests.export_checks import (
    HOSTILE,
    assert_no_formula_in_csv,
    assert_no_formula_in_xlsx,
    csv_rows,
    texts,
    xlsx_sheet,
)

from .factories import conducted, farsta

pytestmark = pytest.mark.django_db

HEADERS = {
    "aktiviteter": ["plats", "område", "typ", "status", "datum", "anledning", "sammanfattning"],
    "iakttagelser": [
        "Plats",
        "Område",
        "Aktivitetens datum",
        "Typ av aktivitet",
        "Kategori",
        "Påverkan",
        "Var på platsen",
        "Beskrivning",
    ],
    "atgarder": [
        "Plats",
        "Område",
        "Aktivitetens datum",
        "Åtgärd",
        "Ansvarig",
        "Klart senast",
        "Status",
        "Varför den inte blir av",
        "Text för allmänheten",
        "Visas publikt",
    ],
}
LABELS = {
    "aktiviteter": {"Trygghetsinventering", "Genomförd", "Årsplanen"},
    "iakttagelser": {"Belysning", "Gör platsen otryggare", "Trygghetsinventering"},
    "atgarder": {"Blir inte av", "Nej"},
}


def hostile_year():
    district = District.objects.get(name="Hagsätra")
    for n, text in enumerate(HOSTILE):
        site = site_create(district=district, name=f"{text} {n}")
        activity = conducted(site, date(2024, 3, 1 + n))
        activity.findings.create(
            category="lighting", effect="less_safe", description=text, location=text
        )
        activity.measures.create(
            what=text,
            responsible=Organisation.objects.create(name=f"{text} org {n}"),
            status="not_done",
            not_done_reason=text,
            due_date=date(2024, 4, 1),
        )


@pytest.mark.parametrize("what", list(HEADERS))
def test_each_export_is_swedish_excel_and_inert(client, reader, what):
    hostile_year()
    client.force_login(reader)
    url = reverse("safety_inventory:export", args=[what, "csv"])
    response = client.get(url, {"year": 2024})
    assert f'filename="farsta-{what}-2024.csv"' in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == HEADERS[what] and len(rows) == 1 + len(HOSTILE)
    assert LABELS[what] <= texts(rows)
    assert "'" + HOSTILE[0] + " 0" in texts(rows)
    assert_no_formula_in_csv(rows)
    sheet = xlsx_sheet(client.get(url.replace(".csv", ".xlsx"), {"year": 2024}))
    assert_no_formula_in_xlsx(sheet)
    assert sheet.max_row == 1 + len(HOSTILE)
    dates = [c for c in next(sheet.iter_cols(min_col=5 if what == "aktiviteter" else 3))[1:]]
    assert all(c.is_date for c in dates)
    english = csv_rows(client.get("/en" + url, {"year": 2024}))
    assert english[0][0] in {"site", "Place"} and "Conducted" not in HEADERS[what]
    assert client.get(url.replace(".csv", ".pdf")).status_code == 404


def test_every_export_is_linked_from_the_places_page(client, reader):
    client.force_login(reader)
    html = client.get(reverse("safety_inventory:overview"), {"year": 2024}).content.decode()
    for what in HEADERS:
        for fmt in ("csv", "xlsx"):
            assert reverse("safety_inventory:export", args=[what, fmt]) + "?year=2024" in html


def test_the_activity_export_reads_back_in_unchanged(client, reader):
    site = site_create(district=District.objects.get(name="Örby"), name="Örby torg")
    conducted(site, date(2024, 3, 1), reason="partner_request")
    client.force_login(reader)
    for prefix in ("", "/en"):
        url = prefix + reverse("safety_inventory:export", args=["aktiviteter", "csv"])
        text = client.get(url, {"year": 2024}).content.decode("utf-8-sig")
        report = activities_import(file=io.StringIO(text, newline=""), policing_area=farsta())
        assert (report.created, report.unchanged) == (0, 1)
    assert Activity.objects.count() == 1
