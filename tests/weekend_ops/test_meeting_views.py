import io
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from promises.models import BoroughArea, Organisation, Promise
from promises.services import promises_renew_through
from weekend_ops.links import cancel_token
from weekend_ops.models import CalendarToken, Registration
from weekend_ops.services import attendance_mark

from .meeting_factories import make_meeting, organisation, register

pytestmark = pytest.mark.django_db


def form(**changes):
    data = {
        "name": "Anna Berg",
        "organisation": organisation().pk,
        "new_organisation": "",
        "new_organisation_kind": "other",
        "role": "Väktare",
        "email": "anna@example.org",
        "phone": "",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_only_public_scheduled_future_meetings_are_listed(client):
    listed = make_meeting(title="Öppet möte")
    make_meeting(title="Hemligt möte", is_public=False)
    make_meeting(
        title="Gammalt möte",
        days_ahead=-5,
        registration_deadline=timezone.now() - timedelta(days=6),
    )
    html = client.get(reverse("weekend_ops:meeting_list")).content.decode()
    assert "Öppet möte" in html and listed.get_invitation_url() in html
    assert "Hemligt möte" not in html and "Gammalt möte" not in html


def test_a_partner_registers_and_the_page_says_confirmed_or_waitlisted(
    client, django_capture_on_commit_callbacks
):
    meeting = make_meeting(seats=1)
    url = meeting.get_invitation_url()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, form())
    assert "<h1>Du är anmäld</h1>" in first.content.decode()
    second = client.post(url, form(email="bo@example.org", name="Bo"))
    assert "<h1>Du står på väntelistan</h1>" in second.content.decode()
    again = client.post(url, form())
    assert "Du var redan anmäld med den här e-postadressen" in again.content.decode()
    assert Registration.objects.count() == 2
    assert mail.outbox[0].to == ["anna@example.org"]


def test_an_unlisted_meeting_is_reached_by_its_invitation_link(client):
    meeting = make_meeting(is_public=False)
    assert client.get(meeting.get_invitation_url()).status_code == 200
    assert client.get(reverse("weekend_ops:meeting_register", args=["gissning"])).status_code == 404


def test_a_new_organisation_is_created_once_whatever_its_case(client):
    meeting = make_meeting()
    client.post(
        meeting.get_invitation_url(),
        form(
            organisation="",
            new_organisation="Nattvandrarna Örby",
            new_organisation_kind="association",
        ),
    )
    client.post(
        meeting.get_invitation_url(),
        form(email="x@example.org", organisation="", new_organisation="NATTVANDRARNA  örby"),
    )
    assert Organisation.objects.filter(name__iexact="Nattvandrarna Örby").count() == 1
    assert Organisation.objects.get(name="Nattvandrarna Örby").kind == "association"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Skriv ditt namn."),
        ({"email": ""}, "email", "Skriv din e-postadress"),
        ({"email": "anna"}, "email", "namn@exempel.se"),
        ({"consent": ""}, "consent", "Du behöver samtycka"),
        (
            {"organisation": "", "new_organisation": ""},
            "organisation",
            "Välj din organisation i listan",
        ),
    ],
)
def test_bad_registrations_are_explained(client, changes, field, message):
    response = client.post(make_meeting().get_invitation_url(), form(**changes))
    assert any(message in e for e in response.context["form"].errors[field])
    assert Registration.objects.count() == 0


def test_after_the_deadline_or_for_a_cancelled_meeting_the_page_refuses_clearly(client):
    late = make_meeting(registration_deadline=timezone.now() - timedelta(minutes=1))
    response = client.post(late.get_invitation_url(), form())
    assert "Anmälan till mötet är stängd." in response.content.decode()
    cancelled = make_meeting(status="cancelled")
    assert "Mötet är inställt" in client.get(cancelled.get_invitation_url()).content.decode()
    assert Registration.objects.count() == 0


def test_the_cancel_link_asks_then_cancels_and_promotes(client, django_capture_on_commit_callbacks):
    meeting = make_meeting(seats=1)
    first = register(meeting, 1)
    waiting = register(meeting, 2)
    url = reverse("weekend_ops:registration_cancel", args=[cancel_token(first)])
    page = client.get(url)
    assert "Ja, avanmäl mig" in page.content.decode()
    first.refresh_from_db()
    assert first.status == "confirmed"  # a GET (a mail scanner) changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url)
    assert "<h1>Du är avanmäld</h1>" in done.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert mail.outbox[-1].to == ["person2@example.org"]
    assert "redan avanmäld" in client.get(url).content.decode()


def test_a_tampered_link_and_a_started_meeting_get_a_clear_page(client):
    meeting = make_meeting()
    token = cancel_token(register(meeting, 1))
    bad = client.get(reverse("weekend_ops:registration_cancel", args=[token[:-2] + "zz"]))
    assert bad.status_code == 400 and "Länken fungerar inte" in bad.content.decode()
    meeting.start = timezone.now() - timedelta(minutes=5)
    meeting.registration_deadline = meeting.start
    meeting.end = timezone.now() + timedelta(hours=1)
    meeting.save()
    started = client.post(reverse("weekend_ops:registration_cancel", args=[token]))
    assert started.status_code == 400 and "Mötet har redan börjat" in started.content.decode()
    assert Registration.objects.get().status == "confirmed"


def test_officers_create_a_meeting_with_clear_errors(client, officer):
    client.force_login(officer)
    url = reverse("weekend_ops:meeting_create")
    start = (timezone.localtime() + timedelta(days=7)).replace(hour=18, minute=0)
    data = {
        "borough": BoroughArea.objects.get(slug="vantor").pk,
        "title": "Samverkan Hagsätra",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "venue": "Hagsätra bibliotek",
        "seats": "12",
        "registration_deadline": (start + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "weekend": start.date().isoformat()
        if start.weekday() != 4
        else (start.date() + timedelta(days=1)).isoformat(),
        "is_public": "on",
    }
    response = client.post(url, data)
    errors = response.context["form"].errors
    assert "Mötet måste sluta efter att det har börjat." in errors["end"]
    assert "Sista anmälningsdag måste vara före mötets start." in errors["registration_deadline"]
    assert "En helg anges med fredagens datum. Välj en fredag." in errors["weekend"]
    data["end"] = (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    data["registration_deadline"] = (start - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data["weekend"] = ""
    response = client.post(url, data)
    assert response.status_code == 302


def test_attendance_is_marked_and_exported_as_csv_and_xlsx(client, officer):
    meeting = make_meeting(seats=2)
    a, b = register(meeting, 1), register(meeting, 2)
    register(meeting, 3)  # waitlisted: not on the attendance form
    client.force_login(officer)
    detail = client.get(meeting.get_absolute_url())
    assert len(detail.context["attendance"].fields["attended"].queryset) == 2
    client.post(reverse("weekend_ops:meeting_attendance", args=[meeting.pk]), {"attended": [a.pk]})
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.attended, b.attended) == (True, False)
    csv_text = client.get(
        reverse("weekend_ops:attendance_export", args=[meeting.pk, "csv"])
    ).content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0] == "Namn;Organisation;Typ;Roll;E-post;Telefon;Status;Närvarade"
    assert (
        "Person 1;Trygga Väktare AB;Bevakningsföretag;;person1@example.org;;Bekräftad;Ja" in lines
    )
    response = client.get(reverse("weekend_ops:attendance_export", args=[meeting.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Namn" and len(rows) == 4
    assert (
        client.get(reverse("weekend_ops:attendance_export", args=[meeting.pk, "pdf"])).status_code
        == 404
    )


def test_the_staff_calendar_feed_answers_its_secret_only(client, officer):
    meeting = make_meeting()
    client.force_login(officer)
    page = client.get(reverse("weekend_ops:calendar_link"))
    token = CalendarToken.objects.get(user=officer).token
    assert token in page.content.decode()
    client.logout()
    feed = client.get(reverse("weekend_ops:calendar_feed", args=[token]))
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    events = Calendar.from_ical(feed.content).walk("VEVENT")
    assert [e["SUMMARY"] for e in events] == [meeting.title]
    client.force_login(officer)
    client.post(reverse("weekend_ops:calendar_link"))  # a new secret
    client.logout()
    assert client.get(reverse("weekend_ops:calendar_feed", args=[token])).status_code == 404


def test_the_capability_page_and_public_page_show_counts_without_names(client, reader):
    start = timezone.now() - timedelta(days=2)
    meeting = make_meeting(
        start=start, end=start + timedelta(hours=1), registration_deadline=start, seats=5
    )
    a = register(
        meeting,
        "Anna",
        name="Anna Hemlig",
        email="anna.hemlig@example.org",
        phone="070-9999999",
        now=start - timedelta(days=1),
    )
    attendance_mark(meeting=meeting, attended=[a.pk])
    client.force_login(reader)
    html = client.get(reverse("weekend_ops:capability")).content.decode()
    assert "1 organisationer och 1 personer på 1 möten." in html
    client.logout()
    promises_renew_through(
        promises=Promise.objects.in_year(2024), last_year=timezone.localdate().year
    )
    public = client.get(
        reverse("promises:home"), {"year": timezone.localtime(start).year}
    ).content.decode()
    assert "1 möte med 1 organisationer och 1 personer på plats." in public
    for secret in ("Anna Hemlig", "anna.hemlig@example.org", "070-9999999"):
        assert secret not in public
