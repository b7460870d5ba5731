"""English data fields with a Swedish fallback (issue 11, item 8)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from portal.translated import localized
from promises.models import District, Promise
from promises.services import promise_renew
from safety_inventory.models import Site
from tests.safety_inventory.factories import conducted, sites


def test_the_english_value_is_used_on_english_pages_and_swedish_otherwise():
    promise = Promise(title="Helgsamverkan", title_en="Weekend collaboration")
    assert localized(promise, "title", "en") == "Weekend collaboration"
    assert localized(promise, "title", "sv") == "Helgsamverkan"
    assert localized(Promise(title="Helgsamverkan"), "title", "en") == "Helgsamverkan"


@pytest.mark.django_db
@time_machine.travel("2024-11-01 12:00 +01:00", tick=False)
def test_the_english_public_page_shows_english_titles_names_kinds_and_statuses(client):
    site = sites()[0]
    Site.objects.filter(pk=site.pk).update(name_en="Hagsätra Square")
    District.objects.filter(name="Hagsätra").update(name_en="Hagsatra (en)")
    conducted(Site.objects.get(pk=site.pk), date(2024, 3, 1))
    english = client.get("/en/").content.decode()
    for text in (
        "Weekend collaboration",
        "Citizens&#x27; safety in focus",
        "Hagsätra Square",
        "Hagsatra (en)",
        "safety inventory",
    ):
        assert text in english, text
    assert "Helgsamverkan" not in english and "Trygghetsinventering" not in english
    assert "Police · Local police area Farsta" in english
    swedish = client.get("/").content.decode()
    assert "Helgsamverkan" in swedish and "Hagsätra torg" in swedish
    assert "Hagsatra (en)" not in swedish


@pytest.mark.django_db
def test_renewed_promises_keep_their_english_texts_and_the_api_gives_them(client):
    for promise in Promise.objects.in_year(2024):
        assert promise.title_en and promise.summary_en
    renewed, _ = promise_renew(promise=Promise.objects.get(year=2024, kind="safety_inventory"))
    assert renewed.title_en == "Citizens' safety in focus"
    data = client.get(reverse("api:progress"), {"year": 2024}).json()
    assert {p["title_en"] for p in data["promises"]} == {
        "Weekend collaboration",
        "Citizens' safety in focus",
    }
