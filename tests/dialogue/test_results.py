"""Public results: the same figures on the page, in the API, the open data and the annual
report; no free text anywhere public; suppression applied; staff void a flood; the poster's QR
code leads to the round."""

import csv
import io
import json
import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from dialogue.models import Answer, Round
from dialogue.selectors import round_results
from dialogue.services import answer_texts_purge, place_follow_up, window_void
from promises.reports.annual import report_figures

from .factories import a_closed_round, an_answer, farsta

pytestmark = pytest.mark.django_db

PROBE = "Sondtext-7f3a9"
YEAR = timezone.localdate().year - 1


def a_round_with_answers():
    round = a_closed_round(year=YEAR)
    first, second, third = round.districts.order_by("name")[:3]
    for i in range(12):
        an_answer(
            round,
            district=first,
            safety_day="very_safe" if i % 2 else "fairly_safe",
            safety_evening="fairly_unsafe",
            concerns=["violence", "drugs"] if i % 3 else ["violence"],
            place_district=first,
            place_text=f"{PROBE} plats",
            place_time="evening",
            police_focus=f"{PROBE} fokus",
        )
    for _ in range(7):
        an_answer(round, district=second, group="staff", safety_evening="neither")
    for _ in range(2):  # under the threshold
        an_answer(round, district=third, group="partner", safety_day="very_unsafe")
    return round


def public_texts(client: Client, round) -> dict[str, str]:
    area = "farsta"
    return {
        "page": client.get(reverse("dialogue:results", args=[area]), {"year": YEAR}),
        "page_en": client.get("/en" + reverse("dialogue:results", args=[area]), {"year": YEAR}),
        "api": client.get(reverse("dialogue_api:area_dialogue", args=[area]), {"year": YEAR}),
        "json": client.get(reverse("dialogue:open_data", args=[area, YEAR, "json"])),
        "csv": client.get(reverse("dialogue:open_data", args=[area, YEAR, "csv"])),
        "home": client.get(reverse("promises:area_home", args=[area])),
    }


def test_no_free_text_on_any_public_page_api_or_open_data():
    round = a_round_with_answers()
    for name, response in public_texts(Client(), round).items():
        assert response.status_code == 200, name
        assert PROBE not in response.content.decode("utf-8-sig"), name


def test_the_figures_agree_on_page_api_open_data_and_report(client):
    round = a_round_with_answers()
    results = round_results(round)
    responses = public_texts(client, round)
    api = responses["api"].json()
    opened = json.loads(responses["json"].content)
    report = report_figures(area=farsta(), year=YEAR + 1)["sections"]["dialogue"]["results"]
    for other in (api, opened, report):
        for key in ("answers", "safety", "districts", "concerns", "places", "threshold"):
            assert other[key] == json.loads(json.dumps(results[key])), key
    # The page shows the same: totals, a suppressed group, the mean.
    page = responses["page"].content.decode()
    assert "Antal svar: 21." in page
    assert "färre än 5 svar" in page and "visas inte" in page
    # ... and the CSV is the same figures a row each.
    rows = list(
        csv.reader(io.StringIO(responses["csv"].content.decode("utf-8-sig")), delimiter=";")
    )
    by_key = {(r[2], r[3], r[4]): r for r in rows[1:]}
    assert by_key[("answers", "all", "count")][5] == "21"
    assert by_key[("group", "partner", "count")][5:] == ["", "fewer_than_threshold"]


def test_a_small_group_is_suppressed_with_its_complement():
    results = round_results(a_round_with_answers())
    groups = {row["group"]: row for row in results["answers"]["by_group"]}
    assert groups["public"]["count"] == 12
    assert groups["partner"]["suppressed"] == "fewer_than_threshold"
    # The total is published, so the next smallest group is hidden too.
    assert groups["staff"]["suppressed"] == "hidden_to_protect"
    means = [row["day"] for row in results["districts"]]
    # The district of 12 answers has its mean (6 very safe, 6 fairly safe); the one of 2 not.
    assert {"mean": 4.5, "count": 12} in means
    assert all(m["count"] in (None, 12, 7) for m in means)
    assert sum(1 for m in means if m["mean"] is None) >= 1


def test_the_results_cost_the_same_queries_however_many_answers(django_assert_max_num_queries):
    round = a_round_with_answers()
    with django_assert_max_num_queries(12):
        round_results(round)
    for _ in range(30):
        an_answer(round)
    with django_assert_max_num_queries(12):
        round_results(round)


def test_an_open_round_has_no_public_results():
    from .factories import a_round

    a_round()
    response = Client().get(reverse("dialogue:results", args=["farsta"]))
    assert response.status_code == 404
    api = Client().get(reverse("dialogue_api:area_dialogue", args=["farsta"]))
    assert api.status_code == 404 and "error" in api.json()


def test_the_api_refuses_a_malformed_year():
    a_round_with_answers()
    response = Client().get(reverse("dialogue_api:area_dialogue", args=["farsta"]), {"year": "x"})
    assert response.status_code == 400 and "year" in response.json()["error"]


def test_staff_void_a_flood_and_it_no_longer_counts(officer):
    round = a_round_with_answers()
    moment = datetime(YEAR, 3, 20, 3, tzinfo=ZoneInfo("Europe/Stockholm"))
    for _ in range(40):
        an_answer(round, now=moment, safety_day="very_unsafe")
    assert round_results(round)["answers"]["total"]["count"] == 61
    window, count = window_void(
        round=round,
        starts_at=moment,
        ends_at=moment + timedelta(hours=1),
        reason="Fyrtio likadana svar på en timme mitt i natten.",
        user=officer,
    )
    assert count == 40 and window.answers.count() == 40
    assert round_results(round)["answers"]["total"]["count"] == 21


def test_the_answers_page_shows_answers_per_day(client, officer):
    round = a_round_with_answers()
    officer.policing_areas.add(farsta())
    client.force_login(officer)
    page = client.get(reverse("dialogue:answers", args=[round.pk])).content.decode()
    assert "Svar per dag" in page and "<td>21</td>" in page


def test_free_texts_are_for_officers_and_are_guarded(client, officer, reader):
    round = a_round_with_answers()
    an_answer(round, police_focus="Ring mig på 070-123 45 67")
    for user in (officer, reader):
        user.policing_areas.add(farsta())
    client.force_login(reader)
    assert PROBE not in client.get(round.get_absolute_url()).content.decode()
    client.force_login(officer)
    page = client.get(round.get_absolute_url()).content.decode()
    assert f"{PROBE} fokus" in page and "telefonnummer" in page


def test_free_texts_are_deleted_after_the_retention_period_and_the_figures_stay():
    round = a_round_with_answers()
    before = round_results(round)
    assert answer_texts_purge(older_than_days=0) == 12
    assert not Answer.objects.filter(police_focus__contains=PROBE).exists()
    assert not Answer.objects.filter(place_text__contains=PROBE).exists()
    assert round_results(round)["answers"] == before["answers"]


def test_a_place_named_becomes_a_site_to_follow_up_through_the_core():
    from safety_inventory.models import Site

    round = a_round_with_answers()
    answer = Answer.objects.filter(round=round).exclude(place_district=None).first()
    url = place_follow_up(answer=answer, target="site", name="Gångtunneln vid torget")
    site = Site.objects.get(name="Gångtunneln vid torget")
    assert url == site.get_absolute_url() and site.district == answer.place_district


def test_the_posters_qr_code_leads_to_the_round(client, officer, tmp_path):
    import zxingcpp
    from PIL import Image

    round = a_round_with_answers()
    officer.policing_areas.add(farsta())
    client.force_login(officer)
    response = client.get(reverse("dialogue:poster", args=[round.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(
        ["pdftoppm", "-r", "100", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png")))
    assert image.size[1] > image.size[0]  # portrait A4
    decoded = [r.text for r in zxingcpp.read_barcodes(image)]
    assert decoded == ["http://testserver" + reverse("dialogue:answer", args=["farsta"])]


def test_the_english_results_mark_the_rounds_swedish_words(client):
    round = a_round_with_answers()
    Round.objects.filter(pk=round.pk).update(summary="Många känner sig otrygga vid torget.")
    page = public_texts(client, round)["page_en"].content.decode()
    assert f'<span lang="sv">{round.title}</span>' in page
    assert '<div lang="sv"><p>Många känner sig otrygga vid torget.</p></div>' in page
    swedish = public_texts(client, round)["page"].content.decode()
    assert 'lang="sv"' not in swedish.split("<main", 1)[1]  # the page itself is Swedish
