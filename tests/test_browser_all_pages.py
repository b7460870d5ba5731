"""In real Chromium: every page of the portal that a person reads, as the role that reads it,
on a 375 px screen: axe finds no WCAG 2.1 A/AA violation and nothing is wider than the screen."""

import pytest
from django.urls import reverse
from django.utils import timezone

from config import demo
from promises.models import AnnualReport, PolicingArea
from safety_inventory.models import Activity, Flag, Signal, Site
from tests.browser import PHONE, assert_accessible, assert_fits_the_screen
from weekend_ops.links import cancel_token
from weekend_ops.models import Hotspot, Meeting, Registration, Shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def farsta() -> PolicingArea:
    """The area the demo officer works in first (the demo has a second area, Skärholmen)."""
    return PolicingArea.objects.get(slug="farsta")


def public_pages() -> list[str]:
    meeting = Meeting.objects.of_area(farsta()).listed().first()
    registration = Registration.objects.filter(meeting=meeting).first()
    return [
        reverse("promises:about"),
        reverse("promises:accessibility"),
        reverse("login"),
        reverse("weekend_ops:meeting_list"),
        reverse("weekend_ops:area_meeting_list", args=["farsta"]),
        meeting.get_invitation_url(),
        reverse("weekend_ops:registration_cancel", args=[cancel_token(registration)]),
        reverse("weekend_ops:registration_cancel", args=["changed-link"]),
        reverse("safety_inventory:signal_create"),
        reverse("promises:report_archive"),
        reverse("promises:report_public", args=[AnnualReport.objects.of_area(farsta()).get().year]),
        Signal.objects.of_area(farsta()).filter(flag__isnull=False).first().get_absolute_url(),
        "/en/tipsa/",
        # Many areas: the national page and the second demo area's own pages.
        reverse("promises:areas"),
        "/en/lokalpolisomraden/",
        reverse("promises:area_home", args=["skarholmen"]),
        "/en/skarholmen/",
        reverse("weekend_ops:area_meeting_list", args=["skarholmen"]),
        reverse("safety_inventory:area_signal_create", args=["skarholmen"]),
        reverse("promises:area_report_archive", args=["skarholmen"]),
    ]


def officer_pages() -> list[str]:
    area = farsta()
    shift = Shift.objects.of_area(area).first()
    meeting = Meeting.objects.of_area(area).first()
    site = Site.objects.of_area(area).filter(activities__isnull=False).first()
    activity = Activity.objects.of_area(area).first()
    flag = Flag.objects.of_area(area).open().first()
    year = timezone.localdate().year
    return [
        reverse("promises:dashboard"),
        reverse("promises:followup"),
        reverse("promises:followup") + f"?year={year - 1}",
        reverse("weekend_ops:year"),
        reverse("weekend_ops:shift_list"),
        reverse("weekend_ops:shift_create") + "?status=planned",
        shift.get_absolute_url(),
        reverse("weekend_ops:shift_update", args=[shift.pk]),
        reverse("weekend_ops:shift_cancel", args=[shift.pk]),
        reverse("weekend_ops:shift_list") + f"?weekend={shift.evening.isoformat()}",
        reverse("weekend_ops:shift_create"),
        reverse("weekend_ops:shift_import"),
        reverse("weekend_ops:hotspot_list"),
        reverse("weekend_ops:hotspot_update", args=[Hotspot.objects.of_area(area).first().pk]),
        reverse("weekend_ops:meeting_manage"),
        reverse("weekend_ops:meeting_create"),
        meeting.get_absolute_url(),
        reverse("weekend_ops:calendar_link"),
        reverse("weekend_ops:capability") + f"?year={year - 1}",
        reverse("safety_inventory:overview"),
        site.get_absolute_url(),
        reverse("safety_inventory:site_create"),
        activity.get_absolute_url(),
        reverse("safety_inventory:activity_update", args=[activity.pk]),
        reverse("safety_inventory:signal_list"),
        reverse("safety_inventory:observation_create"),
        reverse("safety_inventory:flag_answer", args=[flag.pk]),
        reverse("safety_inventory:flag_dismiss", args=[flag.pk]),
        reverse("safety_inventory:measures_overdue"),
        "/en/personal/",
        "/en/helgsamverkan/",
    ]


def test_every_page_is_axe_clean_and_fits_a_phone(live_server, reference_data, page):
    demo.seed()
    page.set_viewport_size(PHONE)
    for path in public_pages():
        page.goto(live_server.url + path)
        assert_accessible(page)
        assert_fits_the_screen(page)

    officer = next(login for login in demo.DEMO_LOGINS if login.role == "officer")
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Användarnamn").fill(officer.username)
    page.get_by_label("Lösenord").fill(officer.password)
    page.get_by_role("button", name="Logga in").click()
    for path in officer_pages():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert_accessible(page)
        assert_fits_the_screen(page)
