"""In real Chromium at 375 px: the public page after a demo seed fits the screen (no
horizontal scroll, measured with scrollWidth), its district table shows every column, and axe
finds nothing; the tip form counts characters as one types (issue 11)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import PHONE, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def scroll_overflow(page) -> int:
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("path", ["/", "/en/", "/?year=2024"])
def test_the_public_page_at_375_px_has_no_horizontal_scroll(portal, page, path):
    page.set_viewport_size(PHONE)
    page.goto(portal + path)
    expect(page.locator(".portal-identity")).to_contain_text("Farsta")
    assert scroll_overflow(page) <= 0
    table = page.locator("table.table-fit")
    expect(table).to_be_visible()
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    for header in table.locator("thead th").all():  # no column hidden off-screen
        cell = header.bounding_box()
        assert cell["x"] + cell["width"] <= PHONE["width"] + 0.5, header.inner_text()
    label = page.locator(".chart-districts .chart-label").first
    assert label.bounding_box()["height"] >= 11  # chart labels readable at phone width
    assert_accessible(page)


def test_the_tip_text_shows_a_live_count_and_longer_text_is_refused(portal, page):
    page.set_viewport_size(PHONE)
    page.goto(portal + "/tipsa/")
    text = page.get_by_label("Vad har hänt eller vad gör platsen otrygg?")
    assert text.get_attribute("maxlength") is None  # the browser never cuts it off
    # Grouped as the page's other numbers are ("2 000", a no-break space; issue 19).
    expect(page.locator(".char-count")).to_have_text(
        re.compile(r"^2\s000 tecken kvar av 2\s000\.$")
    )
    text.fill("x" * 2005)
    expect(page.locator(".char-count")).to_contain_text("5 tecken för mycket")
    assert scroll_overflow(page) <= 0
    assert_accessible(page)
    page.get_by_label("Område").select_option(label="Hagsätra")
    page.get_by_label("Platsen med egna ord").fill("Torget")
    page.get_by_label("Belysning").check()
    page.get_by_role("button", name="Skicka tipset").click()
    expect(page.get_by_role("alert")).to_contain_text("högst 2000 tecken (den har 2005)")
    assert page.get_by_label("Vad har hänt eller vad gör platsen otrygg?").input_value() == (
        "x" * 2005
    )


def test_a_wrong_tracking_code_gets_an_accessible_page_with_the_form(portal, page):
    page.set_viewport_size(PHONE)
    page.goto(portal + "/tipsa/")
    page.get_by_label("Uppföljningskod").fill(" abcd-2345 ")
    page.get_by_role("button", name="Visa tipset").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Följ ditt tips")
    expect(page.get_by_role("alert")).to_contain_text("Vi hittar inget tips med koden ABCD2345")
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_label("Uppföljningskod")).to_have_value("ABCD2345")
    assert scroll_overflow(page) <= 0
    assert_accessible(page)
