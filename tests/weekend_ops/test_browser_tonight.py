"""In real Chromium at 375 px: on Friday evening an officer logs the shift they are on in a few
taps; the next morning one tap marks it done. axe clean throughout (issue 10)."""

import re
from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from promises.models import Promise
from promises.services import promises_renew_through
from tests.browser import PHONE, assert_accessible, assert_fits_the_screen, open_menu
from tests.promises.factories import PASSWORD, UserFactory
from weekend_ops.demo import ensure_hotspots
from weekend_ops.models import Shift, ShiftStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FRIDAY = date(2026, 11, 27)


def log_in(page, live_server):
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommunpolis")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Översikt"))


def test_tonights_shift_is_logged_in_a_few_taps_and_marked_done_after(
    live_server, reference_data, page
):
    promises_renew_through(promises=Promise.objects.in_year(2024), last_year=2026)
    UserFactory(username="kommunpolis", first_name="Kim", last_name="Polis", role="officer")
    hotspot = ensure_hotspots(Promise.objects.first().policing_area)[0]
    page.set_viewport_size(PHONE)

    with time_machine.travel("2026-11-27 22:30 +01:00", tick=True):
        log_in(page, live_server)
        # Tap 1: the menu; tap 2: "Logga pass"; tap 3: the hotspot; tap 4: save.
        open_menu(page)
        page.get_by_role("link", name="Logga pass").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Logga pass")
        expect(page.get_by_label("Datum")).to_have_value(FRIDAY.isoformat())
        expect(page.get_by_label("Planerat")).to_be_checked()
        assert_accessible(page)
        assert_fits_the_screen(page)
        page.get_by_label(str(hotspot)).check()
        page.get_by_role("button", name="Spara pass").click()
        expect(page.get_by_text("Passet är sparat som pågående.")).to_be_visible()
        expect(page.get_by_text("Passet pågår.")).to_be_visible()
        assert_accessible(page)
        shift = Shift.objects.get()
        assert (shift.status, list(shift.districts.all())) == (
            ShiftStatus.PLANNED,
            [hotspot.district],
        )

    with time_machine.travel("2026-11-28 08:15 +01:00", tick=True):
        log_in(page, live_server)  # the night's session has ended
        expect(page.get_by_text("Pass att bekräfta")).to_be_visible()
        open_menu(page)
        page.get_by_role("link", name="Helgsamverkan").click()
        section = page.get_by_role("region", name="Dina pass att bekräfta")
        expect(section).to_be_visible()
        assert_accessible(page)
        assert_fits_the_screen(page)
        section.get_by_role("button", name="Markera som genomfört").click()
        expect(page.get_by_text("Passet är markerat som genomfört.")).to_be_visible()
        assert_accessible(page)
        shift.refresh_from_db()
        assert shift.status == ShiftStatus.COMPLETED
