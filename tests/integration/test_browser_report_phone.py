"""In real Chromium on a 375 px phone: the public report's results table shows every column,
Status included, without a sideways scroll (issue 19)."""

import pytest
from django.utils import timezone

from promises.models import PolicingArea, Promise
from promises.services import annual_report_approve
from tests.browser import PHONE, assert_fits_the_screen
from tests.promises.factories import UserFactory

from .years_of_data import seed_years

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_status_cell_is_visible_on_a_phone_without_scrolling(live_server, reference_data, page):
    year = timezone.localdate().year - 1
    seed_years(year, year)
    area = PolicingArea.objects.get(slug="farsta")
    approver = UserFactory(username="chef", role="approver")
    kinds = [p.kind for p in Promise.objects.filter(policing_area=area).in_year(year)]
    annual_report_approve(area=area, year=year, user=approver, no_comment=kinds)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/arsrapporter/{year}/")
    status = page.locator("section[aria-labelledby=resultat] td[data-cell=status]").first
    assert status.inner_text().strip()
    box = status.bounding_box()
    region = page.locator("section[aria-labelledby=resultat] .table-responsive").bounding_box()
    # Inside the screen and inside its region's visible part: nothing to scroll sideways to.
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert box["x"] + box["width"] <= region["x"] + region["width"] + 0.5
    scroll = page.locator("section[aria-labelledby=resultat] .table-responsive").evaluate(
        "e => e.scrollWidth - e.clientWidth"
    )
    assert scroll <= 0
    # The column's name stands before the value.
    label = status.evaluate("e => getComputedStyle(e, '::before').content")
    assert "Status" in label
    assert_fits_the_screen(page)
