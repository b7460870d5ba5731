"""In real Chromium on a phone: a partner registers for a full meeting's last seat, gets the
e-mail, follows its cancel link, and the first waitlisted partner is promoted. axe clean."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser import PHONE, assert_accessible, assert_fits_the_screen

from .meeting_factories import make_meeting, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_registers_cancels_and_the_waitlist_moves_up(live_server, reference_data, page):
    meeting = make_meeting(seats=1, title="Samverkansmöte Hagsätra")
    mail.outbox.clear()
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/moten/")
    assert_accessible(page)
    page.get_by_role("link", name="Samverkansmöte Hagsätra").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samverkansmöte Hagsätra")
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.get_by_label("Namn").fill("Anna Berg")
    page.get_by_label("Ny organisation").fill("Bostadsbolaget Söderhem")
    page.get_by_label("Typ av organisation").select_option(label="Bostadsbolag")
    page.get_by_label("Din roll").fill("Fastighetsvärd")
    page.get_by_label("E-post").fill("anna@example.org")
    page.get_by_label(re.compile("Jag samtycker")).check()
    page.get_by_role("button", name="Anmäl dig").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du är anmäld")
    assert_accessible(page)

    waiting = register(meeting, 2)  # the meeting is now full
    assert waiting.status == "waitlisted"

    confirmation = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert confirmation.attachments[0][0] == "mote.ics"
    link = re.search(r"http\S+/moten/avanmal/\S+/", confirmation.body).group(0)
    path = link.split("/", 3)[3]
    page.goto(f"{live_server.url}/{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Avanmäl dig")
    assert_accessible(page)
    page.get_by_role("button", name="Ja, avanmäl mig").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Du är avanmäld")
    assert_accessible(page)

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    promoted = [m for m in mail.outbox if m.to == ["person2@example.org"]]
    assert [m.subject for m in promoted][-1] == "Du har fått en plats: Samverkansmöte Hagsätra"

    page.goto(f"{live_server.url}/{path[:-3]}xy/")  # a changed link
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")
    assert_accessible(page)
