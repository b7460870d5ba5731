"""The area travels with everything (issue 19): a visitor of the second demo area's pages
(Skärholmen) never lands on the first area's pages (Farsta) by a link, apart from the national
page of every area; the tracking page of a Skärholmen tip, its accessibility statement, the
header's name and the downloads all speak for Skärholmen."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse

from config import demo
from promises.models import PolicingArea
from safety_inventory.models import ActivityStatus, Signal
from weekend_ops.links import cancel_token
from weekend_ops.models import Meeting, Registration

pytestmark = pytest.mark.django_db

SECOND = "skarholmen"

# The pages at their old addresses serve the default area (Farsta): a link to one of them from
# another area's page leads out of that area.
DEFAULT_AREA_PAGES = {
    "promises:home",
    "promises:about",
    "promises:accessibility",
    "promises:report_archive",
    "promises:report_public",
    "promises:report_public_pdf",
    "promises:open_data",
    "weekend_ops:meeting_list",
    "safety_inventory:signal_create",
}
# Pages of no area: the national page of every area, signing in, the tip look-up form.
AREA_NEUTRAL = {
    "promises:areas",
    "login",
    "account_reset_password",
    "safety_inventory:signal_lookup",
}
# Staff sign in here: not a page of an area, and not followed further.
STAFF_ENTRY = {"login", "account_reset_password", "admin:index"}
DOWNLOAD_ENDINGS = (".pdf", ".json", ".csv", ".xlsx", ".ics")


class Links(HTMLParser):
    """The addresses of a page's links, and those of the header's name."""

    def __init__(self, content: bytes):
        super().__init__()
        self.hrefs: list[str] = []
        self.identity: list[str] = []
        self.feed(content.decode())

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
            if "portal-identity" in (attributes.get("class") or ""):
                self.identity.append(attributes["href"])


@pytest.fixture
def demo_data(db):
    demo.seed()


def tip_of_the_second_area() -> Signal:
    """A Skärholmen tip whose place has had a conducted activity (the page links to findings)."""
    return (
        Signal.objects.of_area(PolicingArea.objects.get(slug=SECOND))
        .filter(site__activities__status=ActivityStatus.CONDUCTED)
        .first()
    )


def starting_points() -> list[str]:
    area = PolicingArea.objects.get(slug=SECOND)
    meeting = Meeting.objects.of_area(area).listed().first()
    registration = (
        Registration.objects.active()
        .filter(meeting__in=Meeting.objects.of_area(area).listed())
        .first()
    )
    tip = tip_of_the_second_area().get_absolute_url()
    pages = [f"/{SECOND}/", f"/en/{SECOND}/", tip, f"/en{tip}", f"/{SECOND}/?year=2024"]
    if meeting is not None:
        pages.append(meeting.get_invitation_url())
    if registration is not None:
        pages.append(reverse("weekend_ops:registration_cancel", args=[cancel_token(registration)]))
    return pages


def where_a_link_leads(path: str) -> str | None:
    """The area whose page ``path`` is (a slug), "" for a page of no area, None when it is not
    one of ours."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if "area" in match.kwargs:
        return match.kwargs["area"]
    if match.view_name in DEFAULT_AREA_PAGES:
        return PolicingArea.objects.order_by("pk").first().slug  # the default area: Farsta
    return ""


def test_no_link_from_the_second_areas_public_pages_leads_to_another_area(client, demo_data):
    queue, seen, wrong, visited = starting_points(), set(), [], 0
    while queue and visited < 250:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        visited += 1
        if resolve(urlsplit(url).path).view_name in AREA_NEUTRAL:
            continue  # the national page links to every area: that is what it is for
        page_area = response.context["policing_area"] if response.context else None
        if page_area is None or page_area.slug != SECOND:
            wrong.append(f"{url} speaks for {page_area}")
        for link in Links(response.content).hrefs:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue  # another site, a mail address, an anchor on the page
            leads_to = where_a_link_leads(parts.path)
            if leads_to not in (None, "", SECOND):
                wrong.append(f"{url} -> {link}")
            if leads_to in ("", SECOND) and not parts.path.endswith(DOWNLOAD_ENDINGS):
                target = parts.path + (f"?{parts.query}" if parts.query else "")
                if where_a_link_leads(parts.path) == SECOND or resolve(
                    parts.path
                ).view_name not in (STAFF_ENTRY):
                    queue.append(target)
    assert visited >= 20, f"the walk reached only {visited} pages: {sorted(seen)}"
    assert wrong == [], "\n".join(wrong)


def test_a_tips_tracking_page_links_to_its_own_areas_findings_in_its_language(client, demo_data):
    tip = tip_of_the_second_area()
    year = tip.site.activities.filter(status=ActivityStatus.CONDUCTED).latest("date").date.year
    swedish = client.get(tip.get_absolute_url()).content.decode()
    assert f'href="/{SECOND}/?year={year}#safety_inventory"' in swedish
    english = client.get("/en" + tip.get_absolute_url()).content.decode()
    assert f'href="/en/{SECOND}/?year={year}#safety_inventory"' in english


def test_the_header_name_links_to_the_areas_own_page(client, demo_data):
    for path, home in ((f"/{SECOND}/tillganglighet/", f"/{SECOND}/"), ("/en/tipsa/", "/en/")):
        assert Links(client.get(path).content).identity == [home]


def test_each_area_gives_its_own_contact_address(client, demo_data, settings):
    settings.PORTAL_CONTACT_EMAIL = "fallback@example.org"
    farsta = client.get(reverse("promises:accessibility")).content.decode()
    assert 'href="mailto:tillganglighet.farsta@polisen.se"' in farsta
    second = client.get(f"/{SECOND}/tillganglighet/").content.decode()
    assert 'href="mailto:tillganglighet.skarholmen@example.org"' in second
    assert "tillganglighet.farsta@polisen.se" not in second
    PolicingArea.objects.filter(slug=SECOND).update(contact_email="")
    assert (
        "mailto:fallback@example.org" in client.get(f"/{SECOND}/tillganglighet/").content.decode()
    )


def test_farsta_keeps_its_address_through_the_data_migration():
    """A fresh database (the migrations, with their data migration) gives Farsta the address the
    setting gave before it became data."""
    assert PolicingArea.objects.get(slug="farsta").contact_email == (
        "tillganglighet.farsta@polisen.se"
    )


def test_two_areas_downloads_of_one_year_never_share_a_file_name(client, demo_data):
    year = 2024
    names = set()
    for prefix in ("", f"/{SECOND}"):
        for url in (
            f"{prefix}/arsrapporter/{year}.pdf",
            f"{prefix}/oppna-data/medborgarloften-{year}.json",
            f"{prefix}/oppna-data/medborgarloften-{year}.csv",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            names.add(response["Content-Disposition"].split("filename=")[1])
    assert len(names) == 6, names
    english = client.get(f"/en/{SECOND}/arsrapporter/{year}.pdf")
    assert 'filename="skarholmen-follow-up-2024.pdf"' in english["Content-Disposition"]
