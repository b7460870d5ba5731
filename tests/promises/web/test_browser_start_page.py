"""In real Chromium: the public start page, English, and a staff login and logout, axe clean."""

import re

import pytest
from playwright.sync_api import expect

from config import demo
from tests.browser import PHONE, assert_accessible, assert_fits_the_screen, open_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_page_english_and_staff_login_on_a_phone(portal, page):
    officer = next(login for login in demo.DEMO_LOGINS if login.role == "officer")
    page.set_viewport_size(PHONE)

    page.goto(portal + "/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Medborgarlöften \d{4}"))
    expect(page.get_by_text("av 40 helger").first).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)

    # The skip link is the first stop for the keyboard and leads to the content.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()

    open_menu(page)
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Citizen promises \d{4}"))
    assert page.url.startswith(portal + "/en/")
    assert_accessible(page)

    open_menu(page)
    page.get_by_role("link", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    assert_accessible(page)
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Login failed")
    expect(page.get_by_role("alert")).to_be_focused()
    assert_accessible(page)

    page.get_by_label("Password").fill(officer.password)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Overview \d{4}"))
    assert_accessible(page)
    assert_fits_the_screen(page)

    open_menu(page)
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Citizen promises \d{4}"))
    open_menu(page)
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert_accessible(page)


def test_the_about_and_accessibility_pages_are_axe_clean(portal, page):
    for path in ("/om-medborgarloften/", "/tillganglighet/", "/en/tillganglighet/"):
        page.goto(portal + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
