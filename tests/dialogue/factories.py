"""Rounds and answers made through the dialogue's services."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from dialogue.services import answer_create, round_save
from promises.models import District, PolicingArea


def farsta() -> PolicingArea:
    return PolicingArea.objects.get(slug="farsta")


def a_round(*, area=None, year=None, opens_on=None, closes_on=None, districts=None, **kwargs):
    area = area or farsta()
    today = timezone.localdate()
    opens_on = opens_on or today - timedelta(days=5)
    closes_on = closes_on or today + timedelta(days=20)
    return round_save(
        policing_area=area,
        year=year or opens_on.year,
        title=kwargs.pop("title", "Trygghetsdialog"),
        opens_on=opens_on,
        closes_on=closes_on,
        districts=districts or District.objects.of_area(area).order_by("name")[:4],
        **kwargs,
    )


def an_answer(round, *, now: datetime | None = None, **overrides):
    district = overrides.pop("district", None) or round.districts.order_by("name").first()
    fields = {
        "group": "public",
        "relations": ["lives"],
        "district": district,
        "safety_day": "fairly_safe",
        "safety_evening": "fairly_unsafe",
        "concerns": ["violence"],
    } | overrides
    if now is None:
        # Inside the round, so a closed round can be given answers in the tests.
        now = timezone.make_aware(datetime.combine(round.opens_on, datetime.min.time())) + (
            timedelta(hours=12)
        )
    return answer_create(round=round, now=now, **fields)


def a_closed_round(*, year: int, **kwargs):
    return a_round(year=year, opens_on=date(year, 3, 1), closes_on=date(year, 4, 30), **kwargs)
