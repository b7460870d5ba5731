"""A signed year is closed (issue 18). Its public figures everywhere (public page, API, open data,
national page, dashboard) are the signed snapshot; a later change to one of its records is
refused without a written reason and, with one, recorded and shown to staff, while the published
figures stay as signed. Tested from every write path: the service, the shift form, cancelling,
completing, the import, the admin and the activity protocol form."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from portal import public_cache
from promises.models import ChangeAfterApproval, PolicingArea
from promises.reports.annual import report_figures
from promises.selectors import areas_this_year
from promises.services import annual_report_approve
from promises.signed import SignedYearChanged, change_after_approval
from safety_inventory.models import Activity, ActivityStatus
from tests.promises.factories import UserFactory
from weekend_ops.csv_io import shifts_export, shifts_import
from weekend_ops.models import Shift, ShiftStatus
from weekend_ops.services import shift_cancel

from .years_of_data import seed_years

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1
KINDS = ["weekend_collaboration", "safety_inventory"]
REASON = "Passet var felregistrerat; polisen var sjuk den kvällen."


@pytest.fixture
def signed(approver):
    seed_years(LAST_YEAR, LAST_YEAR)
    farsta = PolicingArea.objects.get(slug="farsta")
    annual_report_approve(area=farsta, year=LAST_YEAR, user=approver, no_comment=KINDS)
    return farsta


def live(area) -> dict:
    figures = report_figures(area=area, year=LAST_YEAR)
    return {p["kind"]: p["achieved"] for p in figures["promises"]}


def public_figures(client, area) -> dict:
    """What each public place says about the signed year, after any cached page is dropped."""
    cache.clear()
    public_cache.forget()
    client.logout()
    api = client.get(reverse("api:progress"), {"year": LAST_YEAR}).json()
    data = client.get(reverse("promises:open_data", args=[LAST_YEAR, "json"])).json()
    home = client.get(reverse("promises:home"), {"year": LAST_YEAR})
    national = areas_this_year(year=LAST_YEAR)
    reader = UserFactory(role="reader")
    client.force_login(reader)
    dashboard = client.get(reverse("promises:dashboard"), {"year": LAST_YEAR})
    client.logout()
    return {
        "api": {p["kind"]: p["achieved"] for p in api["promises"]},
        "api_districts": api["districts"],
        "open_data": {p["kind"]: p["achieved"] for p in data["promises"]},
        "preliminary": data["preliminary"],
        "home": {i.promise.kind: i.progress.achieved for i in home.context["items"]},
        "national": {
            p["kind"]: p["achieved"]
            for row in national
            for p in row["promises"]
            if row["area"] == area
        },
        "dashboard": {c["promise"].kind: c["achieved"] for c in dashboard.context["cards"]},
    }


def a_counted_shift(area) -> Shift:
    """A completed shift of the signed year whose cancelling leaves its weekend partly covered."""
    return Shift.objects.of_area(area).completed().in_year(LAST_YEAR).order_by("start").first()


def assert_published_unchanged(client, area, before, live_before):
    assert live(area) != live_before, "the change did not reach the data"
    assert public_figures(client, area) == before


def test_the_signed_snapshot_is_every_public_figure(client, signed):
    figures = public_figures(client, signed)
    signed_counts = live(signed)
    for place in ("api", "open_data", "home", "national", "dashboard"):
        assert figures[place] == signed_counts, place
    assert figures["preliminary"] is False


def test_the_service_refuses_a_change_without_a_reason(client, signed):
    shift = a_counted_shift(signed)
    with pytest.raises(SignedYearChanged):
        shift_cancel(shift=shift)
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.COMPLETED
    assert not ChangeAfterApproval.objects.exists()


def test_the_service_with_a_reason_records_it_and_the_published_figures_stay(
    client, signed, officer
):
    before, live_before = public_figures(client, signed), live(signed)
    with change_after_approval(reason=REASON, user=officer):
        shift_cancel(shift=a_counted_shift(signed))
    change = ChangeAfterApproval.objects.get()
    assert (change.reason, change.changed_by, change.report.year) == (REASON, officer, LAST_YEAR)
    assert_published_unchanged(client, signed, before, live_before)


def test_the_shift_form_asks_for_the_reason_and_keeps_the_figures(client, signed, officer):
    before, live_before = public_figures(client, signed), live(signed)
    shift = a_counted_shift(signed)
    client.force_login(officer)
    update = reverse("weekend_ops:shift_update", args=[shift.pk])
    page = client.get(update).content.decode()
    assert "Anledning till ändring efter godkännande" in page
    post = {
        "date": shift.evening.isoformat(),
        "start_time": shift.local_start.strftime("%H:%M"),
        "end_time": shift.local_end.strftime("%H:%M"),
        "status": "cancelled",
        "officers": [o.pk for o in shift.officers.all()],
        "notes": "",
        "confirm_unusual": "on",  # a shift of a year whose weekends have all passed
    }
    refused = client.post(update, post)
    assert refused.status_code == 200
    assert refused.context["form"].errors["reason_after_approval"]
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.COMPLETED
    client.post(update, post | {"reason_after_approval": REASON})
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.CANCELLED
    assert ChangeAfterApproval.objects.get().reason == REASON
    assert_published_unchanged(client, signed, before, live_before)
    # Staff see it on the follow-up, with what it would change.
    client.force_login(officer)
    followup = client.get(reverse("promises:followup"), {"year": LAST_YEAR}).content.decode()
    assert "ändrat efter godkännande" in followup.lower() and REASON in followup


def test_cancelling_asks_for_the_reason(client, signed, officer):
    before, live_before = public_figures(client, signed), live(signed)
    shift = a_counted_shift(signed)
    client.force_login(officer)
    cancel = reverse("weekend_ops:shift_cancel", args=[shift.pk])
    refused = client.post(cancel)
    assert refused.status_code == 200 and "är godkänt" in refused.content.decode()
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.COMPLETED
    client.post(cancel, {"reason_after_approval": REASON})
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.CANCELLED
    assert_published_unchanged(client, signed, before, live_before)


def test_restoring_or_completing_without_a_reason_is_refused_with_a_message(
    client, signed, officer
):
    shift = a_counted_shift(signed)
    with change_after_approval(reason=REASON, user=officer):
        shift_cancel(shift=shift)
    client.force_login(officer)
    response = client.post(reverse("weekend_ops:shift_restore", args=[shift.pk]), follow=True)
    assert "är godkänt" in response.content.decode()
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.CANCELLED


def test_the_import_needs_the_reason(client, signed, officer):
    before, live_before = public_figures(client, signed), live(signed)
    shift = a_counted_shift(signed)
    text = shifts_export([shift]).replace("Genomfört", "Inställt")
    client.force_login(officer)
    url = reverse("weekend_ops:shift_import")
    upload = SimpleUploadedFile("pass.csv", text.encode("utf-8"))
    refused = client.post(url, {"file": upload})
    assert "är godkänt" in refused.content.decode()
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.COMPLETED
    upload = SimpleUploadedFile("pass.csv", text.encode("utf-8"))
    client.post(url, {"file": upload, "reason_after_approval": REASON})
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.CANCELLED
    assert_published_unchanged(client, signed, before, live_before)


def test_the_command_line_import_is_refused_without_a_reason(signed):
    shift = a_counted_shift(signed)
    text = shifts_export([shift]).replace("Genomfört", "Inställt")
    with pytest.raises(Exception, match="är godkänt"):
        shifts_import(file=io.StringIO(text), policing_area=signed)
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.COMPLETED


def test_the_admin_asks_for_the_reason_and_cannot_delete(client, signed, superuser):
    before, live_before = public_figures(client, signed), live(signed)
    shift = a_counted_shift(signed)
    client.force_login(superuser)
    change = reverse("admin:weekend_ops_shift_change", args=[shift.pk])
    form = client.get(change).context["adminform"].form
    post = {
        name: (value if not hasattr(value, "__iter__") or isinstance(value, str) else value)
        for name, value in form.initial.items()
    }
    data = {
        "policing_area": shift.policing_area_id,
        "start_0": shift.local_start.strftime("%Y-%m-%d"),
        "start_1": shift.local_start.strftime("%H:%M:%S"),
        "end_0": shift.local_end.strftime("%Y-%m-%d"),
        "end_1": shift.local_end.strftime("%H:%M:%S"),
        "status": "cancelled",
        "officers": [o.pk for o in shift.officers.all()],
        "districts": [d.pk for d in shift.districts.all()],
        "hotspots": [h.pk for h in shift.hotspots.all()],
        "notes": shift.notes,
    }
    assert post  # the admin form is there
    refused = client.post(change, data)
    assert refused.status_code == 200
    assert "reason_after_approval" in refused.context["adminform"].form.errors
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.COMPLETED
    response = client.post(change, data | {"reason_after_approval": REASON})
    assert response.status_code == 302, response.context["adminform"].form.errors
    shift.refresh_from_db()
    assert shift.status == ShiftStatus.CANCELLED
    assert ChangeAfterApproval.objects.get().changed_by == superuser
    delete = client.get(reverse("admin:weekend_ops_shift_delete", args=[shift.pk]))
    assert delete.status_code == 403
    changelist = client.get(reverse("admin:weekend_ops_shift_changelist"))
    assert "delete_selected" not in changelist.content.decode()
    assert_published_unchanged(client, signed, before, live_before)


def test_the_activity_form_asks_for_the_reason(client, signed, officer):
    before, live_before = public_figures(client, signed), live(signed)
    activity = (
        Activity.objects.of_area(signed)
        .filter(status=ActivityStatus.CONDUCTED, date__year=LAST_YEAR)
        .first()
    )
    client.force_login(officer)
    update = reverse("safety_inventory:activity_update", args=[activity.pk])
    form = client.get(update).context["form"]
    data = {
        "kind": activity.kind,
        "status": "cancelled",
        "date": activity.date.isoformat(),
        "reason": activity.reason,
        "residents_count": 0,
        "officers_count": 0,
        "summary": "",
        "findings-TOTAL_FORMS": 0,
        "findings-INITIAL_FORMS": 0,
        "measures-TOTAL_FORMS": 0,
        "measures-INITIAL_FORMS": 0,
    }
    assert "reason_after_approval" in form.fields
    refused = client.post(update, data)
    assert refused.status_code == 200
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CONDUCTED
    client.post(update, data | {"reason_after_approval": REASON})
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.CANCELLED
    assert_published_unchanged(client, signed, before, live_before)


def test_a_new_version_is_signed_beside_the_first_with_the_reason(
    client, signed, officer, approver
):
    before, first_counts = public_figures(client, signed), live(signed)
    with change_after_approval(reason=REASON, user=officer):
        shift_cancel(shift=a_counted_shift(signed))
    changed = live(signed)
    client.force_login(approver)
    approve = reverse("promises:followup_approve", args=[LAST_YEAR])
    page = client.get(approve).content.decode()
    assert "En ny version" in page and REASON in page
    assert client.post(approve, {f"no_comment_{k}": "on" for k in KINDS}).status_code == 302
    report = signed.annual_reports.get(year=LAST_YEAR)
    assert report.version == 2 and report.reasons == [REASON]
    first = report.earlier_versions[0]
    assert {p["kind"]: p["achieved"] for p in first["snapshot"]["sv"]["promises"]} == first_counts
    assert not ChangeAfterApproval.objects.filter(settled=False).exists()
    after = public_figures(client, signed)
    assert after["api"] == changed != before["api"]
    archive = client.get(reverse("promises:report_archive")).content.decode()
    assert "version 2" in archive and REASON in archive
    public = client.get(reverse("promises:report_public", args=[LAST_YEAR])).content.decode()
    assert "Version 1, godkänd" in public and REASON in public
    weekends = first_counts["weekend_collaboration"]
    assert f"<td>{weekends} helger</td>" in public  # the first version's figure, beside
