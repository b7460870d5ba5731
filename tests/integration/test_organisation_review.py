"""Organisations partners type in wait for staff review: accept, or merge into a known one."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from promises.models import Organisation, PolicingArea, organisation_uses
from promises.organisation_matching import similarity, suggested_matches
from promises.services import organisation_merge
from safety_inventory.forms import ActivityForm
from safety_inventory.models import Activity
from tests.safety_inventory.factories import conducted, sites
from tests.weekend_ops.factories import make_shift
from tests.weekend_ops.meeting_factories import make_meeting, register
from weekend_ops.forms import ShiftForm
from weekend_ops.models import Shift
from weekend_ops.selectors import collective_capability
from weekend_ops.services import attendance_mark, registration_create

pytestmark = pytest.mark.django_db


def typed(meeting, n, organisation_name, **kwargs):
    return registration_create(
        meeting=meeting,
        name=f"Person {n}",
        organisation_name=organisation_name,
        email=f"p{n}@example.org",
        consent=True,
        **kwargs,
    )[0]


def test_similar_names_are_suggested_best_first():
    known = [
        Organisation(name="Farsta Bostäder AB"),
        Organisation(name="Securitas Sverige AB"),
        Organisation(name="Stockholms stad"),
    ]
    assert suggested_matches("farsta bostader", known)[0].name == "Farsta Bostäder AB"
    assert suggested_matches("SECURITAS", known)[0].name == "Securitas Sverige AB"
    assert suggested_matches("Nattvandrarna", known) == []
    assert similarity("Farsta Bostäder AB", "farsta bostäder") == 1.0


def test_the_review_page_lists_new_organisations_with_suggestions(
    client, officer, django_assert_num_queries
):
    Organisation.objects.create(name="Farsta Bostäder AB", kind="housing_company")
    meeting = make_meeting(seats=30)
    for n in range(6):
        typed(meeting, n, f"Farsta Bostader {n}")
    client.force_login(officer)
    url = reverse("promises:organisation_review")
    client.get(url)
    # The page's own queries, the session, the user with their roles, and the area; and the
    # areas using the names: one query per kind of record that names an organisation and
    # knows its area (registrations, activities, ...), whatever the number of names.
    with_area = [use for use in organisation_uses() if use[2]]
    with django_assert_num_queries(6 + len(with_area)) as few:
        client.get(url)
    for n in range(6, 20):
        typed(meeting, n, f"Farsta Bostader {n}")
    # However many rows: the same queries (session, user, roles, the two lists, the page's own)
    with django_assert_num_queries(len(few.captured_queries)):
        html = client.get(url).content.decode()
    assert "Farsta Bostader 5" in html and "Slå ihop med Farsta Bostäder AB" in html


def test_merging_moves_registrations_and_activities_and_then_counts(client, officer):
    known = Organisation.objects.create(name="Farsta Bostäder AB", kind="housing_company")
    start = timezone.now() - timedelta(days=2)
    meeting = make_meeting(
        start=start, end=start + timedelta(hours=1), registration_deadline=start, seats=5
    )
    registration = typed(meeting, 1, "Farsta bostäder", now=start - timedelta(days=1))
    duplicate = registration.organisation
    assert duplicate.status == "to_review" and duplicate != known
    attendance_mark(meeting=meeting, attended=[registration.pk])
    year = timezone.localtime(start).year
    area = meeting.borough.policing_area
    assert collective_capability(area=area, year=year)["year"].organisations == 0

    client.force_login(officer)
    response = client.post(
        reverse("promises:organisation_merge", args=[duplicate.pk]), {"into": known.pk}
    )
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.organisation == known
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert collective_capability(area=area, year=year)["year"].organisations == 1


def test_merging_keeps_many_to_many_links_once():
    known = Organisation.objects.create(name="Securitas")
    duplicate = Organisation.objects.create(name="Securitas AB", status="to_review")
    site_a, site_b = sites()[:2]
    both = conducted(site_a, date(2024, 5, 1))
    both.organisations.add(known, duplicate)
    only_duplicate = conducted(site_b, date(2024, 5, 2))
    only_duplicate.organisations.add(duplicate)
    organisation_merge(duplicate=duplicate, into=known)
    assert list(both.organisations.all()) == [known]
    assert list(only_duplicate.organisations.all()) == [known]
    assert Activity.objects.filter(organisations=known).count() == 2


def test_accepting_makes_an_organisation_count_and_bad_merges_are_refused(client, officer):
    meeting = make_meeting()
    registration = typed(meeting, 1, "Nattvandrarna Örby")
    organisation = registration.organisation
    client.force_login(officer)
    refused = client.post(
        reverse("promises:organisation_merge", args=[organisation.pk]), {"into": ""}, follow=True
    )
    assert "Välj vilken organisation Nattvandrarna Örby är." in refused.content.decode()
    client.post(reverse("promises:organisation_accept", args=[organisation.pk]))
    organisation.refresh_from_db()
    assert organisation.status == "accepted"
    review = client.get(reverse("promises:organisation_review")).content.decode()
    assert "Inga organisationer väntar på granskning." in review


def test_a_known_name_in_any_case_is_reused_and_an_officers_organisation_is_accepted():
    known = Organisation.objects.create(name="Farsta Bostäder AB")
    assert known.status == "accepted"
    registration = register(
        make_meeting(), 1, organisation=None, organisation_name="FARSTA bostäder ab"
    )
    assert registration.organisation == known


def test_staff_pickers_offer_only_accepted_organisations_but_keep_a_records_own(officer):
    accepted = Organisation.objects.create(name="Godkänd Aktör AB")
    waiting = Organisation.objects.create(name="Skräp & Co", status="to_review")
    area = PolicingArea.objects.get()

    new_shift = ShiftForm(policing_area=area)
    assert list(new_shift.fields["organisations"].queryset) == [accepted]
    assert list(ActivityForm().fields["organisations"].queryset) == [accepted]

    # A shift that already met the waiting organisation keeps it when edited.
    shift = make_shift(date(2024, 5, 17), officers=[officer])
    shift.organisations.add(waiting)
    shift = Shift.objects.get(pk=shift.pk)
    edited = ShiftForm(policing_area=area, shift=shift)
    assert set(edited.fields["organisations"].queryset) == {accepted, waiting}
