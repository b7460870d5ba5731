from datetime import timedelta

from django.utils import timezone

from promises.models import BoroughArea, Organisation
from weekend_ops.models import Meeting
from weekend_ops.services import registration_create


def make_meeting(*, seats=3, days_ahead=10, **kwargs) -> Meeting:
    start = timezone.now() + timedelta(days=days_ahead)
    fields = {
        "borough": BoroughArea.objects.get(slug="farsta"),
        "title": "Samverkansmöte Farsta",
        "start": start,
        "end": start + timedelta(hours=2),
        "venue": "Farsta medborgarhus",
        "address": "Farstaplan 10, Farsta",
        "seats": seats,
        "registration_deadline": start - timedelta(hours=1),
    }
    fields.update(kwargs)
    return Meeting.objects.create(**fields)


def organisation(name="Trygga Väktare AB", kind="security_company") -> Organisation:
    return Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def register(meeting, n: int | str, **kwargs):
    fields = {
        "meeting": meeting,
        "name": f"Person {n}",
        "organisation": organisation(),
        "email": f"person{n}@example.org",
        "consent": True,
    }
    fields.update(kwargs)
    return registration_create(**fields)[0]
