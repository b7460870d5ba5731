"""In real Chromium at 375 px: the national page and a second area's page after a demo seed,
and an officer of two areas switching area in the header (a form, no script), axe clean; on a
desktop screen the header with the switcher still fits."""

import re

import pytest
from playwright.sync_api import expect

from config import demo
from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_screen, open_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_national_page_an_area_and_the_switcher_on_a_phone(portal, page):
    page.set_viewport_size(PHONE)
    page.goto(portal + "/lokalpolisomraden/")
    expect(page.get_by_role("link", name="Lokalpolisområde Skärholmen")).to_be_visible()
    expect(page.get_by_role("link", name="Lokalpolisområde Farsta")).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)

    page.get_by_role("link", name="Lokalpolisområde Skärholmen").click()
    expect(page.locator(".portal-identity")).to_contain_text("Skärholmen")
    expect(page.get_by_text("av 30 helger").first).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)

    officer = next(login for login in demo.DEMO_LOGINS if login.username == "kommunpolis")
    page.goto(portal + "/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(officer.username)
    page.get_by_label("Lösenord").fill(officer.password)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Översikt \d{4}"))
    expect(page.locator(".portal-identity")).to_contain_text("Farsta")
    open_menu(page)
    page.get_by_label("Lokalpolisområde du arbetar med").select_option("skarholmen")
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.get_by_role("button", name="Byt område").click()
    expect(page.locator(".portal-identity")).to_contain_text("Skärholmen")
    expect(page.get_by_text("av 30 helger").first).to_be_visible()
    assert_accessible(page)

    # On a desktop the switcher joins the one-line menu: the line wraps instead of pushing the
    # language link and "Logga ut" past the right edge of the screen.
    for width in (1200, DESKTOP["width"], 1400):
        page.set_viewport_size({**DESKTOP, "width": width})
        assert_fits_the_screen(page)
        expect(page.get_by_role("button", name="Logga ut")).to_be_in_viewport()
        expect(page.get_by_role("button", name="Byt område")).to_be_in_viewport()

    # By keyboard, the switcher's select and button show the portal's focus ring on the header.
    page.get_by_role("link", name="Logga pass").focus()
    for name in ("area-switch", "Byt område"):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                       return [e.id || e.textContent.trim(), s.outlineStyle, s.outlineWidth]; }"""
        )
        assert focused == [name, "solid", "3px"]
