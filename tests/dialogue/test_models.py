"""An answer holds no personal data, and the database refuses values outside the choices."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from dialogue.models import Answer, Concern, DialogueSetting, Round
from dialogue.services import round_save

from .factories import a_round, an_answer, farsta

pytestmark = pytest.mark.django_db

PERSONAL = ("ip", "address", "email", "mail", "user", "agent", "name", "phone", "session")


def test_an_answer_has_no_column_for_personal_data():
    columns = [f.column for f in Answer._meta.concrete_fields]
    for column in columns:
        assert not any(word in column for word in PERSONAL), column
    # ... and no relation to an account.
    assert all(
        getattr(f.related_model, "__name__", "") != "User" for f in Answer._meta.concrete_fields
    )


def test_an_answer_keeps_the_hour_only():
    round = a_round()
    moment = datetime(
        round.opens_on.year,
        round.opens_on.month,
        round.opens_on.day,
        14,
        37,
        12,
        tzinfo=ZoneInfo("Europe/Stockholm"),
    )
    answer = an_answer(round, now=moment)
    answer.refresh_from_db()
    assert (answer.received_hour.minute, answer.received_hour.second) == (0, 0)


def test_the_concerns_are_the_sources_six_and_other_in_order():
    assert [str(c.label) for c in Concern] == [
        "Våldsbrott",
        "Narkotikabrott",
        "Skadegörelse",
        "Inbrott",
        "Trafikrelaterad brottslighet",
        "Kriminella grupperingar på offentlig plats",
        "Annat",
    ]


@pytest.mark.parametrize(
    "change",
    [{"group": "someone"}, {"safety_day": "7"}, {"place_time": "noon"}, {"lives": False}],
)
def test_the_database_refuses_values_outside_the_choices(change):
    answer = an_answer(a_round())
    with pytest.raises(IntegrityError), transaction.atomic():
        Answer.objects.filter(pk=answer.pk).update(**change)


def test_the_threshold_is_never_below_five_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        DialogueSetting.objects.create(area=farsta(), threshold=3)
    assert DialogueSetting.objects.threshold_of(farsta()) == 5


def test_a_round_has_at_most_three_own_questions():
    with pytest.raises(ValidationError):
        a_round(questions=["a?", "b?", "c?", "d?"])
    assert Round.objects.count() == 0


def test_a_round_asks_about_its_own_areas_districts_only():
    from promises.models import District

    other = District.objects.exclude(borough__policing_area=farsta()).first()
    if other is None:
        from config.demo import ensure_second_area

        ensure_second_area(first_year=2024)
        other = District.objects.exclude(borough__policing_area=farsta()).first()
    with pytest.raises(ValidationError):
        a_round(districts=[other])


def test_an_answer_for_a_district_not_asked_about_is_refused():
    round = a_round()
    from promises.models import District

    outside = District.objects.of_area(farsta()).exclude(pk__in=round.districts.all()).first()
    with pytest.raises(ValidationError):
        an_answer(round, district=outside)
    assert Answer.objects.count() == 0


def test_a_round_closes_after_it_opens():
    round = a_round()
    with pytest.raises(ValidationError):
        round_save(
            round=round,
            policing_area=round.policing_area,
            year=round.year,
            title=round.title,
            opens_on=round.closes_on,
            closes_on=round.opens_on,
            districts=round.districts.all(),
        )
