import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from promises.models import BoroughArea, Organisation, Promise
from promises.services import promises_renew_through
from weekend_ops.links import cancel_token
from weekend_ops.models import CalendarToken, Meeting, Registration
from weekend_ops.services import attendance_mark

from .meeting_factories import make_meeting, organisation, register

pytestmark = pytest.mark.django_db


def form(**changes):
    data = {
        "name": "Anna Berg",
        "organisation_name": "Trygga Väktare AB",
        "organisation_kind": "security_company",
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


def test_a_partner_registers_and_the_e_mail_says_confirmed_or_waitlisted(
    client, django_capture_on_commit_callbacks
):
    organisation()
    meeting = make_meeting(seats=1)
    url = meeting.get_invitation_url()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, form())
    assert "<h1>Tack för din anmälan</h1>" in first.content.decode()
    assert mail.outbox[-1].subject.startswith("Du är anmäld")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form(email="bo@example.org", name="Bo"))
    assert mail.outbox[-1].subject.startswith("Du står på väntelistan")
    assert "på plats 1" in mail.outbox[-1].body
    assert Registration.objects.count() == 2
    assert Registration.objects.get(email="anna@example.org").organisation == organisation()


@pytest.mark.parametrize("seats", [1, 5])  # full after the known one, and with seats left
def test_the_page_is_the_same_for_a_new_and_an_already_registered_e_mail(
    client, django_capture_on_commit_callbacks, seats
):
    meeting = make_meeting(seats=seats)
    url = meeting.get_invitation_url()
    register(meeting, "known", email="known@example.org")  # confirmed, the last seat

    def answer(email):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, form(email=email))
        html = response.content.decode()
        # The seats left are public (the registration page shows them) and are those after the
        # write, which took a seat only for the new address: compared apart, below.
        left = re.search(r"Platser kvar</dt><dd[^>]*>([^<]*)", html).group(1)
        html = html.replace(left, "SEATS")
        return response.status_code, html.replace(email, "EMAIL"), left

    *known, known_left = answer("known@example.org")
    *new, new_left = answer("new@example.org")
    assert known == new
    assert (known_left, new_left) == (f"{seats - 1} av {seats}", f"{max(0, seats - 2)} av {seats}")
    # The e-mail, not the page, tells the holder of the known address their status.
    told = [m for m in mail.outbox if m.to == ["known@example.org"]]
    assert told[-1].subject.startswith("Din anmälan")
    assert "Du har en plats på mötet." in told[-1].body
    assert Registration.objects.filter(email="known@example.org").count() == 1


def test_registrations_from_one_client_are_rate_limited(client, settings):
    settings.MEETING_REGISTRATION_RATE_LIMIT = (3, 3600)
    meeting = make_meeting(seats=50)
    url = meeting.get_invitation_url()
    for n in range(3):
        assert client.post(url, form(email=f"p{n}@example.org")).status_code == 200
    # A form with mistakes costs nothing ...
    assert client.post(url, form(email="")).status_code == 200
    refused = client.post(url, form(email="p9@example.org"))
    assert refused.status_code == 429
    assert "För många anmälningar" in refused.content.decode()
    assert Registration.objects.count() == 3
    # ... and another client is not affected.
    other = client.post(url, form(email="p10@example.org"), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200 and Registration.objects.count() == 4


def test_an_unlisted_meeting_is_reached_by_its_invitation_link(client):
    meeting = make_meeting(is_public=False)
    assert client.get(meeting.get_invitation_url()).status_code == 200
    assert client.get(reverse("weekend_ops:meeting_register", args=["gissning"])).status_code == 404


def test_a_new_organisation_is_created_once_whatever_its_case_and_waits_for_review(client):
    meeting = make_meeting()
    client.post(
        meeting.get_invitation_url(),
        form(organisation_name="Nattvandrarna Örby", organisation_kind="association"),
    )
    client.post(
        meeting.get_invitation_url(),
        form(email="x@example.org", organisation_name="NATTVANDRARNA  örby"),
    )
    assert Organisation.objects.filter(name__iexact="Nattvandrarna Örby").count() == 1
    created = Organisation.objects.get(name="Nattvandrarna Örby")
    assert (created.kind, created.status) == ("association", "to_review")


def test_the_public_form_lists_no_organisations(client):
    organisation("Hemliga Bolaget AB")
    html = client.get(make_meeting().get_invitation_url()).content.decode()
    assert "Hemliga Bolaget AB" not in html


def test_a_refused_registration_leaves_no_new_organisation_behind(client):
    meeting = make_meeting()
    meeting.registration_deadline = timezone.now() + timedelta(seconds=1)
    meeting.save(update_fields=["registration_deadline"])
    from weekend_ops.services import RegistrationClosed, registration_create

    with pytest.raises(RegistrationClosed):
        registration_create(
            meeting=meeting,
            name="Sen",
            organisation_name="Helt Nytt Bolag",
            email="sen@example.org",
            consent=True,
            now=timezone.now() + timedelta(minutes=1),
        )
    assert not Organisation.objects.filter(name="Helt Nytt Bolag").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Skriv ditt namn."),
        ({"email": ""}, "email", "Skriv din e-postadress"),
        ({"email": "anna"}, "email", "namn@exempel.se"),
        # A valid address longer than the column (254) is refused at the field, not by the
        # database (PostgreSQL would answer a 500).
        ({"email": "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".se"}, "email", "254"),
        ({"consent": ""}, "consent", "Du behöver samtycka"),
        ({"organisation_name": "  "}, "organisation_name", "Skriv namnet på din organisation."),
        ({"name": "Anna\nBerg"}, "name", "osynliga styrtecken"),
        ({"organisation_name": "Bolag\r\nAB"}, "organisation_name", "osynliga styrtecken"),
        ({"role": "Väk\ttare"}, "role", "osynliga styrtecken"),
    ],
)
def test_bad_registrations_are_explained(client, changes, field, message):
    response = client.post(make_meeting().get_invitation_url(), form(**changes))
    assert any(message in e for e in response.context["form"].errors[field])
    assert Registration.objects.count() == 0


def test_after_the_deadline_or_for_a_cancelled_meeting_the_page_refuses_clearly(client):
    late = make_meeting(registration_deadline=timezone.now() - timedelta(minutes=1))
    response = client.post(late.get_invitation_url(), form())
    # The page says why, in the words the registration service uses.
    assert "Sista anmälningsdag var" in response.content.decode()
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
        "address": "Hagsätra torg 2",
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
    meeting = make_meeting(seats=2, days_ahead=1)
    a, b = register(meeting, 1), register(meeting, 2)
    register(meeting, 3)  # waitlisted: not on the attendance form
    traveller = time_machine.travel(meeting.start + timedelta(minutes=10), tick=False)
    traveller.start()
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
    traveller.stop()


def test_attendance_before_the_start_is_refused_in_the_page_and_the_post(client, officer):
    meeting = make_meeting(seats=2, days_ahead=3)
    a = register(meeting, 1)
    client.force_login(officer)
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Närvaron kan markeras först när mötet har börjat" in detail
    assert reverse("weekend_ops:meeting_attendance", args=[meeting.pk]) not in detail
    response = client.post(
        reverse("weekend_ops:meeting_attendance", args=[meeting.pk]),
        {"attended": [a.pk]},
        follow=True,
    )
    assert "Närvaron kan markeras först när mötet har börjat" in response.content.decode()
    a.refresh_from_db()
    meeting.refresh_from_db()
    assert (a.attended, meeting.status) == (None, "scheduled")
    # From the start it is offered and saved.
    with time_machine.travel(meeting.start, tick=False):
        client.force_login(officer)
        detail = client.get(meeting.get_absolute_url()).content.decode()
        assert reverse("weekend_ops:meeting_attendance", args=[meeting.pk]) in detail
        client.post(
            reverse("weekend_ops:meeting_attendance", args=[meeting.pk]), {"attended": [a.pk]}
        )
    a.refresh_from_db()
    assert a.attended is True


def test_a_future_meetings_attendance_never_reaches_the_public_figures(client):
    # Ticked through the admin (which has no rule of its own): the figures still leave it out.
    meeting = make_meeting(seats=2, days_ahead=3)
    a = register(meeting, 1)
    Registration.objects.filter(pk=a.pk).update(attended=True)
    year = timezone.localtime(meeting.start).year
    promises_renew_through(promises=Promise.objects.in_year(2024), last_year=year)
    api = reverse("api:progress")

    def published():
        body = client.get(api, {"year": year}).json()
        return body["promises"][0]["details"]["meetings"]

    before = published()
    assert (before["held"], before["persons"]) == (0, 0)
    with time_machine.travel(meeting.start + timedelta(hours=3), tick=False):
        cache.clear()
        after = published()
    assert (after["held"], after["persons"]) == (1, 1)


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
    assert "1 organisation och 1 person på 1 möte." in html
    client.logout()
    promises_renew_through(
        promises=Promise.objects.in_year(2024), last_year=timezone.localdate().year
    )
    public = client.get(
        reverse("promises:home"), {"year": timezone.localtime(start).year}
    ).content.decode()
    assert "1 möte med 1 organisation och 1 person på plats." in public
    for secret in ("Anna Hemlig", "anna.hemlig@example.org", "070-9999999"):
        assert secret not in public


def meeting_data(**changes) -> dict:
    start = (timezone.localtime() + timedelta(days=7)).replace(hour=18, minute=0)
    data = {
        "borough": BoroughArea.objects.get(slug="farsta").pk,
        "title": "Samverkan Farsta",
        "description": "",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "venue": "Farsta bibliotek",
        "address": "Farstaplan 10",
        "directions": "",
        "seats": "12",
        "registration_deadline": (start - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "weekend": "",
        "is_public": "on",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("field", ["start", "end", "registration_deadline", "weekend"])
@pytest.mark.parametrize("year", ["0001", "9999"])
def test_every_date_field_of_the_meeting_form_refuses_year_1_and_9999(client, officer, field, year):
    client.force_login(officer)
    value = f"{year}-01-01" if field == "weekend" else f"{year}-01-01T00:00"
    response = client.post(reverse("weekend_ops:meeting_create"), meeting_data(**{field: value}))
    assert response.status_code == 200
    assert any("Ange ett datum mellan" in e for e in response.context["form"].errors[field])
    assert not Meeting.objects.exists()


def test_meeting_rules_are_explained_at_their_fields_never_as_database_text(client, officer):
    client.force_login(officer)
    url = reverse("weekend_ops:meeting_create")
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    cases = [
        ({"seats": "0"}, "seats", "Ange minst 1 plats."),
        ({"seats": "-4"}, "seats", "Ange minst 1 plats."),
        ({"seats": "tjugo"}, "seats", "som en siffra"),
        ({"start": past, "registration_deadline": past}, "start", "bakåt i tiden"),
        ({"title": "Möte\r\nBcc: x@example.org"}, "title", "osynliga styrtecken"),
        ({"venue": "Sal\x002"}, "venue", "osynliga styrtecken"),
        # The public list shows the description: the publishing guard keeps personal data out.
        ({"description": "Frågor till anna.a@example.org"}, "description", "e-postadress"),
        ({"description": "Ring 070-123 45 67 vid frågor"}, "description", "telefonnummer"),
    ]
    for changes, field, message in cases:
        response = client.post(url, meeting_data(**changes))
        form_ = response.context["form"]
        assert any(message in e for e in form_.errors[field]), (changes, form_.errors)
        assert len(set(form_.errors[field])) == len(form_.errors[field]), "said twice"
        assert not form_.non_field_errors(), changes
        html = response.content.decode()
        assert "meeting_has_seats" not in html and "Constraint" not in html
    assert not Meeting.objects.exists()
    assert client.post(url, meeting_data()).status_code == 302
    assert Meeting.objects.get().address == "Farstaplan 10"


def test_an_edit_keeps_the_seat_count_and_refuses_seats_below_the_confirmed(client, officer):
    meeting = make_meeting(seats=5)
    client.force_login(officer)
    url = reverse("weekend_ops:meeting_update", args=[meeting.pk])
    client.get(url)  # the officer opens the form ...
    for n in range(3):
        register(meeting, n)  # ... partners register meanwhile ...
    local = timezone.localtime
    data = meeting_data(
        start=local(meeting.start).strftime("%Y-%m-%dT%H:%M"),
        end=local(meeting.end).strftime("%Y-%m-%dT%H:%M"),
        registration_deadline=local(meeting.registration_deadline).strftime("%Y-%m-%dT%H:%M"),
        title="Ändrad rubrik",
        seats="5",
    )
    assert client.post(url, data).status_code == 302  # ... and the officer saves
    meeting.refresh_from_db()
    assert (meeting.title, meeting.seats_taken) == ("Ändrad rubrik", 3)
    refused = client.post(url, {**data, "seats": "2"})
    assert (
        "3 partner har redan bekräftade platser. Ange minst 3 platser."
        in (refused.context["form"].errors["seats"])
    )


def test_cancelling_a_meeting_asks_first_shows_who_is_told_and_sends_the_reason(
    client, officer, django_capture_on_commit_callbacks
):
    meeting = make_meeting(seats=1)
    register(meeting, 1, name="Anna Berg")
    register(meeting, 2, name="Bo Ek")
    client.force_login(officer)
    url = reverse("weekend_ops:meeting_cancel", args=[meeting.pk])
    page = client.get(url)
    html = page.content.decode()
    assert "Anna Berg" in html and "Bo Ek" in html and 'name="reason"' in html
    meeting.refresh_from_db()
    assert meeting.status == "scheduled"  # a GET changes nothing
    missing = client.post(url, {"reason": ""})
    assert "Skriv kort varför mötet ställs in." in missing.context["form"].errors["reason"]
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"reason": "Lokalen är vattenskadad."})
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancellation_reason) == (
        "cancelled",
        "Lokalen är vattenskadad.",
    )
    assert len(mail.outbox) == 2
    assert all("Skäl: Lokalen är vattenskadad." in m.body for m in mail.outbox)


def test_the_calendar_feed_stops_when_its_owner_loses_the_role_or_is_deactivated(client, officer):
    from django.contrib.auth.models import Group

    make_meeting()
    feed = lambda token: client.get(reverse("weekend_ops:calendar_feed", args=[token]))  # noqa: E731
    token = CalendarToken.objects.create(user=officer).token
    assert feed(token).status_code == 200
    officer.groups.remove(Group.objects.get(name="officer"))
    assert feed(token).status_code == 404
    assert not CalendarToken.objects.filter(user=officer).exists()
    officer.groups.add(Group.objects.get(name="officer"))
    assert feed(token).status_code == 404  # the old secret stays revoked
    token = CalendarToken.objects.create(user=officer).token
    officer.is_active = False
    officer.save()
    assert feed(token).status_code == 404
    assert not CalendarToken.objects.exists()


def test_a_reader_never_gets_a_feed_even_with_an_old_secret(client, reader):
    make_meeting()
    token = CalendarToken.objects.create(user=reader).token
    assert client.get(reverse("weekend_ops:calendar_feed", args=[token])).status_code == 404


def test_deleting_a_confirmed_registration_in_the_admin_keeps_the_count(client, superuser):
    meeting = make_meeting(seats=1)
    first = register(meeting, 1)
    waiting = register(meeting, 2)
    client.force_login(superuser)
    url = reverse("admin:weekend_ops_registration_delete", args=[first.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    waiting.refresh_from_db()
    meeting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert meeting.seats_taken == meeting.registrations.confirmed().count() == 1
    changelist = reverse("admin:weekend_ops_registration_changelist")
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [waiting.pk], "post": "yes"}
    )
    meeting.refresh_from_db()
    assert meeting.seats_taken == 0 and not meeting.registrations.exists()


def test_an_admin_edit_of_a_meeting_never_writes_back_the_seat_count(client, superuser):
    meeting = make_meeting(seats=4)
    client.force_login(superuser)
    url = reverse("admin:weekend_ops_meeting_change", args=[meeting.pk])
    form_ = client.get(url).context["adminform"].form
    register(meeting, 1)
    register(meeting, 2)
    data = {
        name: value
        for name, value in form_.initial.items()
        if name in form_.fields and value is not None
    }
    local = timezone.localtime
    for field in ("start", "end", "registration_deadline"):
        data[f"{field}_0"] = local(getattr(meeting, field)).strftime("%Y-%m-%d")
        data[f"{field}_1"] = local(getattr(meeting, field)).strftime("%H:%M:%S")
        data.pop(field, None)
    data.update(
        {
            "title": "Ändrat i admin",
            "borough": meeting.borough_id,
            "registrations-TOTAL_FORMS": "2",
            "registrations-INITIAL_FORMS": "2",
            "registrations-MIN_NUM_FORMS": "0",
            "registrations-MAX_NUM_FORMS": "1000",
        }
    )
    for i, registration in enumerate(meeting.registrations.all()):
        data[f"registrations-{i}-id"] = registration.pk
        data[f"registrations-{i}-meeting"] = meeting.pk
        data[f"registrations-{i}-name"] = registration.name
        data[f"registrations-{i}-organisation"] = registration.organisation_id
        data[f"registrations-{i}-email"] = registration.email
        data[f"registrations-{i}-attended"] = "unknown"
    data["is_public"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    meeting.refresh_from_db()
    assert (meeting.title, meeting.seats_taken) == ("Ändrat i admin", 2)


def test_registering_on_the_english_page_stores_english_for_the_e_mails(
    client, django_capture_on_commit_callbacks
):
    meeting = make_meeting()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en" + meeting.get_invitation_url(), form())
    assert "Thank you for registering" in response.content.decode()
    assert Registration.objects.get().language == "en"
    assert mail.outbox[-1].subject == "You are registered: Samverkansmöte Farsta"
    assert "Place: Farsta medborgarhus, Farstaplan 10, Farsta" in mail.outbox[-1].body


def test_a_full_meetings_form_offers_the_waiting_list(client):
    meeting = make_meeting(seats=1)
    register(meeting, 1)
    html = client.get(meeting.get_invitation_url()).content.decode()
    assert "Ställ mig på väntelistan" in html


def test_the_admin_refuses_a_year_1_meeting_at_the_field(client, superuser):
    client.force_login(superuser)
    data = {
        "borough": BoroughArea.objects.get(slug="farsta").pk,
        "title": "Admin",
        "start_0": "0001-01-01",
        "start_1": "10:00:00",
        "end_0": "9999-12-31",
        "end_1": "12:00:00",
        "registration_deadline_0": "0001-01-01",
        "registration_deadline_1": "09:00:00",
        "venue": "Sal",
        "address": "Gatan 1",
        "seats": "0",
        "status": "scheduled",
        "is_public": "on",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:weekend_ops_meeting_add"), data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    for field in ("start", "end", "registration_deadline"):
        assert any("Ange ett datum mellan" in e for e in errors[field]), errors
    assert errors["seats"] == ["Ange minst 1 plats."]
    assert "__all__" not in errors
    assert not Meeting.objects.exists()


def test_the_thank_you_page_shows_the_seats_after_the_registration(client):
    meeting = make_meeting(seats=6)
    for n in range(5):
        register(meeting, n)
    page = client.get(meeting.get_invitation_url()).content.decode()
    assert 'Platser kvar</dt><dd class="col-sm-9">1 av 6' in page
    response = client.post(meeting.get_invitation_url(), form(email="sista@example.org"))
    assert response.status_code == 200
    assert "Tack för din anmälan" in response.content.decode()
    assert 'Platser kvar</dt><dd class="col-sm-9">0 av 6' in response.content.decode()
