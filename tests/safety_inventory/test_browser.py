"""In real Chromium: a citizen sends a signal on a phone and follows it; an officer answers the
flag by planning an inventory, records findings and measures, marks it conducted, and the public
page counts the site. axe clean throughout."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from promises.models import Promise
from promises.services import promises_renew_through
from safety_inventory.services import signal_receive
from tests.browser import PHONE, assert_accessible, assert_fits_the_screen
from tests.promises.factories import PASSWORD, UserFactory

from .factories import sites

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizens_signal_leads_to_a_counted_inventory(live_server, reference_data, page):
    today = timezone.localdate()
    promises_renew_through(promises=Promise.objects.in_year(2024), last_year=today.year)
    site = sites()[0]  # Hagsätra torg
    for _ in range(2):  # two neighbours have already written in
        signal_receive(district=site.district, site=site, category="lighting", description="Mörkt")
    UserFactory(username="kommunpolis", role="officer")
    page.set_viewport_size(PHONE)

    # The citizen
    page.goto(f"{live_server.url}/tipsa/")
    expect(page.get_by_text("Det här är inte en polisanmälan.")).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.get_by_label("Område").select_option(label="Hagsätra")
    page.get_by_label("Plats, om den finns i listan").select_option(
        label="Hagsätra torg (Hagsätra)"
    )
    page.get_by_label("Belysning").check()
    page.get_by_label("Vad har hänt eller vad gör platsen otrygg?").fill(
        "Lamporna vid uppgången är trasiga."
    )
    page.get_by_role("button", name="Skicka tipset").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ditt tips")
    # One sentence per state (issue 19): the flagged state names why.
    expect(page.get_by_text(re.compile(r"^Platsen är flaggad: "))).to_be_visible()
    tracking_url = page.url
    code = page.locator(".tracking-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    assert "Lamporna" not in page.content()
    assert_accessible(page)

    # The officer
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kommunpolis")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/trygghet/")
    assert_accessible(page)
    page.get_by_role("link", name="Planera insats").click()
    page.get_by_label("Trygghetsinventering").check()
    assert_accessible(page)
    page.get_by_role("button", name="Planera insatsen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Trygghetsinventering, Hagsätra torg"
    )
    page.get_by_role("link", name="Fyll i eller ändra protokollet").click()
    page.get_by_label("Genomförd").check()
    page.locator('[name="date"]').fill(today.isoformat())
    page.locator('[name="residents_count"]').fill("11")
    page.locator('[name="findings-0-category"]').select_option("lighting")
    page.locator('[name="findings-0-description"]').fill("Trasig belysning vid uppgången")
    page.locator('[name="measures-0-what"]').fill("Byta belysningen, Kalle på elfirman")
    page.locator('[name="measures-0-public_text"]').fill("Byta belysningen vid uppgången")
    page.locator('[name="measures-0-is_public"]').check()
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.get_by_role("button", name="Spara protokollet").click()
    expect(page.get_by_text("Protokollet är sparat.")).to_be_visible()
    expect(page.get_by_text("Byta belysningen, Kalle på elfirman")).to_be_visible()
    assert_accessible(page)

    # The public page counts the site; the citizen sees what happened.
    page.goto(f"{live_server.url}/?year={today.year}")
    expect(page.get_by_text("1 av 2 platser")).to_be_visible()
    expect(page.get_by_text("Byta belysningen vid uppgången – ej påbörjad")).to_be_visible()
    assert "Kalle" not in page.content()
    assert_accessible(page)
    page.goto(tracking_url)
    expect(
        page.get_by_text(re.compile("Polisen har genomfört en trygghetsinventering på platsen"))
    ).to_be_visible()
    expect(
        page.get_by_text(
            re.compile(r"Åtgärd på platsen \(ej påbörjad\): Byta belysningen vid uppgången")
        )
    ).to_be_visible()
    assert_accessible(page)
