"""In real Chromium on a 375 px phone: a citizen answers the trygghetsdialog with the keyboard
only (Tab, Space, arrows, Enter), meets the error summary first, and the results page of last
year's round reads at that width. axe clean throughout."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dialogue.models import Answer, Group
from tests.browser import PHONE, assert_accessible, assert_fits_the_screen

from .factories import a_closed_round, a_round, an_answer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element ``selector`` has the focus (keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_answering_on_a_phone_with_the_keyboard_only(live_server, reference_data, page):
    year = timezone.localdate().year
    a_round(title="Trygghetsdialog")
    last = a_closed_round(year=year - 1)
    for i in range(12):
        an_answer(last, safety_evening="fairly_unsafe" if i % 2 else "neither")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/farsta/trygghetsdialog/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trygghetsdialog")
    assert_accessible(page)
    assert_fits_the_screen(page)

    # Sending too early: the error summary names what is missing and takes the focus.
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Välj hur trygg du känner dig kvällstid")
    expect(summary).to_be_focused()
    assert_accessible(page)

    tab_to(page, "#id_relations_0")
    page.keyboard.press("Space")  # Jag bor här
    tab_to(page, "#id_district")
    page.keyboard.press("ArrowDown")
    tab_to(page, "input[name=safety_day]")
    page.keyboard.press("ArrowDown")  # from the first step to "Ganska trygg"
    tab_to(page, "input[name=safety_evening]")
    for _ in range(3):
        page.keyboard.press("ArrowDown")  # "Ganska otrygg"
    tab_to(page, "#id_concerns_0")
    page.keyboard.press("Space")  # Våldsbrott
    tab_to(page, "#id_police_focus")
    page.keyboard.type("Mer närvaro vid centrum på kvällen.")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Tack för dina svar")
    assert_accessible(page)
    answer = Answer.objects.filter(round__year=year).get()
    assert (answer.group, answer.lives, answer.safety_day, answer.safety_evening) == (
        Group.PUBLIC,
        True,
        "fairly_safe",
        "fairly_unsafe",
    )
    assert answer.concerns == ["violence"]

    # The same browser cannot answer again.
    page.goto(f"{live_server.url}/farsta/trygghetsdialog/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har redan svarat")

    # Last year's results at 375 px: charts with text, tables, nothing too wide.
    page.goto(f"{live_server.url}/farsta/trygghetsdialog/resultat/?year={year - 1}")
    expect(page.get_by_role("img", name="Kvällstid")).to_be_visible()
    assert "Mer närvaro" not in page.content()
    assert_accessible(page)
    assert_fits_the_screen(page)


def test_every_dialogue_page_is_axe_clean_and_fits_a_phone(live_server, reference_data, page):
    from django.urls import reverse

    from config import demo
    from dialogue.models import Answer, Round

    demo.seed()
    year = timezone.localdate().year
    page.set_viewport_size(PHONE)
    for path in [
        reverse("dialogue:answer", args=["farsta"]),
        "/en" + reverse("dialogue:answer", args=["skarholmen"]),
        reverse("dialogue:results", args=["farsta"]) + f"?year={year - 1}",
        "/en" + reverse("dialogue:results", args=["skarholmen"]),
        reverse("promises:area_home", args=["farsta"]),
    ]:
        page.goto(live_server.url + path)
        assert_accessible(page)
        assert_fits_the_screen(page)

    officer = next(login for login in demo.DEMO_LOGINS if login.role == "officer")
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Användarnamn").fill(officer.username)
    page.get_by_label("Lösenord").fill(officer.password)
    page.get_by_role("button", name="Logga in").click()
    closed = Round.objects.get(policing_area__slug="farsta", year=year - 1)
    placed = Answer.objects.filter(round=closed).exclude(place_district=None).first()
    for path in [
        reverse("dialogue:round_list"),
        reverse("dialogue:round_create"),
        closed.get_absolute_url(),
        reverse("dialogue:round_update", args=[closed.pk]),
        reverse("dialogue:answers", args=[closed.pk]),
        reverse("dialogue:citation_create", args=[closed.pk]),
        reverse("dialogue:place_follow_up", args=[placed.pk]),
        "/en" + closed.get_absolute_url(),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page)
        assert_fits_the_screen(page)
