"""Many policing areas in one portal: each area's public pages and API, the national start page,
the old addresses, the staff area switcher, the slug rule and the approver's own area."""

import re
from datetime import date, time

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from promises import areas
from promises.models import AnnualReport, PolicingArea, Promise, ReportStatus
from promises.reports.annual import report_figures
from promises.services import annual_report_approve
from tests.promises.factories import (
    BoroughAreaFactory,
    DistrictFactory,
    PolicingAreaFactory,
    PromiseFactory,
    UserFactory,
)
from weekend_ops.models import ShiftStatus
from weekend_ops.rules import LOCAL_TZ, compose_shift_times
from weekend_ops.services import shift_create

NO_COMMENT = {"no_comment_weekend_collaboration": "on", "no_comment_safety_inventory": "on"}


NOW = "2024-11-01 12:00 +01:00"


def an_area(slug: str = "skarholmen", name: str = "Skärholmen", *, weekends: int = 30):
    """An area as an administrator adds it: a borough, two districts, two promises for 2024."""
    area = PolicingAreaFactory(slug=slug, name=name)
    borough = BoroughAreaFactory(policing_area=area, slug=f"{slug}-stadsdel", name=f"{name} SDO")
    DistrictFactory(borough=borough, slug=f"{slug}-a", name=f"{name} A")
    DistrictFactory(borough=borough, slug=f"{slug}-b", name=f"{name} B")
    PromiseFactory(
        policing_area=area,
        year=2024,
        kind="weekend_collaboration",
        target=weekends,
        title=f"Samverkanshelger {name}",
    )
    PromiseFactory(
        policing_area=area,
        year=2024,
        kind="safety_inventory",
        target=4,
        title=f"Trygga platser {name}",
    )
    return area


def a_completed_weekend(area: PolicingArea, friday: date) -> None:
    """Both evenings of a weekend covered by ``area``'s officers (a full weekend)."""
    officer = UserFactory(role="officer", areas=[area])
    for day in (friday, date.fromordinal(friday.toordinal() + 1)):
        start, end = compose_shift_times(day=day, start=time(18, 0), end=time(2, 0), tz=LOCAL_TZ)
        shift_create(
            policing_area=area,
            start=start,
            end=end,
            status=ShiftStatus.COMPLETED,
            officers=[officer],
        )


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_each_area_has_its_own_public_page(client, prefix):
    an_area()
    html = client.get(f"{prefix}/skarholmen/?year=2024").content.decode()
    assert "Skärholmen" in html and "Samverkanshelger Skärholmen" in html
    assert "0 av 30" in html or "0 of 30" in html
    assert "Farsta" not in html.replace("Farsta</a>", "")  # nothing of the other area
    farsta = client.get(f"{prefix}/farsta/?year=2024").content.decode()
    assert "Samverkanshelger Skärholmen" not in farsta and "Farsta" in farsta
    assert client.get("/ingen-sadan/").status_code == 404


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_an_area_page_links_to_its_own_archive_and_back_to_every_area(client):
    an_area()
    html = client.get("/skarholmen/?year=2024").content.decode()
    assert 'href="/skarholmen/arsrapporter/"' in html
    assert 'href="/skarholmen/oppna-data/medborgarloften-2024.json"' in html
    assert f'href="{reverse("promises:areas")}"' in html
    assert client.get("/skarholmen/arsrapporter/").status_code == 200
    data = client.get("/skarholmen/oppna-data/medborgarloften-2024.json").json()
    assert data["policing_area"] == "skarholmen"
    assert [p["target"] for p in data["promises"]] == [30, 4]


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_area_page_is_cached_per_area(client, django_assert_num_queries):
    an_area()
    an_area("vasterort", "Västerort", weekends=20)
    first = client.get("/skarholmen/?year=2024").content
    with django_assert_num_queries(0):
        assert client.get("/skarholmen/?year=2024").content == first
    other = client.get("/vasterort/?year=2024").content.decode()
    assert "Samverkanshelger Västerort" in other and "Samverkanshelger Skärholmen" not in other


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_api_answers_per_area(client):
    an_area()
    a_completed_weekend(PolicingArea.objects.get(slug="skarholmen"), date(2024, 10, 4))
    url = reverse("api:area_progress", kwargs={"area": "skarholmen"})
    body = client.get(url, {"year": 2024}).json()
    assert body["policing_area"] == "skarholmen" and body["policing_area_name"] == "Skärholmen"
    assert [(p["kind"], p["target"], p["achieved"]) for p in body["promises"]] == [
        ("weekend_collaboration", 30, 1),
        ("safety_inventory", 4, 0),
    ]
    assert [d["district"] for d in body["districts"]] == ["Skärholmen A", "Skärholmen B"]
    # Farsta's figures are not touched by Skärholmen's weekend.
    farsta = client.get(reverse("api:area_progress", kwargs={"area": "farsta"}), {"year": 2024})
    assert farsta.json()["promises"][0]["achieved"] == 0
    missing = client.get(reverse("api:area_progress", kwargs={"area": "ingen"}))
    assert missing.status_code == 404 and missing.json() == {"error": "no such policing area"}


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_old_addresses_keep_serving_the_default_area(client):
    an_area()
    assert "Helgsamverkan" in client.get("/?year=2024").content.decode()
    assert client.get("/api/v1/progress/?year=2024").json()["policing_area"] == "farsta"
    assert client.get(reverse("promises:report_archive")).status_code == 200
    assert client.get("/en/?year=2024").status_code == 200
    home = client.get("/?year=2024").content.decode()
    assert "Samverkanshelger Skärholmen" not in home
    assert 'href="/arsrapporter/"' in home  # the old page links to the old archive


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_national_page_lists_every_area_with_its_promises_and_status(
    client, django_capture_on_commit_callbacks
):
    an_area()
    a_completed_weekend(PolicingArea.objects.get(slug="skarholmen"), date(2024, 10, 4))
    response = client.get(reverse("promises:areas"), {"year": 2024})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/farsta/"' in html and 'href="/skarholmen/"' in html
    assert "Samverkanshelger Skärholmen" in html and "1 av 30 helger" in html
    assert "Helgsamverkan" in html and "0 av 40 helger" in html
    assert "Efter plan" in html  # the status in words
    # An area added without promises yet is listed, with no link to a page it does not have.
    with django_capture_on_commit_callbacks(execute=True):
        PolicingArea.objects.create(slug="norrmalm", name="Norrmalm")
    html = client.get(reverse("promises:areas"), {"year": 2024}).content.decode()
    assert "Lokalpolisområde Norrmalm" in html and 'href="/norrmalm/"' not in html
    assert "Inga medborgarlöften för 2024 än." in html
    assert client.get("/en" + reverse("promises:areas")).status_code == 200


def _national_queries(client, n_areas: int) -> int:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal import public_cache
    from promises.selectors import areas_this_year

    for i in range(n_areas - 1):
        an_area(f"omrade-{i}", f"Område {i}")
    areas_this_year(year=2024)  # each area counted once (the versioned cache keeps it)
    public_cache.forget()
    # The page itself is made anew (its key is the page and its year, whatever else is asked).
    cache.delete(public_cache._key("page", "promises:areas", "?year=2024"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("promises:areas"), {"year": 2024}).status_code
    return len(queries)


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_national_page_costs_the_same_queries_for_one_area_as_for_five(client):
    one = _national_queries(client, 1)
    PolicingArea.objects.exclude(slug="farsta").delete()
    five = _national_queries(client, 5)
    assert PolicingArea.objects.count() == 5
    # Every area, and the default one the header names; each area's figures come from the
    # versioned cache (refreshed on any change, see the test below).
    assert one == five == 2


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_national_page_follows_a_change(client):
    an_area()
    url = reverse("promises:areas")
    assert "0 av 30 helger" in client.get(url, {"year": 2024}).content.decode()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("django.db.transaction.on_commit", lambda f, *a, **k: f())
        a_completed_weekend(PolicingArea.objects.get(slug="skarholmen"), date(2024, 10, 4))
    assert "1 av 30 helger" in client.get(url, {"year": 2024}).content.decode()


# --- Staff: the area switcher ---------------------------------------------------------------


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_staff_in_two_areas_switch_between_them(client):
    skarholmen = an_area()
    farsta = PolicingArea.objects.get(slug="farsta")
    officer = UserFactory(role="officer", areas=[farsta, skarholmen])
    client.force_login(officer)
    dashboard = client.get(reverse("promises:dashboard"), {"year": 2024}).content.decode()
    assert 'action="/personal/omrade/"' in dashboard  # the switcher: a form, no script
    assert "Helgsamverkan" in dashboard and "Samverkanshelger Skärholmen" not in dashboard
    response = client.post(reverse("promises:area_choose"), {"area": "skarholmen"})
    assert response.status_code == 302
    assert client.session[areas.SESSION_KEY] == "skarholmen"
    dashboard = client.get(reverse("promises:dashboard"), {"year": 2024}).content.decode()
    assert "Samverkanshelger Skärholmen" in dashboard
    assert "Lokalpolisområde Skärholmen" in dashboard  # the header names the chosen area


@pytest.mark.django_db
def test_the_switcher_refuses_an_area_the_user_does_not_work_in(client):
    an_area()
    officer = UserFactory(role="officer")  # Farsta only
    client.force_login(officer)
    assert "area-switch" not in client.get(reverse("promises:dashboard")).content.decode()
    response = client.post(reverse("promises:area_choose"), {"area": "skarholmen"})
    assert response.status_code == 404
    assert areas.SESSION_KEY not in client.session
    assert client.post(reverse("promises:area_choose")).status_code == 404


@pytest.mark.django_db
def test_signing_in_after_a_switch_with_an_expired_session_lands_on_the_dashboard(client):
    an_area()
    officer = UserFactory(role="officer")
    response = client.post(reverse("promises:area_choose"), {"area": "skarholmen"})
    assert response.status_code == 302 and "logga-in" in response["Location"]
    next_url = response["Location"].split("next=")[1].replace("%2F", "/")
    assert next_url == reverse("promises:area_choose")
    client.force_login(officer)
    response = client.get(next_url)  # where signing in sends them back: no blank 405
    assert response.status_code == 302 and response["Location"] == reverse("promises:dashboard")
    assert areas.SESSION_KEY not in client.session  # a GET switches nothing


@pytest.mark.django_db
def test_anonymous_visitors_cannot_switch(client):
    response = client.post(reverse("promises:area_choose"), {"area": "farsta"})
    assert response.status_code == 302 and "logga-in" in response["Location"]


# --- The slug rule ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "slug", ["personal", "helgsamverkan", "moten", "tipsa", "api", "admin", "en", "arsrapporter"]
)
def test_an_area_slug_may_not_be_the_start_of_another_address(slug):
    with pytest.raises(ValidationError) as refused:
        PolicingArea(slug=slug, name="Nytt område").full_clean()
    assert f"/{slug}/" in str(refused.value.message_dict["slug"])


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["Farsta", "SKARHOLMEN", "Personal"])
def test_an_area_slug_is_written_in_lower_case(slug):
    """Otherwise "Farsta" could be added beside "farsta": two areas, one address but for case."""
    with pytest.raises(ValidationError) as refused:
        PolicingArea(slug=slug, name="Nytt område").full_clean()
    assert f"till exempel {slug.lower()}" in str(refused.value.message_dict["slug"])


@pytest.mark.django_db
def test_a_free_slug_is_accepted():
    PolicingArea(slug="skarholmen", name="Skärholmen").full_clean()


@pytest.mark.django_db
def test_the_admin_says_why_a_slug_is_refused(client):
    client.force_login(UserFactory(role="admin", areas=[]))
    response = client.post(
        reverse("admin:promises_policingarea_add"),
        {
            "slug": "personal",
            "name": "Nytt område",
            "signal_threshold": 3,
            "signal_window_days": 90,
            "boroughs-TOTAL_FORMS": 0,
            "boroughs-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "används redan i portalens adresser" in response.content.decode()
    assert not PolicingArea.objects.filter(slug="personal").exists()


@pytest.mark.django_db
def test_the_admin_adds_an_area_with_its_boroughs(client):
    client.force_login(UserFactory(role="admin", areas=[]))
    response = client.post(
        reverse("admin:promises_policingarea_add"),
        {
            "slug": "skarholmen",
            "name": "Skärholmen",
            "flag_rule-TOTAL_FORMS": 1,
            "flag_rule-INITIAL_FORMS": 0,
            "flag_rule-0-threshold": 2,
            "flag_rule-0-window_days": 60,
            "boroughs-TOTAL_FORMS": 1,
            "boroughs-INITIAL_FORMS": 0,
            "boroughs-0-slug": "skarholmen",
            "boroughs-0-name": "Skärholmen",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    area = PolicingArea.objects.get(slug="skarholmen")
    assert list(area.boroughs.values_list("name", flat=True)) == ["Skärholmen"]
    assert (area.flag_rule.threshold, area.flag_rule.window_days) == (2, 60)


# --- The approver signs off their own area only -----------------------------------------------


@pytest.mark.django_db
@time_machine.travel("2025-02-01 12:00 +01:00", tick=False)
def test_an_approver_of_one_area_cannot_approve_another(client):
    skarholmen = an_area()
    farsta_approver = UserFactory(role="approver")  # Farsta only
    with pytest.raises(PermissionDenied):
        annual_report_approve(
            area=skarholmen,
            year=2024,
            user=farsta_approver,
            no_comment=["weekend_collaboration", "safety_inventory"],
        )
    # Through the page: the approver's own area is the one signed off, never another.
    client.force_login(farsta_approver)
    client.post(reverse("promises:area_choose"), {"area": "skarholmen"})
    client.post(reverse("promises:followup_approve", kwargs={"year": 2024}), NO_COMMENT)
    assert not AnnualReport.objects.of_area(skarholmen).exists()
    assert AnnualReport.objects.get(policing_area__slug="farsta").status == ReportStatus.APPROVED
    skarholmen_approver = UserFactory(role="approver", areas=[skarholmen])
    client.force_login(skarholmen_approver)
    client.post(reverse("promises:followup_approve", kwargs={"year": 2024}), NO_COMMENT)
    assert AnnualReport.objects.of_area(skarholmen).get().status == ReportStatus.APPROVED
    assert client.get("/skarholmen/arsrapporter/2024/").status_code == 200


# --- The same figures everywhere, per area -----------------------------------------------------


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_figures_agree_across_dashboard_public_page_followup_and_api_per_area(client):
    skarholmen = an_area()
    for friday in (date(2024, 9, 6), date(2024, 9, 13), date(2024, 10, 4)):
        a_completed_weekend(skarholmen, friday)
    a_completed_weekend(PolicingArea.objects.get(slug="farsta"), date(2024, 9, 6))
    for area, expected in (("skarholmen", 3), ("farsta", 1)):
        policing_area = PolicingArea.objects.get(slug=area)
        api = client.get(f"/api/v1/areas/{area}/progress/", {"year": 2024}).json()
        public = client.get(f"/{area}/", {"year": 2024}).context["items"]
        followup = report_figures(area=policing_area, year=2024)
        staff = UserFactory(role="reader", areas=[policing_area])
        client.force_login(staff)
        dashboard = client.get(reverse("promises:dashboard"), {"year": 2024}).context["cards"]
        page = client.get(reverse("promises:followup"), {"year": 2024}).context["report"]
        client.logout()
        figures = {
            "api": [(p["target"], p["achieved"]) for p in api["promises"]],
            "public": [(i.progress.target, i.progress.achieved) for i in public],
            "dashboard": [(c["promise"].target, c["achieved"]) for c in dashboard],
            "followup": [(p["target"], p["achieved"]) for p in followup["promises"]],
            "followup page": [(p["target"], p["achieved"]) for p in page["promises"]],
        }
        assert len(set(map(tuple, figures.values()))) == 1, figures
        assert figures["api"][0][1] == expected


# --- The demo ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_demo_adds_a_second_area_with_its_own_staff_once():
    from django.core.management import call_command

    call_command("seed_demo", allow_without_debug=True)
    area = PolicingArea.objects.get(slug="skarholmen")
    assert sorted(area.boroughs.get().districts.values_list("name", flat=True)) == [
        "Bredäng",
        "Skärholmen",
        "Sätra",
        "Vårberg",
    ]
    weekend = Promise.objects.of_area(area).get(year=2024, kind="weekend_collaboration")
    assert weekend.target == 30
    assert Promise.objects.of_area(area).filter(kind="safety_inventory").exists()
    staff = set(area.staff.values_list("username", flat=True))
    assert {"kommunpolis-skh", "chef-skh", "kommunpolis"} <= staff
    assert "kommunpolis-skh" not in PolicingArea.objects.get(slug="farsta").staff.values_list(
        "username", flat=True
    )
    from safety_inventory.models import Activity
    from weekend_ops.models import Shift

    assert Shift.objects.of_area(area).exists() and Activity.objects.of_area(area).exists()
    counts = (Shift.objects.count(), Activity.objects.count(), Promise.objects.count())
    call_command("seed_demo", allow_without_debug=True)
    assert (Shift.objects.count(), Activity.objects.count(), Promise.objects.count()) == counts


@pytest.mark.django_db
def test_no_area_name_is_written_in_templates_or_promises_code():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    allowed: set[str] = set()
    offenders = [
        str(path.relative_to(root))
        for folder in ("templates", "promises")
        for path in (root / folder).rglob("*")
        if path.suffix in {".html", ".py", ".txt"}
        and path.name not in allowed
        and "migrations" not in path.parts
        and any(name in path.read_text(encoding="utf-8") for name in ("Farsta", "Vantör"))
    ]
    assert offenders == []


def test_the_admin_and_the_api_are_not_taken_for_an_area():
    from django.urls import resolve

    assert resolve("/admin/").namespace == "admin"
    assert resolve("/api/v1/progress/").url_name == "progress"
    assert resolve("/lokalpolisomraden/").url_name == "areas"
    assert resolve("/skarholmen/").url_name == "area_home"


@pytest.mark.django_db
def test_the_admin_adds_a_boroughs_districts_and_the_new_areas_promise(client):
    area = PolicingAreaFactory(slug="skarholmen", name="Skärholmen")
    borough = BoroughAreaFactory(policing_area=area, slug="skarholmen", name="Skärholmen")
    client.force_login(UserFactory(role="admin", areas=[]))
    response = client.post(
        reverse("admin:promises_borougharea_change", args=[borough.pk]),
        {
            "policing_area": area.pk,
            "slug": "skarholmen",
            "name": "Skärholmen",
            "districts-TOTAL_FORMS": 2,
            "districts-INITIAL_FORMS": 0,
            "districts-0-name": "Bredäng",
            "districts-0-slug": "bredang",
            "districts-1-name": "Sätra",
            "districts-1-slug": "satra",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(area.district_names) == ["Bredäng", "Sätra"]
    response = client.post(
        reverse("admin:promises_promise_add"),
        {
            "policing_area": area.pk,
            "year": 2024,
            "kind": "weekend_collaboration",
            "title": "Samverkanshelger",
            "summary": "Trettio helger.",
            "target": 30,
            "weekend_counting_rule-TOTAL_FORMS": 1,
            "weekend_counting_rule-INITIAL_FORMS": 0,
            "weekend_counting_rule-0-rule": "any_evening",
            "source_url": "https://polisen.se/medborgarloften",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    promise = area.promises.get(year=2024)
    assert promise.weekend_counting_rule.rule == "any_evening"
    assert client.get("/skarholmen/?year=2024").status_code == 200


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_a_404_points_to_the_areas_start_page_and_to_every_area(client):
    """Not found on an area's page (an odd year) leads back to that area's start page, not the
    default area's; an unknown area's address leads to the list of every area."""
    an_area()
    odd_year = client.get("/skarholmen/?year=abc")
    html = odd_year.content.decode()
    assert odd_year.status_code == 404 and "Lokalpolisområde Skärholmen" in html
    assert 'href="/skarholmen/">startsidan</a>' in html
    assert f'href="{reverse("promises:areas")}"' in html
    unknown = client.get("/en/ingen-sadan/")
    assert unknown.status_code == 404
    assert 'href="/en/lokalpolisomraden/">Every local police area' in unknown.content.decode()


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_about_page_lists_the_areas_own_promises_from_the_data(client):
    """Skärholmen promised 30 weekends: its officer's about page names its promises, not
    Farsta's 40 weekends written into the template."""
    area = an_area()
    farsta_titles = list(
        Promise.objects.of_area(PolicingArea.objects.get(slug="farsta"))
        .in_year(2024)
        .values_list("title", flat=True)
    )
    about = client.get(reverse("promises:about")).content.decode()
    assert farsta_titles and all(title in about for title in farsta_titles)
    client.force_login(UserFactory(role="officer", areas=[area]))
    html = client.get(reverse("promises:about")).content.decode().split("<main")[1]
    html = html.split("</main>")[0]  # the officer's menu has a "Helgsamverkan" link
    assert "Löftena i lokalpolisområde Skärholmen" in html
    assert "Samverkanshelger Skärholmen" in html and "Trygga platser Skärholmen" in html
    assert "40 helger" not in html and not any(title in html for title in farsta_titles)
    assert "Stadsdelsområden: Skärholmen SDO." in html


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_visitor_of_an_area_stays_in_it_on_the_about_and_accessibility_pages(client, prefix):
    """From /skarholmen/ the menu and footer lead to Skärholmen's about and accessibility
    pages (its name, its promises), not the default area's; the old addresses stay as they
    were, and an unknown area's 404 never links to itself."""
    an_area()
    html = client.get(f"{prefix}/skarholmen/").content.decode()
    assert f'href="{prefix}/skarholmen/om-medborgarloften/"' in html
    assert f'href="{prefix}/skarholmen/tillganglighet/"' in html
    about = client.get(f"{prefix}/skarholmen/om-medborgarloften/").content.decode()
    assert "Samverkanshelger Skärholmen" in about and "Farsta" not in about
    accessibility = client.get(f"{prefix}/skarholmen/tillganglighet/")
    assert accessibility.status_code == 200 and "Farsta" not in accessibility.content.decode()
    home = client.get(f"{prefix}/").content.decode()
    assert f'href="{prefix}/om-medborgarloften/"' in home
    unknown = client.get(f"{prefix}/ingen-sadan/")
    page = unknown.content.decode()
    assert unknown.status_code == 404 and "/ingen-sadan/om-medborgarloften/" not in page
    start = re.search(r'<a class="nav-link" href="([^"]*)"', page).group(1)  # "Start"
    assert start == f"{prefix}/"
    assert client.get(f"{prefix}/ingen-sadan/om-medborgarloften/").status_code == 404


@pytest.mark.django_db
def test_the_second_demo_areas_promises_read_in_english_on_the_english_pages(client):
    """/en/skarholmen/ showed Skärholmen's promises in Swedish: the demo gives them English."""
    from config.demo import ensure_second_area

    area = ensure_second_area(first_year=2024)
    promises = Promise.objects.of_area(area).in_year(2024)
    assert promises.count() == 2
    assert all(p.title_en and p.summary_en for p in promises)
    html = client.get("/en/skarholmen/?year=2024").content.decode()
    assert "at least 30 weekends a year" in html and "minst 30 av årets helger" not in html
