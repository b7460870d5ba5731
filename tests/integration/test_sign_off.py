"""Sign-off asks for what it signs (issue 18): a narrative for each promise or an explicit
"Ingen kommentar", a confirmation page (GET) with the figures and texts, then the POST signs."""

import pytest
from django.urls import reverse
from django.utils import timezone

from promises.models import AnnualReport, PolicingArea, Promise, ReportStatus
from promises.reports.annual import report_figures
from promises.services import NarrativesMissing, annual_report_approve, narrative_save

from .years_of_data import seed_years

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1
NARRATIVE = "Vi var ute nästan varannan helg och mötte många."
APPROVE = reverse("promises:followup_approve", args=[LAST_YEAR])


@pytest.fixture
def year(officer):
    seed_years(LAST_YEAR, LAST_YEAR)
    weekends = Promise.objects.get(year=LAST_YEAR, kind="weekend_collaboration")
    narrative_save(promise=weekends, text=NARRATIVE, user=officer)
    return LAST_YEAR


def test_the_service_refuses_a_sign_off_without_narratives(year, approver):
    farsta = PolicingArea.objects.get(slug="farsta")
    with pytest.raises(NarrativesMissing) as missing:
        annual_report_approve(area=farsta, year=year, user=approver)
    assert "Medborgarens trygghet i fokus" in str(missing.value)
    assert not AnnualReport.objects.filter(status=ReportStatus.APPROVED).exists()


def test_the_confirmation_page_shows_what_is_signed(client, year, approver):
    client.force_login(approver)
    followup = client.get(reverse("promises:followup"), {"year": year}).content.decode()
    assert f'href="{APPROVE}"' in followup  # a link to the confirmation, no one-click POST
    response = client.get(APPROVE)
    assert response.status_code == 200
    html = response.content.decode()
    figures = report_figures(area=PolicingArea.objects.get(slug="farsta"), year=year)
    weekends = figures["promises"][0]["achieved"]
    assert f"{weekends} av 40" in html or f"{weekends} helger" in html
    assert NARRATIVE in html
    assert 'name="no_comment_safety_inventory"' in html
    assert 'name="no_comment_weekend_collaboration"' not in html  # it has its narrative
    assert not AnnualReport.objects.filter(
        status=ReportStatus.APPROVED
    ).exists()  # GET signs nothing


def test_posting_without_the_no_comment_choice_is_refused(client, year, approver):
    client.force_login(approver)
    response = client.post(APPROVE, {})
    assert response.status_code == 200
    assert "Kryssa i ”Ingen kommentar” för ”Medborgarens trygghet i fokus”" in (
        response.content.decode()
    )
    assert not AnnualReport.objects.filter(status=ReportStatus.APPROVED).exists()


def test_signed_with_no_comment_the_public_report_says_so(client, year, approver):
    client.force_login(approver)
    response = client.post(APPROVE, {"no_comment_safety_inventory": "on"})
    assert response.status_code == 302
    report = AnnualReport.objects.get(year=year)
    assert report.status == ReportStatus.APPROVED
    places = report.snapshot["sv"]["promises"][1]
    assert (places["narrative"], places["no_comment"]) == ("", True)
    client.logout()
    public = client.get(reverse("promises:report_public", args=[year])).content.decode()
    assert NARRATIVE in public and "Ingen kommentar." in public
    assert "Ingen berättelse skriven än." not in public


def test_a_year_not_yet_ended_offers_nothing_to_sign(client, approver):
    this_year = timezone.localdate().year
    seed_years(this_year, this_year)
    client.force_login(approver)
    html = client.get(reverse("promises:followup_approve", args=[this_year])).content.decode()
    assert "Rapporten kan godkännas när året är slut." in html
    # Neither the "Ingen kommentar" choices nor a button: nothing here can be signed yet.
    assert "no_comment_" not in html and 'type="submit" class="btn btn-success"' not in html
