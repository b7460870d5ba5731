"""In real Chromium on a phone: a partner registers for a meeting's last seat, a second joins the
waiting list, the first follows the e-mail's cancel link, and the waiting partner is promoted.
An officer cancels a meeting through its confirmation page. axe clean, 375 px wide."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from promises.models import Organisation
from tests.browser import PHONE, assert_accessible, assert_fits_the_screen
from tests.promises.factories import PASSWORD

from .meeting_factories import make_meeting, register

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_registration(page, *, name, email, organisation="Bostadsbolaget Söderhem"):
    page.get_by_label(re.compile(r"^\W*Namn\W*$")).fill(name)
    page.get_by_label(re.compile(r"^\W*Organisation\W*$")).fill(organisation)
    page.get_by_label("Typ av organisation").select_option(label="Bostadsbolag")
    page.get_by_label("Din roll").fill("Fastighetsvärd")
    page.get_by_label("E-post").fill(email)
    page.get_by_label(re.compile("Jag samtycker")).check()


def test_a_partner_registers_cancels_and_the_waitlist_moves_up(live_server, reference_data, page):
    meeting = make_meeting(seats=1, title="Samverkansmöte Hagsätra")
    mail.outbox.clear()
    page.set_viewport_size(PHONE)

    page.goto(f"{live_server.url}/moten/")
    assert_accessible(page)
    page.get_by_role("link", name="Samverkansmöte Hagsätra").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samverkansmöte Hagsätra")
    expect(page.get_by_text("Farstaplan 10, Farsta")).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)

    # A careless first try: no organisation, a line break smuggled in by nobody; the summary says.
    page.get_by_role("button", name="Anmäl dig").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv namnet på din organisation.")
    assert_accessible(page)
    fill_registration(page, name="Anna Berg", email="anna@example.org")
    page.get_by_role("button", name="Anmäl dig").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för din anmälan")
    assert_accessible(page)
    assert_fits_the_screen(page)
    assert Organisation.objects.get(name="Bostadsbolaget Söderhem").status == "to_review"

    # The meeting is now full: the next partner is offered the waiting list.
    page.goto(f"{live_server.url}{meeting.get_invitation_url()}")
    fill_registration(page, name="Bo Ek", email="bo@example.org")
    page.get_by_role("button", name="Ställ mig på väntelistan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för din anmälan")
    waiting_mail = next(m for m in mail.outbox if m.to == ["bo@example.org"])
    assert "på plats 1" in waiting_mail.body

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

    promoted = [m for m in mail.outbox if m.to == ["bo@example.org"]]
    assert [m.subject for m in promoted][-1] == "Du har fått en plats: Samverkansmöte Hagsätra"

    page.goto(f"{live_server.url}/{path[:-3]}xy/")  # a changed link
    expect(page.get_by_role("heading", level=1)).to_have_text("Länken fungerar inte")
    assert_accessible(page)


def test_a_waiting_partners_cancel_page_and_an_officers_cancellation(
    live_server, reference_data, page
):
    from tests.promises.factories import UserFactory
    from weekend_ops.links import cancel_token

    meeting = make_meeting(seats=1, title="Samverkansmöte Rågsved")
    register(meeting, 1)
    waiting = register(meeting, 2)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/moten/avanmal/{cancel_token(waiting)}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lämna väntelistan")
    expect(page.get_by_text("på plats 1")).to_be_visible()
    expect(page.get_by_text("går då till den som står först")).to_have_count(0)
    assert_accessible(page)

    UserFactory(username="kp", role="officer")
    page.goto(f"{live_server.url}/konto/logga-in/?next={meeting.get_absolute_url()}")
    page.get_by_label("Användarnamn").fill("kp")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Logga in")).click()
    page.get_by_role("link", name="Ställ in mötet").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ställ in mötet")
    expect(page.get_by_text("Person 2")).to_be_visible()
    assert_accessible(page)
    assert_fits_the_screen(page)
    page.get_by_role("button", name="Ställ in mötet och skicka mejlen").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv kort varför mötet ställs in.")
    page.get_by_label("Skäl").fill("Lokalen är vattenskadad.")
    page.get_by_role("button", name="Ställ in mötet och skicka mejlen").click()
    expect(page.get_by_text("Mötet är inställt.")).to_be_visible()
    assert_accessible(page)
