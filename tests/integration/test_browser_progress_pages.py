"""In real Chromium: the public progress page, its English version, the dashboard and the
follow-up, on a phone and on a desktop screen, axe clean and nothing wider than the screen."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser import DESKTOP, PHONE, assert_accessible, assert_fits_the_screen
from tests.promises.factories import PASSWORD, UserFactory

from .years_of_data import seed_years

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("screen", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_public_page_and_dashboard(live_server, reference_data, page, screen):
    year = timezone.localdate().year
    seed_years(year - 1, year)
    UserFactory(username="lasare", role="reader")
    page.set_viewport_size(screen)

    for path in (f"/?year={year - 1}", f"/en/?year={year - 1}"):
        page.goto(live_server.url + path)
        expect(
            page.get_by_role("img", name=re.compile("Årets helger|weekends of the year", re.I))
        ).to_be_visible()
        expect(
            page.get_by_role("heading", name=re.compile("Per område|By district"))
        ).to_be_visible()
        assert_accessible(page)
        assert_fits_the_screen(page)

    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("lasare")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Översikt {year}")
    expect(page.get_by_text("Kommande samverkansmöten")).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)

    page.get_by_role("link", name="Årsuppföljning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Uppföljning {year}")
    assert_accessible(page)
    assert_fits_the_screen(page)
