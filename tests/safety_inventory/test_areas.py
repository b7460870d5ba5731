"""Many policing areas: an officer sees and changes only their area's places, activities,
signals and flags; the public tip form is per area; list pages cost the same few queries
whatever the amount of data, with a second area present."""

from datetime import date

import pytest
from django.urls import reverse

from promises.models import District, PolicingArea
from safety_inventory.demo import seed
from safety_inventory.models import Flag, Measure, Signal, SignalSource, Site
from safety_inventory.services import signal_receive, site_create
from tests.promises.factories import BoroughAreaFactory, DistrictFactory, UserFactory

from .factories import conducted, sites

# Every name of the second area contains this, so that a leak shows in any page.
OTHER = "Bredäng"


@pytest.fixture
def other_area(db):
    """Skärholmen, added as an admin would: its borough, a district, a site with history."""
    area = PolicingArea.objects.create(slug="skarholmen", name="Skärholmen")
    borough = BoroughAreaFactory(policing_area=area, slug="skarholmen", name="Skärholmen")
    district = DistrictFactory(borough=borough, slug="bredang", name=OTHER)
    site = site_create(district=district, name=f"{OTHER}s torg")
    activity = conducted(site, date(2024, 3, 1))
    activity.findings.create(category="lighting", description=f"Mörkt i {OTHER}")
    Measure.objects.create(activity=activity, what=f"Lampor i {OTHER}", due_date=date(2024, 4, 1))
    signal_receive(
        district=district, site=site, category="lighting", description=f"Mörkt i {OTHER}"
    )
    signal_receive(
        district=district,
        site=site,
        category="other",
        description=f"Polisen såg det i {OTHER}",
        source=SignalSource.OFFICER,
    )
    unplaced = signal_receive(
        district=district,
        place_text=f"Parken i {OTHER}",
        category="other",
        description=f"Otryggt i {OTHER}",
    )
    return {
        "area": area,
        "district": district,
        "site": site,
        "activity": activity,
        "flag": Flag.objects.get(site=site),
        "signal": unplaced,
    }


# Every staff address of an object, with how to find the other area's object.
OBJECT_URLS = [
    ("safety_inventory:site_detail", "get", lambda b: {"pk": b["site"].pk}),
    ("safety_inventory:activity_create", "get", lambda b: {"site_pk": b["site"].pk}),
    ("safety_inventory:activity_create", "post", lambda b: {"site_pk": b["site"].pk}),
    ("safety_inventory:activity_detail", "get", lambda b: {"pk": b["activity"].pk}),
    ("safety_inventory:activity_update", "get", lambda b: {"pk": b["activity"].pk}),
    ("safety_inventory:activity_update", "post", lambda b: {"pk": b["activity"].pk}),
    ("safety_inventory:signal_link", "post", lambda b: {"pk": b["signal"].pk}),
    ("safety_inventory:flag_answer", "get", lambda b: {"pk": b["flag"].pk}),
    ("safety_inventory:flag_answer", "post", lambda b: {"pk": b["flag"].pk}),
    ("safety_inventory:flag_dismiss", "get", lambda b: {"pk": b["flag"].pk}),
    ("safety_inventory:flag_dismiss", "post", lambda b: {"pk": b["flag"].pk}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "kwargs"), OBJECT_URLS)
def test_an_officer_gets_404_for_every_object_of_another_area(
    client, officer, other_area, name, method, kwargs
):
    client.force_login(officer)
    url = reverse(name, kwargs=kwargs(other_area))
    response = getattr(client, method)(url, {"site": other_area["site"].pk})
    assert response.status_code == 404
    # ... and the officer of that area gets the same address.
    client.force_login(UserFactory(role="officer", areas=[other_area["area"]]))
    assert getattr(client, method)(url, {"site": other_area["site"].pk}).status_code != 404


@pytest.mark.django_db
def test_a_reader_gets_404_for_the_places_and_activities_of_another_area(
    client, reader, other_area
):
    client.force_login(reader)
    assert client.get(other_area["site"].get_absolute_url()).status_code == 404
    assert client.get(other_area["activity"].get_absolute_url()).status_code == 404
    assert client.get(sites()[0].get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_nothing_of_another_area_changes_through_a_refused_address(client, officer, other_area):
    client.force_login(officer)
    farsta_site = sites()[0]
    client.post(
        reverse("safety_inventory:signal_link", args=[other_area["signal"].pk]),
        {"site": farsta_site.pk},
    )
    client.post(
        reverse("safety_inventory:flag_dismiss", args=[other_area["flag"].pk]),
        {"reason": "Vi har redan varit där flera gånger och ser ingen ny utveckling."},
    )
    assert Signal.objects.get(pk=other_area["signal"].pk).site is None
    assert Flag.objects.get(pk=other_area["flag"].pk).status == "open"


STAFF_PAGES = [
    ("safety_inventory:overview", {}),
    ("safety_inventory:signal_list", {}),
    ("safety_inventory:measures_overdue", {}),
    ("safety_inventory:observation_create", {}),
    ("safety_inventory:site_create", {}),
]
EXPORTS = ["aktiviteter", "iakttagelser", "atgarder"]


def _own_area_rows():
    """Farsta's rows of the same kinds as the other area's."""
    site = sites()[0]
    activity = conducted(site, date(2024, 3, 2))
    activity.findings.create(category="lighting", description="Mörkt i Hagsätra")
    Measure.objects.create(activity=activity, what="Lampor i Hagsätra", due_date=date(2024, 4, 1))
    signal_receive(district=site.district, place_text="Parken", category="other", description="x")
    signal_receive(
        district=site.district,
        site=site,
        category="other",
        description="Polisen såg det",
        source=SignalSource.OFFICER,
    )
    return site


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs"), STAFF_PAGES)
def test_lists_and_forms_show_only_the_officers_area(client, officer, other_area, name, kwargs):
    _own_area_rows()
    client.force_login(officer)
    html = client.get(reverse(name, kwargs=kwargs)).content.decode()
    assert OTHER not in html
    assert "Hagsätra" in html
    client.force_login(UserFactory(role="officer", areas=[other_area["area"]]))
    html = client.get(reverse(name, kwargs=kwargs)).content.decode()
    assert OTHER in html and "Hagsätra" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("what", EXPORTS)
def test_exports_hold_only_the_readers_area(client, reader, other_area, what):
    _own_area_rows()
    client.force_login(reader)
    url = reverse("safety_inventory:export", args=[what, "csv"])
    text = client.get(url, {"year": 2024}).content.decode("utf-8-sig")
    assert OTHER not in text and "Hagsätra" in text
    client.force_login(UserFactory(role="reader", areas=[other_area["area"]]))
    text = client.get(url, {"year": 2024}).content.decode("utf-8-sig")
    assert OTHER in text and "Hagsätra" not in text


@pytest.mark.django_db
def test_an_officer_cannot_file_a_site_or_observation_in_another_area(client, officer, other_area):
    client.force_login(officer)
    response = client.post(
        reverse("safety_inventory:site_create"),
        {"district": other_area["district"].pk, "name": "Smyg"},
    )
    assert response.status_code == 200 and not Site.objects.filter(name="Smyg").exists()
    before = Signal.objects.count()
    client.post(
        reverse("safety_inventory:observation_create"),
        {
            "site": other_area["site"].pk,
            "category": "other",
            "description": "Smyg",
            "occurred_on": "2024-03-01",
        },
    )
    assert Signal.objects.count() == before


# --- The public tip form per area ------------------------------------------------------------


def _options(html: str, names) -> set[str]:
    return {name for name in names if name in html}


@pytest.mark.django_db
def test_the_tip_form_of_an_area_offers_its_districts_and_sites_only(client, other_area):
    farsta_names = [s.name for s in sites()] + ["Hagsätra", "Farsta"]
    url = reverse("safety_inventory:area_signal_create", kwargs={"area": "skarholmen"})
    html = client.get(url).content.decode()
    assert f"{OTHER}s torg" in html and "Skärholmen" in html
    assert _options(html, farsta_names) == set()
    old = client.get(reverse("safety_inventory:signal_create")).content.decode()
    assert OTHER not in old and "Hagsätra" in old
    english = client.get("/en/skarholmen/tipsa/")
    assert english.status_code == 200 and f"{OTHER}s torg" in english.content.decode()


@pytest.mark.django_db
def test_a_tip_sent_to_an_area_lands_there_and_is_followed_by_code(client, other_area):
    url = reverse("safety_inventory:area_signal_create", kwargs={"area": "skarholmen"})
    hagsatra = District.objects.get(name="Hagsätra")
    tip = {
        "district": hagsatra.pk,
        "site": "",
        "place_text": "Tunneln",
        "category": "lighting",
        "description": "Mörkt",
        "occurred_on": "",
        "email": "",
        "website": "",
    }
    assert client.post(url, tip).status_code == 200  # Farsta's district: not a choice here
    assert not Signal.objects.filter(place_text="Tunneln").exists()
    tip["district"] = other_area["district"].pk
    response = client.post(url, tip)
    signal = Signal.objects.get(place_text="Tunneln")
    assert response.status_code == 302 and response["Location"] == signal.get_absolute_url()
    assert Signal.objects.of_area(other_area["area"]).filter(pk=signal.pk).exists()
    page = client.get(signal.get_absolute_url()).content.decode()
    assert "Lokalpolisområde Skärholmen" in page and "Farsta" not in page


@pytest.mark.django_db
def test_an_unknown_area_has_no_tip_form(client):
    url = reverse("safety_inventory:area_signal_create", kwargs={"area": "ingenstans"})
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_menu_links_to_the_tip_form_of_the_area_shown(client, other_area):
    url = reverse("safety_inventory:area_signal_create", kwargs={"area": "skarholmen"})
    html = client.get(url).content.decode()
    assert f'href="{url}"' in html
    farsta = reverse("safety_inventory:area_signal_create", kwargs={"area": "farsta"})
    assert f'href="{farsta}"' in client.get(reverse("promises:about")).content.decode()


# --- Query counts of the list pages -----------------------------------------------------------


def _more_rows(site, n: int):
    """``n`` more of everything the safety list pages show, at ``site`` (and unplaced)."""
    for i in range(n):
        activity = conducted(site, date(2024, 5, 1 + i))
        activity.findings.create(category="lighting", description=f"Fynd {i}")
        Measure.objects.create(activity=activity, what=f"Åtgärd {i}", due_date=date(2024, 6, 1))
        signal_receive(
            district=site.district, place_text=f"Plats {i}", category="other", description="x"
        )
        signal_receive(district=site.district, site=site, category="other", description="y")
    other_site = site_create(district=site.district, name=f"Ny plats {n}")
    signal_receive(
        district=site.district,
        site=other_site,
        category="other",
        description="Polisen såg det",
        source=SignalSource.OFFICER,
    )


LIST_PAGES = {
    "overview": lambda site, activity: reverse("safety_inventory:overview"),
    "signal_list": lambda site, activity: reverse("safety_inventory:signal_list"),
    "measures_overdue": lambda site, activity: reverse("safety_inventory:measures_overdue"),
    "site_detail": lambda site, activity: site.get_absolute_url(),
    "activity_detail": lambda site, activity: activity.get_absolute_url(),
    "export": lambda site, activity: (
        reverse("safety_inventory:export", args=["atgarder", "csv"]) + "?year=2024"
    ),
}
# The session, the user with their roles, their area, and the page's own reads: the
# same with 1 or 12 rows of each kind, whatever the other area holds.
QUERIES = {
    "overview": 8,
    "signal_list": 7,
    "measures_overdue": 5,
    "site_detail": 11,
    "activity_detail": 8,
    "export": 7,
}


@pytest.mark.django_db
@pytest.mark.parametrize("page", LIST_PAGES)
def test_the_list_pages_cost_the_same_queries_with_few_or_many_rows(
    client, officer, other_area, django_assert_num_queries, page
):
    site = _own_area_rows()
    activity = site.activities.get()
    _more_rows(other_area["site"], 11)  # the other area's rows never count
    client.force_login(officer)
    url = LIST_PAGES[page](site, activity)
    with django_assert_num_queries(QUERIES[page]):
        assert client.get(url).status_code == 200
    _more_rows(site, 11)
    for i in range(5):
        activity.findings.create(category="other", description=f"Mer {i}")
        Measure.objects.create(activity=activity, what=f"Mer {i}", due_date=date(2024, 4, 1))
    assert Signal.objects.of_area(officer.policing_areas.get()).filter(site=None).count() == 12
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(url)
        assert response.status_code == 200
        if page != "export":
            response.content.decode()


@pytest.mark.django_db
def test_the_signal_list_shows_each_unplaced_signal_with_its_own_link_form(client, officer):
    site = sites()[0]
    for i in range(3):
        signal_receive(
            district=site.district, place_text=f"Ställe {i}", category="other", description="x"
        )
    client.force_login(officer)
    html = client.get(reverse("safety_inventory:signal_list")).content.decode()
    assert html.count('name="site"') == 3
    assert html.count(f">{site.name} (") == 3


@pytest.mark.django_db
def test_the_safety_demo_of_another_area_keeps_to_its_own_districts(other_area):
    farsta = PolicingArea.objects.get(slug="farsta")
    other_area = other_area["area"]
    before = Site.objects.of_area(other_area).count()
    seed(area="skarholmen", users={}, today=date(2025, 1, 1))
    theirs = Site.objects.of_area(other_area)
    assert theirs.count() > before and not Site.objects.of_area(farsta).exists()
    count = theirs.count()
    seed(area="skarholmen", users={}, today=date(2025, 1, 1))  # a second run adds nothing
    assert Site.objects.of_area(other_area).count() == count
    seed(area="farsta", users={}, today=date(2025, 1, 1))
    assert Site.objects.of_area(PolicingArea.objects.get(slug="farsta")).count() == 5


@pytest.mark.django_db
def test_a_wrong_code_typed_on_an_areas_tip_page_is_answered_in_that_areas_name(client, other_area):
    """The "Följ ditt tips" form of /skarholmen/tipsa/ carries its area: a mistyped code comes
    back on a page headed Skärholmen, with Skärholmen's tip form, not the default area's."""
    url = reverse("safety_inventory:area_signal_create", kwargs={"area": "skarholmen"})
    form = client.get(url).content.decode()
    assert '<input type="hidden" name="omrade" value="skarholmen">' in form
    lookup = reverse("safety_inventory:signal_lookup")
    response = client.get(lookup, {"kod": "XXXX2222", "omrade": "skarholmen"})
    page = response.content.decode()
    assert response.status_code == 404 and "Vi hittar inget tips med koden" in page
    assert "Lokalpolisområde Skärholmen" in page and "Farsta" not in page
    assert f'href="{url}"' in page
    # An unknown area in the field is ignored: the default area answers, never an error.
    assert client.get(lookup, {"kod": "XXXX2222", "omrade": "ingenstans"}).status_code == 404
