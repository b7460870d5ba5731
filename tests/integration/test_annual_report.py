"""The annual follow-up as a report: narratives, sign-off by the approver, frozen once approved,
published in the public archive, preliminary until the year has ended, a tagged PDF, open data."""

import io
import json
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from promises.models import AnnualReport, District, PolicingArea, Promise, ReportStatus
from promises.reports.annual import is_preliminary, report_figures
from promises.services import (
    ReportLocked,
    annual_report_approve,
    narrative_save,
    promises_renew_through,
)
from promises.signed import change_after_approval
from safety_inventory.models import Measure
from safety_inventory.services import site_create
from tests.export_checks import csv_rows
from tests.safety_inventory.factories import conducted

from .years_of_data import PERSONAL, seed_years

NO_COMMENT = {"no_comment_weekend_collaboration": "on", "no_comment_safety_inventory": "on"}

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
LAST_YEAR = THIS_YEAR - 1
NARRATIVE = "Vi var ute nästan varannan helg. Målet nåddes inte: två helger ställdes in."


def weekend_promise(year: int) -> Promise:
    return Promise.objects.get(year=year, kind="weekend_collaboration")


def followup(client, year: int):
    return client.get(reverse("promises:followup"), {"year": year})


def test_draft_then_approved_then_published_with_history_and_frozen(client, officer, approver):
    seed_years(LAST_YEAR, LAST_YEAR)
    figures = report_figures(area=PolicingArea.objects.get(slug="farsta"), year=LAST_YEAR)
    weekends = figures["promises"][0]["achieved"]
    assert weekends > 0

    client.force_login(officer)
    page = followup(client, LAST_YEAR).content.decode()
    assert "Utkast, inte godkänd" in page and "Godkänn uppföljningen" not in page
    response = client.post(
        reverse("promises:followup_narratives", args=[LAST_YEAR]),
        {"narrative_weekend_collaboration": NARRATIVE},
    )
    assert response.status_code == 302
    assert NARRATIVE in followup(client, LAST_YEAR).content.decode()
    # Not public before it is approved.
    client.logout()
    assert client.get(reverse("promises:report_public", args=[LAST_YEAR])).status_code == 404

    client.force_login(approver)
    assert "Godkänn uppföljningen" in followup(client, LAST_YEAR).content.decode()
    client.post(reverse("promises:followup_approve", args=[LAST_YEAR]), NO_COMMENT)
    report = AnnualReport.objects.get(year=LAST_YEAR)
    assert report.status == ReportStatus.APPROVED and report.approved_by == approver
    assert report.approved_by_name == "Eva Chef" and report.approved_at is not None
    latest = report.history.first()
    assert latest.history_user == approver and latest.history_change_reason == "Godkänd av Eva Chef"
    assert report.snapshot["sv"]["promises"][0]["narrative"] == NARRATIVE
    assert report.snapshot["en"]["promises"][0]["unit_label"] == "weekends"
    page = followup(client, LAST_YEAR).content.decode()
    assert "Godkänd av Eva Chef" in page and "Godkänd av Eva Chef" in page

    # Signed again with nothing changed since: refused.
    with pytest.raises(ReportLocked):
        annual_report_approve(
            area=PolicingArea.objects.get(slug="farsta"),
            year=LAST_YEAR,
            user=approver,
            no_comment=["weekend_collaboration", "safety_inventory"],
        )
    # The data changes afterwards: the approved report does not.
    sites = figures["promises"][1]["achieved"]
    new_site = site_create(district=District.objects.get(name="Örby"), name="Ny plats i efterhand")
    with change_after_approval(reason="Glömdes bort i december", user=officer):
        conducted(new_site, date(LAST_YEAR, 12, 1))
    assert (
        report_figures(area=PolicingArea.objects.get(slug="farsta"), year=LAST_YEAR)["promises"][1][
            "achieved"
        ]
        == sites + 1
    )
    with pytest.raises(ReportLocked):
        narrative_save(promise=weekend_promise(LAST_YEAR), text="Ändrad i efterhand", user=officer)
    client.force_login(officer)
    client.post(
        reverse("promises:followup_narratives", args=[LAST_YEAR]),
        {"narrative_weekend_collaboration": "Ändrad i efterhand"},
    )
    export = client.get(reverse("promises:followup_export", args=["csv"]), {"year": LAST_YEAR})
    exported = csv_rows(export)
    assert exported[2][:3] == ["Medborgarens trygghet i fokus", "2", str(sites)]
    assert exported[1][6] == NARRATIVE
    client.logout()
    archive = client.get(reverse("promises:report_archive")).content.decode()
    assert reverse("promises:report_public", args=[LAST_YEAR]) in archive
    public = client.get(reverse("promises:report_public", args=[LAST_YEAR])).content.decode()
    assert NARRATIVE in public and "Ändrad i efterhand" not in public
    assert f"{weekends} helger" in public and "av lokalpolisområdets godkännare" in public
    # The public report names no one: who approved it is in the staff page and the history.
    assert "Eva Chef" not in public
    assert f"{sites} platser" in public and "Ny plats i efterhand" not in public
    english = client.get("/en" + reverse("promises:report_public", args=[LAST_YEAR]))
    assert (
        f"{weekends} weekends" in english.content.decode() and NARRATIVE in english.content.decode()
    )
    for secret in PERSONAL.values():
        assert secret not in public
    assert AnnualReport.objects.get().snapshot == report.snapshot


def test_the_report_is_preliminary_until_the_year_has_ended(client, approver):
    seed_years(LAST_YEAR, THIS_YEAR)
    assert is_preliminary(THIS_YEAR) and not is_preliminary(LAST_YEAR)
    assert is_preliminary(2025, today=date(2025, 12, 31))
    assert not is_preliminary(2025, today=date(2026, 1, 1))
    client.force_login(approver)
    page = followup(client, THIS_YEAR).content.decode()
    assert "Preliminär" in page and "PRELIMINÄR" in page
    assert "Godkänn uppföljningen" not in page
    client.post(reverse("promises:followup_approve", args=[THIS_YEAR]), NO_COMMENT)
    assert not AnnualReport.objects.filter(status=ReportStatus.APPROVED).exists()
    with pytest.raises(ReportLocked, match="när året är slut"):
        annual_report_approve(
            area=PolicingArea.objects.get(slug="farsta"),
            year=THIS_YEAR,
            user=approver,
            no_comment=["weekend_collaboration", "safety_inventory"],
        )
    assert "Preliminär" not in followup(client, LAST_YEAR).content.decode()


def test_a_narrative_that_is_too_long_is_refused_at_its_field(client, officer):
    seed_years(LAST_YEAR, LAST_YEAR)
    client.force_login(officer)
    response = client.post(
        reverse("promises:followup_narratives", args=[LAST_YEAR]),
        {"narrative_weekend_collaboration": "x" * 5001},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["narrative_weekend_collaboration"]
    assert "data-error-summary" in response.content.decode()
    assert not weekend_promise(LAST_YEAR).__class__.objects.filter(narrative__isnull=False).exists()


def test_the_pdf_is_produced_tagged_and_holds_the_figures(client, reader):
    seed_years(THIS_YEAR, THIS_YEAR)
    figures = report_figures(area=PolicingArea.objects.get(slug="farsta"), year=THIS_YEAR)
    client.force_login(reader)
    response = client.get(reverse("promises:followup_pdf", args=[THIS_YEAR]))
    assert response["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(response.content))
    catalog = pdf.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert catalog.get("/Lang") in ("sv", "/sv")
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert f"Uppföljning {THIS_YEAR}" in text and "Farsta" in text
    assert "PRELIMINÄR" in text and "Innehåll" in text
    weekends = figures["promises"][0]
    assert f"{weekends['achieved']} helger" in text and "Försenade åtgärder" in text
    assert len(pdf.pages) >= 2 and f"1 / {len(pdf.pages)}" in text


def test_the_open_data_match_the_api(client):
    seed_years(LAST_YEAR, LAST_YEAR)
    api = client.get(reverse("api:progress"), {"year": LAST_YEAR}).json()
    data = json.loads(client.get(reverse("promises:open_data", args=[LAST_YEAR, "json"])).content)
    assert data["licence"] == "CC0-1.0" and data["year"] == LAST_YEAR
    assert data["preliminary"] is False
    keys = ("kind", "title", "target", "achieved", "unit", "status")
    assert data["promises"] == [{k: p[k] for k in keys} for p in api["promises"]]
    assert data["districts"] == api["districts"]
    rows = csv_rows(client.get(reverse("promises:open_data", args=[LAST_YEAR, "csv"])))
    assert rows[0] == ["year", "policing_area", "table", "name", "key", "value"]
    for promise in api["promises"]:
        achieved = [str(LAST_YEAR), "farsta", "promise", promise["kind"], "achieved"]
        assert achieved + [str(promise["achieved"])] in rows
    for district in api["districts"]:
        shifts = [str(LAST_YEAR), "farsta", "district", district["district"], "shifts"]
        assert shifts + [str(district["shifts"])] in rows
    assert client.get(reverse("promises:open_data", args=[LAST_YEAR, "exe"])).status_code == 404
    archive = client.get(reverse("promises:report_archive")).content.decode()
    assert reverse("promises:open_data", args=[LAST_YEAR, "csv"]) in archive


def test_a_cached_public_file_keeps_its_name(client):
    seed_years(LAST_YEAR, LAST_YEAR)
    url = reverse("promises:open_data", args=[LAST_YEAR, "csv"])
    first, second = client.get(url), client.get(url)
    assert first.content == second.content
    expected = f'attachment; filename="farsta-medborgarloften-{LAST_YEAR}.csv"'
    assert first["Content-Disposition"] == second["Content-Disposition"] == expected


def test_the_archive_and_a_public_report_take_few_queries_whatever_the_years(
    client, approver, django_assert_num_queries
):
    # One query more than the page's own: the header names the policing area.
    promises_renew_through(promises=Promise.objects.in_year(2024), last_year=LAST_YEAR)
    annual_report_approve(
        area=PolicingArea.objects.get(slug="farsta"),
        year=2024,
        user=approver,
        no_comment=["weekend_collaboration", "safety_inventory"],
    )
    with django_assert_num_queries(3):
        client.get(reverse("promises:report_archive"))
    annual_report_approve(
        area=PolicingArea.objects.get(slug="farsta"),
        year=LAST_YEAR,
        user=approver,
        no_comment=["weekend_collaboration", "safety_inventory"],
    )
    cache.clear()
    with django_assert_num_queries(3):
        archive = client.get(reverse("promises:report_archive")).content.decode()
    assert "Uppföljning 2024" in archive and f"Uppföljning {LAST_YEAR}" in archive
    with django_assert_num_queries(2):
        client.get(reverse("promises:report_public", args=[LAST_YEAR]))


def test_a_public_measure_reads_as_a_sentence_with_its_status_in_brackets(client, reader):
    """A public text ends with a full stop; "Ny belysning vid entrén.: Klar" read badly."""
    seed_years(LAST_YEAR, LAST_YEAR)
    Measure.objects.update(public_text="Ny belysning vid entrén.", is_public=True)
    client.force_login(reader)
    page = followup(client, LAST_YEAR).content.decode()
    assert "Ny belysning vid entrén. (klar)" in page
    assert ".:" not in page


@pytest.mark.parametrize(
    "text",
    [
        f"Kontakta {PERSONAL['partner_name']} om helgerna.",
        "Ring 070-123 45 67 om du vill veta mer.",
        "Skriv till kontakt@example.org.",
        "Ansvarig 19121212-1212 följer upp.",
    ],
)
def test_a_narrative_with_personal_data_is_refused_at_its_field(client, officer, text):
    """A narrative is published with the approved report; it was saved with names and numbers."""
    seed_years(LAST_YEAR, LAST_YEAR)
    client.force_login(officer)
    response = client.post(
        reverse("promises:followup_narratives", args=[LAST_YEAR]),
        {"narrative_weekend_collaboration": text},
    )
    assert response.status_code == 200
    assert "Texten innehåller" in str(
        response.context["form"].errors["narrative_weekend_collaboration"]
    )
    assert not weekend_promise(LAST_YEAR).__class__.objects.filter(narrative__isnull=False).exists()


def test_a_narrative_is_counted_live_not_cut_off_by_the_browser(client, officer):
    """The browser's maxlength cut a pasted narrative off without a word, and a line break
    (sent as CR LF) counted twice against the limit."""
    seed_years(LAST_YEAR, LAST_YEAR)
    client.force_login(officer)
    page = followup(client, LAST_YEAR).content.decode()
    assert 'data-max-chars="5000"' in page and 'maxlength="5000"' not in page
    typed = ("Vi var ute varannan helg.\n" * 300)[:4999] + "x"
    response = client.post(
        reverse("promises:followup_narratives", args=[LAST_YEAR]),
        {"narrative_weekend_collaboration": typed.replace("\n", "\r\n")},
    )
    assert response.status_code == 302
