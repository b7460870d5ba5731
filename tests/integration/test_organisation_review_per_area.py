"""Organisation review per area, and names nobody accepted forgotten with the registrations
that used them (issue 18)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from promises.models import Organisation
from tests.promises.factories import UserFactory
from tests.weekend_ops.meeting_factories import make_meeting, organisation
from tests.weekend_ops.test_areas import an_area
from weekend_ops.models import Registration
from weekend_ops.services import registration_create, registrations_purge

pytestmark = pytest.mark.django_db


def typed(meeting, email, organisation_name, **kwargs):
    return registration_create(
        meeting=meeting,
        name="Person",
        organisation_name=organisation_name,
        email=email,
        consent=True,
        **kwargs,
    )[0]


@pytest.fixture
def two_areas():
    """Names typed for a Farsta meeting, for a Skärholmen meeting, and one for both."""
    skarholmen = an_area("skarholmen", "Skärholmen")
    farsta_meeting = make_meeting(seats=10)
    other_meeting = make_meeting(seats=10, borough=skarholmen.boroughs.first())
    farsta_only = typed(farsta_meeting, "a@example.org", "Farsta Fastigheter").organisation
    shared = typed(farsta_meeting, "b@example.org", "Gemensamma Vakter").organisation
    typed(other_meeting, "c@example.org", "Gemensamma Vakter")
    other_only = typed(other_meeting, "d@example.org", "Söderorts Bostäder").organisation
    colleague = UserFactory(role="officer", areas=[skarholmen])
    return {
        "farsta_only": farsta_only,
        "shared": shared,
        "other_only": other_only,
        "colleague": colleague,
    }


def test_the_review_lists_the_names_of_the_officers_area_with_every_area_using_them(
    client, officer, two_areas
):
    url = reverse("promises:organisation_review")
    client.force_login(two_areas["colleague"])
    html = client.get(url).content.decode()
    assert "Söderorts Bostäder" in html and "Gemensamma Vakter" in html
    assert "Farsta Fastigheter" not in html
    assert "Används i: Farsta, Skärholmen" in html  # the shared name
    assert "Används i: Skärholmen" in html
    client.force_login(officer)  # Farsta
    html = client.get(url).content.decode()
    assert "Farsta Fastigheter" in html and "Gemensamma Vakter" in html
    assert "Söderorts Bostäder" not in html


def test_staff_of_one_area_cannot_accept_or_merge_another_areas_name(client, two_areas):
    farsta_only, other_only = two_areas["farsta_only"], two_areas["other_only"]
    known = organisation("Kända Bolaget AB", "housing_company")
    client.force_login(two_areas["colleague"])
    accept = client.post(reverse("promises:organisation_accept", args=[farsta_only.pk]))
    merge = client.post(
        reverse("promises:organisation_merge", args=[farsta_only.pk]), {"into": known.pk}
    )
    assert (accept.status_code, merge.status_code) == (404, 404)
    farsta_only.refresh_from_db()  # still there, still to review, still named
    assert farsta_only.status == "to_review"
    assert Registration.objects.filter(organisation=farsta_only).count() == 1
    # Their own area's names they can.
    response = client.post(reverse("promises:organisation_accept", args=[other_only.pk]))
    assert response.status_code == 302
    other_only.refresh_from_db()
    assert other_only.status == "accepted"
    shared = two_areas["shared"]
    response = client.post(
        reverse("promises:organisation_merge", args=[shared.pk]), {"into": known.pk}
    )
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=shared.pk).exists()


def past_meeting(days_ago: int):
    start = timezone.now() - timedelta(days=days_ago)
    return make_meeting(
        seats=10, start=start, end=start + timedelta(hours=1), registration_deadline=start
    )


def test_a_name_nobody_accepted_goes_with_the_purge_of_its_last_registration():
    old, recent = past_meeting(400), past_meeting(10)
    before = old.start - timedelta(days=2)
    forgotten = typed(old, "a@example.org", "Glömda Bolaget", now=before).organisation
    still_used = typed(old, "b@example.org", "Levande Föreningen", now=before).organisation
    typed(recent, "c@example.org", "Levande Föreningen", now=recent.start - timedelta(days=2))
    accepted = organisation("Godkända AB")
    kept = registration_create(
        meeting=old,
        name="Person",
        organisation=accepted,
        email="d@example.org",
        consent=True,
        now=before,
    )[0]
    assert Organisation.history.filter(id=forgotten.pk).exists()
    assert registrations_purge(older_than_days=365) == 3
    assert not Organisation.objects.filter(pk=forgotten.pk).exists()
    assert not Organisation.history.filter(id=forgotten.pk).exists()
    assert Organisation.objects.filter(pk=still_used.pk).exists()  # a recent registration
    kept.refresh_from_db()
    assert kept.organisation == accepted  # accepted organisations stay, and count
    purged = Registration.objects.filter(meeting=old, organisation__isnull=True)
    assert purged.count() == 2
    assert not Registration.history.filter(organisation_id=forgotten.pk).exists()


def test_a_name_nobody_accepted_goes_when_its_last_registration_is_deleted():
    meeting = make_meeting(seats=10)
    first = typed(meeting, "a@example.org", "Tillfälliga Bolaget")
    second = typed(meeting, "b@example.org", "Tillfälliga Bolaget")
    name = first.organisation
    first.delete()
    assert Organisation.objects.filter(pk=name.pk).exists()  # still named by the second
    second.delete()
    assert not Organisation.objects.filter(pk=name.pk).exists()
    assert not Organisation.history.filter(id=name.pk).exists()
    accepted = organisation("Bestående AB")
    registration_create(
        meeting=meeting, name="P", organisation=accepted, email="c@example.org", consent=True
    )[0].delete()
    assert Organisation.objects.filter(pk=accepted.pk).exists()
