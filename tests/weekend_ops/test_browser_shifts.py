"""In real Chromium on a phone-sized screen: an officer logs a Friday and a Saturday shift and
sees the weekend counted in the year view and on the public page; axe clean throughout."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from promises.models import Promise
from promises.services import promises_renew_through
from tests.browser import PHONE, assert_accessible, assert_fits_the_screen, open_menu
from tests.promises.factories import PASSWORD, UserFactory
from weekend_ops.rules import last_ended_weekend

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_shift(page, day):
    open_menu(page)
    page.get_by_role("link", name="Logga pass").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga pass")
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Farsta", exact=True).check()
    page.get_by_role("button", name="Spara pass").click()
    expect(page.get_by_text("Passet är sparat.")).to_be_visible()


def test_an_officer_logs_a_weekend_and_sees_it_counted(live_server, reference_data, page):
    today = timezone.localdate()
    friday = last_ended_weekend(today)
    promises_renew_through(promises=Promise.objects.in_year(2024), last_year=today.year)
    UserFactory(username="kommunpolis", first_name="Kim", last_name="Polis", role="officer")
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommunpolis")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Översikt"))

    # A bad date first: the error summary takes focus and names the rule.
    open_menu(page)
    page.get_by_role("link", name="Logga pass").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga pass")
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.get_by_label("Datum").fill((friday + timedelta(days=2)).isoformat())  # a Sunday
    page.get_by_role("button", name="Spara pass").click()
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("alert")).to_contain_text("fredag eller lördag")
    assert_accessible(page)

    log_shift(page, friday)
    assert_accessible(page)
    log_shift(page, friday + timedelta(days=1))

    open_menu(page)
    page.get_by_role("link", name="Helgsamverkan").click()
    page.goto(f"{live_server.url}/helgsamverkan/?year={friday.year}")
    expect(page.get_by_text("1 av 40 helger")).to_be_visible()
    row = page.locator(f"#helg-{friday.isoformat()}")
    expect(row).to_contain_text("Täckt")
    expect(row.get_by_role("cell").last).to_have_text("Ja")
    assert_accessible(page)
    assert_fits_the_screen(page)

    page.goto(f"{live_server.url}/?year={friday.year}")
    expect(page.get_by_text("1 av 40 helger")).to_be_visible()
    assert_accessible(page)
