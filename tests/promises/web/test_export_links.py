"""Every export link carries the year of the page it is on (issue 18: "Aktiviteter (CSV)" on
"Översikt 2025" downloaded 2026)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.urls import reverse

from promises.models import Promise
from promises.services import promises_renew_through

pytestmark = pytest.mark.django_db

DOWNLOAD = re.compile(r'href="([^"]*(?:export|\.csv|\.xlsx|uppfoljning\.)[^"]*)"')


def download_links(html: str) -> list[str]:
    return [link.replace("&amp;", "&") for link in DOWNLOAD.findall(html)]


@pytest.fixture
def years():
    promises_renew_through(promises=Promise.objects.filter(year=2024), last_year=2026)


@time_machine.travel("2026-03-02 10:00 +01:00", tick=False)
@pytest.mark.parametrize(
    "page",
    [
        "promises:dashboard",
        "promises:followup",
        "safety_inventory:overview",
        "weekend_ops:capability",
        "weekend_ops:shift_list",
    ],
)
def test_each_export_link_carries_the_pages_year(client, officer, years, page):
    client.force_login(officer)
    response = client.get(reverse(page), {"year": 2025})
    assert response.status_code == 200
    links = download_links(response.content.decode())
    assert links, f"{page} offers no download"
    for link in links:
        assert parse_qs(urlsplit(link).query).get("year") == ["2025"], link


@time_machine.travel("2026-03-02 10:00 +01:00", tick=False)
def test_the_dashboards_activity_export_downloads_the_pages_year(client, officer, years):
    client.force_login(officer)
    html = client.get(reverse("promises:dashboard"), {"year": 2025}).content.decode()
    link = next(link for link in download_links(html) if "aktiviteter" in link)
    response = client.get(link)
    assert response.status_code == 200
    assert "aktiviteter-2025" in response["Content-Disposition"]
