"""In real Chromium: an officer writes the narrative, the approver signs off last year's
follow-up, and the public year archive shows it; axe clean on a phone."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import PHONE, assert_accessible, assert_fits_the_screen
from tests.promises.factories import PASSWORD, UserFactory

from .years_of_data import seed_years

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_an_approver_signs_off_and_the_archive_publishes_it(live_server, reference_data, page):
    year = timezone.localdate().year - 1
    seed_years(year, year)
    UserFactory(username="polis", role="officer")
    UserFactory(username="chef", role="approver", first_name="Eva", last_name="Chef")
    page.set_viewport_size(PHONE)
    base = live_server.url

    log_in(page, base, "polis")
    page.goto(f"{base}/personal/uppfoljning/?year={year}")
    page.get_by_label("Helgsamverkan").fill("Vi nådde inte målet: två helger ställdes in.")
    page.get_by_role("button", name="Spara berättelserna").click()
    expect(page.get_by_text("Berättelserna är sparade.")).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)

    log_in(page, base, "chef")
    page.goto(f"{base}/personal/uppfoljning/?year={year}")
    # Sign-off asks for what it signs (issue 18): a confirmation page, and the promise without a
    # narrative needs the approver's explicit "ingen kommentar".
    page.get_by_role("link", name=re.compile(f"Godkänn uppföljningen för {year}")).click()
    page.get_by_label(re.compile("Ingen kommentar om")).check()
    assert_accessible(page)
    page.get_by_role(
        "button", name=re.compile(f"Godkänn och publicera uppföljningen för {year}")
    ).click()
    expect(page.get_by_text(f"Uppföljningen för {year} är godkänd")).to_be_visible()
    expect(page.get_by_text(re.compile("Godkänd av Eva Chef den")).first).to_be_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"{base}/")
    page.get_by_role("link", name="Årsrapporter och öppna data").click()
    assert_accessible(page)
    page.get_by_role("link", name=f"Uppföljning {year}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Uppföljning {year}")
    expect(page.get_by_text("Vi nådde inte målet: två helger ställdes in.")).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)
    pdf = page.request.get(f"{base}/arsrapporter/{year}.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")


# Every word of the report's table cells, and how many line boxes it takes: 1 unless broken.
WORDS_BROKEN_ACROSS_LINES = """() => {
  const broken = [];
  document.querySelectorAll('.report-section td, .report-section th').forEach((cell) => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  });
  return broken;
}"""


def test_the_reports_tables_keep_their_words_whole_on_a_phone(live_server, reference_data, page):
    """`overflow-wrap: anywhere` on the cells let a phone break "helger" into "hel/ger" and
    "uppnått" into "uppnå/tt"; the table scrolls in its own region instead."""
    year = timezone.localdate().year - 1
    seed_years(year, year)
    UserFactory(username="polis", role="officer")
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "polis")
    page.goto(f"{live_server.url}/personal/uppfoljning/?year={year}")
    assert page.evaluate(WORDS_BROKEN_ACROSS_LINES) == []
    assert_fits_the_screen(page)
