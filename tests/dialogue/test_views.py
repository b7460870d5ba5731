"""Answering: one form, three ways in; one answer per browser, not per network; no personal
data kept; the honeypot and the rate limit."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from dialogue import tokens
from dialogue.models import Answer, Group

from .factories import a_round, farsta

pytestmark = pytest.mark.django_db

OFFICE = "198.51.100.7"


def answer_url(round=None, group=None) -> str:
    if group is None:
        return reverse("dialogue:answer", args=["farsta"])
    token = tokens.way_in_token(round_id=round.pk, group=group)
    return reverse("dialogue:answer_link", args=["farsta", token])


def form_data(client: Client, url: str, **changes) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    district = re.search(r'<select name="district"[^>]*>.*?<option value="(\d+)"', html, re.S)
    return {
        "token": token,
        "relations": ["lives", "visits"],
        "district": district.group(1),
        "safety_day": "fairly_safe",
        "safety_evening": "very_unsafe",
        "concerns": ["violence", "groups"],
        "place_district": district.group(1),
        "place_text": "Gångtunneln vid torget",
        "place_time": "evening",
        "police_focus": "Mer närvaro på kvällarna.",
    } | changes


def send(client: Client, url: str, **changes):
    return client.post(url, form_data(client, url, **changes), REMOTE_ADDR=OFFICE)


def test_the_public_way_in_records_medborgare():
    a_round()
    response = send(Client(), answer_url())
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.group == Group.PUBLIC
    assert answer.concerns == ["violence", "groups"] and answer.lives and answer.visits


@pytest.mark.parametrize("group", [Group.STAFF, Group.PARTNER])
def test_the_staff_and_partner_links_record_their_group(group):
    round = a_round()
    assert send(Client(), answer_url(round, group)).status_code == 302
    assert Answer.objects.get().group == group


def test_a_changed_link_is_refused():
    round = a_round()
    url = answer_url(round, Group.PARTNER)[:-6] + "AAAAA/"
    assert Client().get(url).status_code == 400


def test_the_group_comes_from_the_signed_form_not_from_what_is_posted():
    a_round()
    client = Client()
    data = form_data(client, answer_url()) | {"group": "partner"}
    client.post(answer_url(), data)
    assert Answer.objects.get().group == Group.PUBLIC


def test_one_browser_answers_once_but_a_colleague_on_the_same_network_can():
    a_round()
    me, colleague = Client(), Client()
    assert send(me, answer_url()).status_code == 302
    second = me.get(answer_url())
    assert "Du har redan svarat" in second.content.decode()
    # Even a form fetched before answering cannot be sent again from this browser.
    assert "Du har redan svarat" in me.post(answer_url(), {"token": "x"}).content.decode()
    assert send(colleague, answer_url()).status_code == 302
    assert Answer.objects.count() == 2


def test_the_same_form_sent_twice_counts_once():
    a_round()
    client = Client()
    data = form_data(client, answer_url())
    client.post(answer_url(), data)
    client.cookies.clear()  # a bot that drops the cookie and replays the form
    client.post(answer_url(), data)
    assert Answer.objects.count() == 1


def test_nothing_about_the_sender_is_stored():
    a_round()
    client = Client(HTTP_USER_AGENT="ProbeAgent/9.9", HTTP_X_FORWARDED_FOR="203.0.113.99")
    url = answer_url()
    data = form_data(client, url) | {"email": "probe.person@example.org", "name": "Probe Person"}
    client.post(url, data, REMOTE_ADDR="192.0.2.55")
    answer = Answer.objects.get()
    stored = " ".join(str(v) for v in Answer.objects.filter(pk=answer.pk).values().get().values())
    for probe in ("ProbeAgent", "203.0.113.99", "192.0.2.55", "probe.person", "Probe Person"):
        assert probe not in stored
    assert (answer.received_hour.minute, answer.received_hour.second) == (0, 0)


def test_a_bot_filling_the_honeypot_is_refused():
    a_round()
    response = send(Client(), answer_url(), website="http://spam.example")
    assert response.status_code == 400 and not Answer.objects.exists()


def test_an_office_of_many_colleagues_is_not_blocked_but_a_flood_is(settings):
    settings.DIALOGUE_RATE_LIMIT = (30, 3600)
    a_round()
    for _ in range(30):
        assert send(Client(), answer_url()).status_code == 302
    assert send(Client(), answer_url()).status_code == 429
    assert Answer.objects.count() == 30


def test_a_missing_answer_is_named_and_nothing_is_saved():
    a_round()
    response = send(Client(), answer_url(), safety_evening="", relations=[])
    html = response.content.decode()
    assert response.status_code == 200 and not Answer.objects.exists()
    assert "Det finns fel i formuläret" in html
    assert "Välj hur trygg du känner dig kvällstid" in html
    assert 'href="#id_safety_evening"' in html and 'id="id_safety_evening"' in html


def test_the_form_in_english():
    a_round()
    html = Client().get("/en" + answer_url()).content.decode()
    assert 'lang="en"' in html and "<legend" in html
    assert "How safe do you feel in the district in the evening?" in html
    assert "Fairly unsafe" in html and "Send the answers" in html


def test_without_an_open_round_the_page_says_so():
    html = Client().get(answer_url()).content.decode()
    assert "Just nu pågår ingen trygghetsdialog" in html


def test_own_questions_are_asked():
    a_round(questions=["Hur upplever du belysningen?"])
    html = Client().get(answer_url()).content.decode()
    assert "Hur upplever du belysningen?" in html
    assert farsta().slug == "farsta"
