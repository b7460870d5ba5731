"""Report PDFs (issue 20): a signed report's are made once at sign-off and stored; a draft's
are kept per area, year and language; never more than PORTAL_PDF_RENDERS made at once."""

import io
import secrets
import threading
from unittest import mock

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from promises.models import District, PolicingArea, SignedReportPdf
from promises.reports import pdf as report_pdf
from promises.services import annual_report_approve, narrative_save

from .years_of_data import seed_years

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
LAST_YEAR = THIS_YEAR - 1


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def renders():
    """Every PDF WeasyPrint makes, by language."""
    made: list[str] = []
    real = report_pdf.render_report_pdf

    def counting(report, figures, *, language):
        made.append(language)
        return real(report, figures, language=language)

    with mock.patch.object(report_pdf, "render_report_pdf", counting):
        yield made


def sign_off(approver, django_capture_on_commit_callbacks):
    area = PolicingArea.objects.get(slug="farsta")
    with django_capture_on_commit_callbacks(execute=True):
        return annual_report_approve(
            area=area, year=LAST_YEAR, user=approver, no_comment=all_kinds(area)
        )


def all_kinds(area) -> list[str]:
    """Every promise of the year signed with the approver's explicit "ingen kommentar"."""
    return list(area.promises.filter(year=LAST_YEAR).values_list("kind", flat=True))


def test_a_signed_reports_pdfs_are_made_at_sign_off_and_served_as_stored(
    client, approver, renders, django_capture_on_commit_callbacks
):
    seed_years(LAST_YEAR, LAST_YEAR)
    sign_off(approver, django_capture_on_commit_callbacks)
    assert sorted(renders) == ["en", "sv"]
    stored = {pdf.language: bytes(pdf.content) for pdf in SignedReportPdf.objects.all()}
    assert "Godkänd" in text_of(stored["sv"]) and "Approved" in text_of(stored["en"])
    renders.clear()
    url = reverse("promises:report_public_pdf", args=[LAST_YEAR])
    staff_url = reverse("promises:followup_pdf", args=[LAST_YEAR])
    for _ in range(2):  # issue 20: ?x=<random> made a PDF on every request
        response = client.get(url, {"x": secrets.token_hex(8)})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content == stored["sv"]
    assert client.get("/en" + url, {"x": "1"}).content == stored["en"]
    staff = Client()  # staff get the same file
    staff.force_login(approver)
    assert staff.get(staff_url).content == stored["sv"]
    assert renders == []
    # Changes afterwards change nothing in it, and make nothing.
    with django_capture_on_commit_callbacks(execute=True):
        district = District.objects.first()
        district.name = "Nytt namn"
        district.save()
    assert client.get(url).content == stored["sv"] and renders == []


def test_a_report_signed_before_pdfs_were_stored_gets_them_once(client, approver, renders):
    seed_years(LAST_YEAR, LAST_YEAR)
    # Signed without the commit hook running (as before this change): nothing stored.
    area = PolicingArea.objects.get(slug="farsta")
    annual_report_approve(area=area, year=LAST_YEAR, user=approver, no_comment=all_kinds(area))
    assert not SignedReportPdf.objects.exists()
    url = reverse("promises:report_public_pdf", args=[LAST_YEAR])
    first = client.get(url, {"x": "a"}).content
    cache.clear()  # not even the page cache: it comes from the stored row
    assert client.get(url, {"x": "b"}).content == first
    assert renders == ["sv"] and SignedReportPdf.objects.get().language == "sv"


def test_a_drafts_pdf_is_made_once_per_area_year_and_language_until_the_data_changes(
    client, officer, renders, django_capture_on_commit_callbacks
):
    seed_years(THIS_YEAR, THIS_YEAR)
    client.force_login(officer)
    url = reverse("promises:followup_pdf", args=[THIS_YEAR])
    first = client.get(url, {"x": "1"})
    assert first.status_code == 200 and "PRELIMINÄR" in text_of(first.content)
    assert client.get(url, {"x": "2"}).content == first.content
    assert renders == ["sv"]
    assert client.get("/en" + url).status_code == 200
    assert renders == ["sv", "en"]
    # A narrative written: the next PDF holds it.
    promise = PolicingArea.objects.get(slug="farsta").promises.filter(year=THIS_YEAR).first()
    with django_capture_on_commit_callbacks(execute=True):
        narrative_save(promise=promise, text="Vi var ute varannan helg hela våren.", user=officer)
    changed = client.get(url)
    assert renders == ["sv", "en", "sv"]
    assert "varannan helg" in text_of(changed.content)


def test_no_more_pdfs_are_made_at_once_than_the_setting_allows(settings):
    """Two slots: a third request waits, then gives up with RendersBusy (the page says 503)."""
    settings.PORTAL_PDF_RENDERS = 2
    inside = threading.Barrier(3)
    release = threading.Event()
    outcomes = []

    def hold():
        with report_pdf.render_slot(wait=5):
            inside.wait()
            release.wait(5)

    holders = [threading.Thread(target=hold) for _ in range(2)]
    for holder in holders:
        holder.start()
    inside.wait()  # both slots taken
    try:
        with report_pdf.render_slot(wait=0.2):
            outcomes.append("made")
    except report_pdf.RendersBusy:
        outcomes.append("busy")
    release.set()
    for holder in holders:
        holder.join()
    with report_pdf.render_slot(wait=0.2):  # free again once they are done
        outcomes.append("made")
    assert outcomes == ["busy", "made"]


def test_a_busy_portal_answers_503_with_retry_after(client, officer, settings):
    seed_years(THIS_YEAR, THIS_YEAR)
    client.force_login(officer)
    settings.PORTAL_PDF_RENDERS = 1
    settings.PORTAL_PDF_WAIT_SECONDS = 0.1
    with report_pdf.render_slot():
        response = client.get(reverse("promises:followup_pdf", args=[THIS_YEAR]))
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "Försök igen om en stund" in response.content.decode()
