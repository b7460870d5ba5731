"""In real Chromium: the Django admin pages staff use (an area, a promise, a meeting and a user,
each with its inlines and pickers) have no WCAG 2.1 A/AA violation that axe finds."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from config import demo
from promises.models import PolicingArea, Promise
from tests.browser import DESKTOP, assert_accessible
from weekend_ops.models import Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def admin_pages() -> list[str]:
    area = PolicingArea.objects.get(slug="farsta")
    meeting = Meeting.objects.of_area(area).filter(registrations__isnull=False).first()
    return [
        reverse("admin:promises_policingarea_change", args=[area.pk]),
        reverse(
            "admin:promises_promise_change",
            args=[Promise.objects.filter(policing_area=area).first().pk],
        ),
        reverse("admin:weekend_ops_meeting_change", args=[meeting.pk]),
        reverse(
            "admin:auth_user_change", args=[get_user_model().objects.get(username="kommunpolis").pk]
        ),
        reverse("admin:promises_policingarea_add"),
    ]


def test_the_admin_pages_staff_use_are_axe_clean(portal, page):
    page.set_viewport_size(DESKTOP)
    admin = next(login for login in demo.DEMO_LOGINS if login.role == "admin")
    page.goto(portal + reverse("login"))
    page.get_by_label("Användarnamn").fill(admin.username)
    page.get_by_label("Lösenord").fill(admin.password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/personal/**")
    failures = []
    for path in admin_pages():
        response = page.goto(portal + path)
        assert response.status == 200, path
        try:
            assert_accessible(page)
        except AssertionError as error:
            failures.append(str(error))
    assert failures == [], "\n\n".join(failures)
