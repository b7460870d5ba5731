"""Many policing areas: every weekend_ops page shows and changes only the area's data."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone

from promises import areas
from promises.models import PolicingArea
from tests.promises.factories import (
    BoroughAreaFactory,
    DistrictFactory,
    PolicingAreaFactory,
    UserFactory,
)
from weekend_ops import urls as weekend_ops_urls
from weekend_ops.csv_io import ImportFailed, shifts_import
from weekend_ops.models import CalendarToken, Hotspot, Shift, ShiftStatus
from weekend_ops.rules import LOCAL_TZ
from weekend_ops.services import attendance_mark, shift_cancel, shift_create

from .meeting_factories import make_meeting, organisation, register

pytestmark = pytest.mark.django_db


def an_area(slug: str, name: str) -> PolicingArea:
    """An area added as in the admin: itself, a borough and a district."""
    area = PolicingAreaFactory(slug=slug, name=name)
    borough = BoroughAreaFactory(policing_area=area, slug=f"{slug}-sdo", name=f"{name} sdo")
    DistrictFactory(borough=borough, slug=f"{slug}-centrum", name=f"{name} centrum")
    return area


def a_shift(area, *, officer, friday: date, status=ShiftStatus.PLANNED, district=None) -> Shift:
    return shift_create(
        policing_area=area,
        start=datetime.combine(friday, time(18), tzinfo=LOCAL_TZ),
        end=datetime.combine(friday + timedelta(days=1), time(2), tzinfo=LOCAL_TZ),
        officers=[officer],
        status=status,
        districts=[district] if district else [],
        notes=f"Anteckning {area.name}",
    )


def a_hotspot(area, name: str) -> Hotspot:
    return Hotspot.objects.create(
        district=area.boroughs.first().districts.first(),
        name=name,
        window_start=time(20),
        window_end=time(1),
        picture_date=date(2024, 1, 10),
    )


@pytest.fixture
def skarholmen():
    """A second area, with an officer, a shift (and a cancelled one), a hotspot and a meeting
    with a partner who attended."""
    area = an_area("skarholmen", "Skärholmen")
    officer = UserFactory(
        username="bodil", first_name="Bodil", last_name="Bortom", role="officer", areas=[area]
    )
    district = area.boroughs.first().districts.first()
    shift = a_shift(area, officer=officer, friday=date(2024, 5, 17), district=district)
    cancelled = a_shift(area, officer=officer, friday=date(2024, 5, 24))
    shift_cancel(shift=cancelled)
    start = timezone.now() - timedelta(days=3)
    held = make_meeting(
        borough=area.boroughs.first(),
        title="Möte i Skärholmen",
        venue="Skärholmens bibliotek",
        address="Skärholmsvägen 1",
        start=start,
        end=start + timedelta(hours=2),
        registration_deadline=start - timedelta(days=1),
    )
    registration = register(
        held, "sk", organisation=organisation("Bolaget i söder"), now=start - timedelta(days=2)
    )
    attendance_mark(meeting=held, attended=[registration.pk])
    upcoming = make_meeting(
        borough=area.boroughs.first(),
        title="Kommande möte i Skärholmen",
        venue="Skärholmens bibliotek",
        address="Skärholmsvägen 1",
    )
    return {
        "area": area,
        "officer": officer,
        "district": district,
        "shift": shift,
        "cancelled": cancelled,
        "hotspot": a_hotspot(area, "Skärholmstorget"),
        "meeting": held,
        "upcoming": upcoming,
    }


def object_urls(other) -> list[tuple[str, str, dict]]:
    """(method, url, data) for every officer URL that names an object of ``other``."""
    shift, meeting = other["shift"].pk, other["meeting"].pk
    return [
        ("get", reverse("weekend_ops:shift_detail", args=[shift]), {}),
        ("get", reverse("weekend_ops:shift_update", args=[shift]), {}),
        ("post", reverse("weekend_ops:shift_update", args=[shift]), {}),
        ("post", reverse("weekend_ops:shift_complete", args=[shift]), {}),
        ("get", reverse("weekend_ops:shift_cancel", args=[shift]), {}),
        ("post", reverse("weekend_ops:shift_cancel", args=[shift]), {}),
        ("post", reverse("weekend_ops:shift_restore", args=[other["cancelled"].pk]), {}),
        ("get", reverse("weekend_ops:hotspot_update", args=[other["hotspot"].pk]), {}),
        ("post", reverse("weekend_ops:hotspot_update", args=[other["hotspot"].pk]), {}),
        ("get", reverse("weekend_ops:meeting_detail", args=[meeting]), {}),
        ("get", reverse("weekend_ops:meeting_update", args=[meeting]), {}),
        ("post", reverse("weekend_ops:meeting_update", args=[meeting]), {}),
        ("post", reverse("weekend_ops:meeting_attendance", args=[meeting]), {"attended": []}),
        ("get", reverse("weekend_ops:meeting_cancel", args=[other["upcoming"].pk]), {}),
        (
            "post",
            reverse("weekend_ops:meeting_cancel", args=[other["upcoming"].pk]),
            {"reason": "Lokalen är upptagen"},
        ),
        ("get", reverse("weekend_ops:attendance_export", args=[meeting, "csv"]), {}),
        ("get", reverse("weekend_ops:attendance_export", args=[meeting, "xlsx"]), {}),
    ]


def test_an_officer_gets_404_for_every_object_of_another_area(client, officer, skarholmen):
    client.force_login(officer)
    for method, url, data in object_urls(skarholmen):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url, response.status_code)
    # Nothing was changed on the way.
    skarholmen["shift"].refresh_from_db()
    skarholmen["cancelled"].refresh_from_db()
    skarholmen["upcoming"].refresh_from_db()
    assert skarholmen["shift"].status == ShiftStatus.PLANNED
    assert skarholmen["cancelled"].status == ShiftStatus.CANCELLED
    assert skarholmen["upcoming"].status == "scheduled"
    assert skarholmen["meeting"].registrations.attended().count() == 1


def test_every_weekend_ops_address_of_an_object_is_checked_above(skarholmen):
    """A new object page gets its line in ``object_urls`` (and so its 404 for other areas)."""
    by_pk = {
        pattern.name
        for pattern in weekend_ops_urls.urlpatterns
        if "<int:pk>" in str(pattern.pattern)
    }
    checked = {resolve(url).url_name for _method, url, _data in object_urls(skarholmen)}
    assert by_pk == checked


def test_the_areas_own_officer_reaches_the_same_objects(client, skarholmen):
    """The same addresses answer the other area's officer: the 404s above are the area's."""
    client.force_login(skarholmen["officer"])
    for method, url, _data in object_urls(skarholmen):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_lists_exports_and_feeds_show_only_the_area(client, officer, skarholmen):
    farsta_shift = a_shift(
        PolicingArea.objects.get(slug="farsta"), officer=officer, friday=date(2024, 6, 7)
    )
    farsta_meeting = make_meeting(title="Möte i Farsta")
    client.force_login(officer)
    pages = {
        "weekend_ops:shift_list": "?year=2024",
        "weekend_ops:shift_export": "?year=2024",
        "weekend_ops:hotspot_list": "",
        "weekend_ops:meeting_manage": "",
        "weekend_ops:capability": f"?year={timezone.localdate().year}",
        "weekend_ops:year": "?year=2024",
        "weekend_ops:shift_create": "",
        "weekend_ops:hotspot_create": "",
        "weekend_ops:meeting_create": "",
    }
    for name, query in pages.items():
        response = client.get(reverse(name) + query)
        assert response.status_code == 200, name
        text = response.content.decode("utf-8-sig")
        for theirs in ("Skärholm", "Bortom", "Anteckning Skärholmen"):
            assert theirs not in text, (name, theirs)
    shifts = client.get(reverse("weekend_ops:shift_list") + "?year=2024").content.decode()
    assert farsta_shift.get_absolute_url() in shifts
    assert skarholmen["shift"].get_absolute_url() not in shifts
    assert "Möte i Farsta" in client.get(reverse("weekend_ops:meeting_manage")).content.decode()
    # The attended partner of the other area counts only there.
    capability = client.get(reverse("weekend_ops:capability")).context["figures"]
    assert capability["year"].organisations == 0
    xlsx = client.get(reverse("weekend_ops:capability_export", args=["csv"]))
    assert xlsx.status_code == 200

    token = CalendarToken.objects.create(user=officer)
    feed = client.get(reverse("weekend_ops:calendar_feed", args=[token.token])).content.decode()
    assert "Möte i Farsta" in feed and "Skärholmen" not in feed
    assert farsta_meeting.pk


def test_forms_offer_and_accept_only_the_areas_choices(client, officer, skarholmen):
    client.force_login(officer)
    form = client.get(reverse("weekend_ops:shift_create")).context["form"]
    assert skarholmen["officer"] not in form.fields["officers"].queryset
    assert officer in form.fields["officers"].queryset
    assert skarholmen["district"] not in form.fields["districts"].queryset
    assert skarholmen["hotspot"] not in form.fields["hotspots"].queryset
    filters = client.get(reverse("weekend_ops:shift_list")).context["form"]
    assert list(filters.fields["officer"].queryset) == [officer]
    assert skarholmen["district"] not in filters.fields["district"].queryset
    meeting_form = client.get(reverse("weekend_ops:meeting_create")).context["form"]
    assert skarholmen["area"].boroughs.first() not in meeting_form.fields["borough"].queryset

    before = Shift.objects.count()
    response = client.post(
        reverse("weekend_ops:shift_create"),
        {
            "date": "2024-05-31",
            "start_time": "18:00",
            "end_time": "02:00",
            "status": "completed",
            "officers": [skarholmen["officer"].pk],
            "districts": [skarholmen["district"].pk],
        },
    )
    assert response.status_code == 200
    assert {"officers", "districts"} <= set(response.context["form"].errors)
    assert Shift.objects.count() == before
    response = client.post(
        reverse("weekend_ops:hotspot_create"),
        {
            "district": skarholmen["district"].pk,
            "name": "Smygväg",
            "days": "both",
            "window_start": "20:00",
            "window_end": "01:00",
            "picture_date": "2024-01-10",
        },
    )
    assert "district" in response.context["form"].errors
    assert not Hotspot.objects.filter(name="Smygväg").exists()


def test_a_shift_keeps_its_officer_who_has_left_the_area(client, officer):
    farsta = PolicingArea.objects.get(slug="farsta")
    moved = UserFactory(role="officer", first_name="Flyttad", last_name="Polis")
    shift = a_shift(farsta, officer=moved, friday=date(2024, 5, 17))
    farsta.staff.remove(moved)
    client.force_login(officer)
    new = client.get(reverse("weekend_ops:shift_create")).context["form"]
    assert moved not in new.fields["officers"].queryset
    edit = client.get(reverse("weekend_ops:shift_update", args=[shift.pk])).context["form"]
    assert moved in edit.fields["officers"].queryset
    response = client.post(
        reverse("weekend_ops:shift_update", args=[shift.pk]),
        {
            "date": "2024-05-17",
            "start_time": "18:00",
            "end_time": "02:00",
            "status": "planned",
            "officers": [moved.pk],
            "notes": "Ändrad",
            "confirm_unusual": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    shift.refresh_from_db()
    assert shift.notes == "Ändrad"


def test_a_user_of_two_areas_works_in_the_one_chosen(client, skarholmen):
    farsta = PolicingArea.objects.get(slug="farsta")
    both = UserFactory(role="officer", areas=[farsta, skarholmen["area"]])
    farsta_shift = a_shift(farsta, officer=both, friday=date(2024, 6, 7))
    client.force_login(both)
    session = client.session
    session[areas.SESSION_KEY] = "skarholmen"
    session.save()
    assert client.get(skarholmen["shift"].get_absolute_url()).status_code == 200
    assert client.get(farsta_shift.get_absolute_url()).status_code == 404
    listed = client.get(reverse("weekend_ops:shift_list") + "?year=2024").content.decode()
    assert skarholmen["shift"].get_absolute_url() in listed
    assert farsta_shift.get_absolute_url() not in listed

    session[areas.SESSION_KEY] = "farsta"
    session.save()
    assert client.get(skarholmen["shift"].get_absolute_url()).status_code == 404
    assert client.get(farsta_shift.get_absolute_url()).status_code == 200
    # The calendar follows its owner into every area they work in.
    make_meeting(title="Möte i Farsta")
    token = CalendarToken.objects.create(user=both)
    feed = client.get(reverse("weekend_ops:calendar_feed", args=[token.token])).content.decode()
    assert "Möte i Farsta" in feed and "Kommande möte i Skärholmen" in feed


def test_a_new_shift_belongs_to_the_chosen_area(client, skarholmen):
    farsta = PolicingArea.objects.get(slug="farsta")
    both = UserFactory(role="officer", areas=[farsta, skarholmen["area"]])
    client.force_login(both)
    session = client.session
    session[areas.SESSION_KEY] = "skarholmen"
    session.save()
    response = client.post(
        reverse("weekend_ops:shift_create"),
        {
            "date": "2024-05-31",
            "start_time": "18:00",
            "end_time": "02:00",
            "status": "completed",
            "officers": [both.pk],
            "districts": [skarholmen["district"].pk],
            "confirm_unusual": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Shift.objects.of_area(skarholmen["area"]).filter(officers=both).exists()


def test_an_overlap_with_a_shift_in_another_area_names_that_area_instead_of_a_dead_link(
    client, skarholmen
):
    """The officer's evening is taken in Farsta: the refusal in Skärholmen names Farsta and does
    not link to the shift (its page answers 404 while they work with Skärholmen)."""
    farsta = PolicingArea.objects.get(slug="farsta")
    both = UserFactory(role="officer", areas=[farsta, skarholmen["area"]])
    farsta_shift = a_shift(farsta, officer=both, friday=date(2024, 5, 31))
    client.force_login(both)
    session = client.session
    session[areas.SESSION_KEY] = "skarholmen"
    session.save()
    data = {
        "date": "2024-05-31",
        "start_time": "19:00",
        "end_time": "02:00",
        "status": "completed",
        "officers": [both.pk],
        "districts": [skarholmen["district"].pk],
        "confirm_unusual": "on",
    }
    response = client.post(reverse("weekend_ops:shift_create"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "har redan ett pass som överlappar" in html
    assert farsta_shift.get_absolute_url() not in html
    assert "hör till lokalpolisområde Farsta" in html
    assert not Shift.objects.of_area(skarholmen["area"]).filter(officers=both).exists()
    # Back in Farsta, the same overlap links to the shift.
    session[areas.SESSION_KEY] = "farsta"
    session.save()
    data["districts"] = [farsta.boroughs.first().districts.first().pk]
    html = client.post(reverse("weekend_ops:shift_create"), data).content.decode()
    assert f'href="{farsta_shift.get_absolute_url()}"' in html


def test_the_calendar_feed_ends_when_its_owner_works_in_no_area(client, officer, skarholmen):
    token = CalendarToken.objects.create(user=officer)
    url = reverse("weekend_ops:calendar_feed", args=[token.token])
    assert client.get(url).status_code == 200
    PolicingArea.objects.get(slug="farsta").staff.remove(officer)
    assert client.get(url).status_code == 404
    # Moved to the other area: the feed follows with that area's meetings.
    skarholmen["area"].staff.add(officer)
    feed = client.get(url).content.decode()
    assert "Kommande möte i Skärholmen" in feed


def test_the_public_meeting_list_per_area_names_the_area(client, skarholmen):
    make_meeting(title="Möte i Farsta")
    theirs = client.get(reverse("weekend_ops:area_meeting_list", args=["skarholmen"]))
    html = theirs.content.decode()
    assert "Kommande möte i Skärholmen" in html and "Möte i Farsta" not in html
    assert "Lokalpolisområde Skärholmen" in html and "Skärholmen sdo" in html
    assert "Farsta" not in html
    ours = client.get(reverse("weekend_ops:area_meeting_list", args=["farsta"])).content.decode()
    assert "Möte i Farsta" in ours and "Skärholmen" not in ours
    assert client.get("/en/skarholmen/moten/").status_code == 200
    assert client.get("/nowhere/moten/").status_code == 404


def test_the_old_meeting_list_serves_the_default_area_whoever_asks(client, skarholmen):
    make_meeting(title="Möte i Farsta")
    client.force_login(skarholmen["officer"])
    html = client.get(reverse("weekend_ops:meeting_list")).content.decode()
    assert "Möte i Farsta" in html and "Kommande möte i Skärholmen" not in html
    assert "Lokalpolisområde Farsta" in html


def test_the_registration_page_names_the_meetings_area(client, skarholmen):
    html = client.get(skarholmen["upcoming"].get_invitation_url()).content.decode()
    assert "Kommande möte i Skärholmen" in html and "Lokalpolisområde Skärholmen" in html


def test_the_import_page_imports_into_the_chosen_area(client, skarholmen):
    farsta = PolicingArea.objects.get(slug="farsta")
    both = UserFactory(username="tvaomr", role="officer", areas=[farsta, skarholmen["area"]])
    client.force_login(both)
    session = client.session
    session[areas.SESSION_KEY] = "skarholmen"
    session.save()
    csv = (
        "date,start,end,officers,status,districts,notes\n"
        "2024-05-31,18:00,02:00,tvaomr,completed,Skärholmen centrum,Importerad\n"
    )
    response = client.post(
        reverse("weekend_ops:shift_import"),
        {"file": SimpleUploadedFile("p.csv", csv.encode())},
    )
    assert response.status_code == 302
    imported = Shift.objects.get(notes="Importerad")
    assert imported.policing_area == skarholmen["area"]
    assert list(imported.districts.all()) == [skarholmen["district"]]


def test_the_import_knows_only_the_areas_officers_and_creates_new_ones_in_it(officer, skarholmen):
    farsta = PolicingArea.objects.get(slug="farsta")
    theirs = "datum;start;slut;poliser;status;områden;anteckning\n2024-05-31;18:00;02:00;bodil;completed;;\n"
    with pytest.raises(ImportFailed) as failed:
        shifts_import(file=io.StringIO(theirs), policing_area=farsta, create_officers=True)
    assert "arbetar inte i lokalpolisområde Farsta" in str(failed.value.errors[0].message)
    assert not Shift.objects.of_area(farsta).exists()

    new = "datum;start;slut;poliser;status;områden;anteckning\n2024-05-31;18:00;02:00;nykomling;completed;;\n"
    report = shifts_import(file=io.StringIO(new), policing_area=farsta, create_officers=True)
    assert report.officers_created == ["nykomling"]
    assert farsta.staff.filter(username="nykomling").exists()
    assert not skarholmen["area"].staff.filter(username="nykomling").exists()


# --- Query counts: flat in rows and areas ---------------------------------------------------


def populate(scale: int, officer) -> dict:
    """``scale`` more areas with their own rows, and ``scale`` rows of each kind in Farsta."""
    farsta = PolicingArea.objects.get(slug="farsta")
    for n in range(scale):
        other = an_area(f"omrade-{n}", f"Område {n}")
        colleague = UserFactory(role="officer", areas=[other])
        a_shift(other, officer=colleague, friday=date(2024, 3, 1))
        a_hotspot(other, f"Plats {n}")
        make_meeting(borough=other.boroughs.first(), title=f"Möte {n}")
    district = farsta.boroughs.first().districts.first()
    detail = make_meeting(title="Mötet", seats=50)
    held_start = timezone.now() - timedelta(days=2)
    held = make_meeting(
        title="Hållet möte",
        seats=50,
        start=held_start,
        end=held_start + timedelta(hours=1),
        registration_deadline=held_start - timedelta(hours=1),
    )
    attended = []
    for n in range(scale):
        a_shift(
            farsta,
            officer=UserFactory(role="officer"),
            friday=date(2024, 1, 5) + timedelta(weeks=n),
            status=ShiftStatus.COMPLETED,
            district=district,
        )
        a_hotspot(farsta, f"Brännpunkt {n}")
        make_meeting(title=f"Farstamöte {n}")
        register(detail, f"d{n}", organisation=organisation(f"Bolag {n}"))
        attended.append(
            register(
                held,
                f"h{n}",
                organisation=organisation(f"Bolag {n}"),
                now=held_start - timedelta(days=1),
            ).pk
        )
    attendance_mark(meeting=held, attended=attended)
    return {"detail": detail, "held": held}


PAGES = {
    # name: (url, queries). A staff page spends three of them on the session, the user (with
    # the roles, read once) and the area the user works in.
    "public meeting list": (lambda data: reverse("weekend_ops:meeting_list"), 3),
    "public meeting list of an area": (
        lambda data: reverse("weekend_ops:area_meeting_list", args=["farsta"]),
        3,
    ),
    "staff meeting list": (lambda data: reverse("weekend_ops:meeting_manage"), 5),
    # A coming meeting (no attendance form yet) and a held one, whose form lists everyone.
    "meeting detail": (
        lambda data: reverse("weekend_ops:meeting_detail", args=[data["detail"].pk]),
        6,
    ),
    "held meeting detail": (
        lambda data: reverse("weekend_ops:meeting_detail", args=[data["held"].pk]),
        7,
    ),
    "hotspot list": (lambda data: reverse("weekend_ops:hotspot_list"), 5),
    "capability": (lambda data: reverse("weekend_ops:capability"), 5),
    "shift list": (lambda data: reverse("weekend_ops:shift_list") + "?year=2024", 10),
    "year view": (lambda data: reverse("weekend_ops:year") + "?year=2024", 8),
}


@pytest.mark.parametrize("scale", [1, 4])
@pytest.mark.parametrize("page", list(PAGES))
def test_list_pages_run_a_fixed_number_of_queries(
    client, officer, page, scale, django_assert_num_queries
):
    data = populate(scale, officer)
    url, queries = PAGES[page]
    if "public" not in page:
        client.force_login(officer)
    address = url(data)
    with django_assert_num_queries(queries):
        response = client.get(address)
    assert response.status_code == 200


def test_a_second_areas_demo_meetings_are_held_in_that_area():
    """seed_demo's meetings of another area than Farsta name its own borough and districts,
    never Farsta's meeting house (seen on /skarholmen/moten/ and in its e-mails)."""
    from weekend_ops.demo import ensure_organisations, seed_meetings
    from weekend_ops.models import Meeting

    area = an_area("skarholmen", "Skärholmen")
    today = timezone.localdate()
    seed_meetings(area=area, organisations=ensure_organisations(), today=today)
    places = {f"{m.venue} · {m.address}" for m in Meeting.objects.of_area(area)}
    assert places and not [p for p in places if "Farsta" in p or "Hagsätra" in p]
    assert (
        "Medborgarhuset i Skärholmen sdo, sal 2 · Skärholmen centrum centrum, Skärholmen centrum"
        in places
    )
