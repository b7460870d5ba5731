from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from safety_inventory.models import (
    Activity,
    Flag,
    FlagReason,
    FlagRule,
    Measure,
    MeasureStatus,
    Signal,
)
from safety_inventory.services import activity_create

from .factories import sites


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (
            Activity,
            {"kind": "inventory", "status": "conducted", "date": None, "reason": "annual_plan"},
        ),
        (Activity, {"kind": "walk", "status": "planned", "reason": "annual_plan"}),
        (Activity, {"kind": "inventory", "status": "done", "reason": "annual_plan"}),
        (Activity, {"kind": "inventory", "status": "planned", "reason": "whim"}),
    ],
)
def test_the_database_refuses_invalid_activities(model, fields):
    site = sites()[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(site=site, **fields)


@pytest.mark.django_db
def test_a_site_has_one_open_flag_at_most():
    site = sites()[0]
    Flag.objects.create(site=site, reason=FlagReason.SIGNALS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.create(site=site, reason=FlagReason.SIGNALS)
    Flag.objects.create(site=sites()[1], reason=FlagReason.SIGNALS)  # another site: fine


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields",
    [{"status": "answered"}, {"status": "dismissed", "dismissal_reason": ""}, {"status": "closed"}],
)
def test_a_closed_flag_needs_its_answer(fields):
    flag = Flag.objects.create(site=sites()[0], reason=FlagReason.SIGNALS)
    with pytest.raises(IntegrityError), transaction.atomic():
        Flag.objects.filter(pk=flag.pk).update(**fields)


@pytest.mark.django_db
def test_a_signal_needs_a_place_and_consent_for_its_email():
    site = sites()[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Signal.objects.create(district=site.district, category="lighting", description="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Signal.objects.create(
            district=site.district, site=site, category="lighting", description="x", email="a@b.se"
        )


@pytest.mark.django_db
def test_a_measure_not_done_needs_a_reason_and_overdue_is_open_past_its_date():
    activity = activity_create(site=sites()[0])
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.create(activity=activity, what="x", status=MeasureStatus.NOT_DONE)
    overdue = Measure.objects.create(activity=activity, what="Belysning", due_date=yesterday)
    Measure.objects.create(activity=activity, what="Klar", due_date=yesterday, status="done")
    Measure.objects.create(activity=activity, what="Senare", due_date=date(2099, 1, 1))
    assert overdue.is_overdue
    assert list(Measure.objects.overdue()) == [overdue]


@pytest.mark.django_db
def test_tracking_codes_are_unique_and_readable():
    site = sites()[0]
    codes = {
        Signal.objects.create(
            district=site.district, site=site, category="other", description="x"
        ).tracking_code
        for _ in range(50)
    }
    assert len(codes) == 50
    assert all(len(c) == 8 and not set(c) & set("01OIL") for c in codes)


@pytest.mark.django_db
def test_open_measures_are_one_rule_for_the_queryset_and_the_model():
    """The statuses that count as open live in one place; the QuerySet and is_overdue agree."""
    activity = activity_create(site=sites()[0])
    yesterday = timezone.localdate() - timedelta(days=1)
    by_status = {}
    for status in MeasureStatus:
        extra = {"not_done_reason": "Fastighetsägaren sa nej"} if status == "not_done" else {}
        by_status[status] = Measure.objects.create(
            activity=activity, what=str(status), status=status, due_date=yesterday, **extra
        )
    still_open = set(Measure.objects.still_open())
    assert still_open == {by_status[MeasureStatus.OPEN], by_status[MeasureStatus.IN_PROGRESS]}
    assert {m for m in by_status.values() if m.is_overdue} == still_open
    assert set(Measure.objects.overdue()) == still_open


def test_form_lengths_come_from_the_model():
    from safety_inventory.forms import DESCRIPTION_MAX, ObservationForm, SignalForm

    model_max = Signal._meta.get_field("description").max_length
    assert model_max == DESCRIPTION_MAX
    assert SignalForm.base_fields["description"].max_length == model_max
    assert ObservationForm.base_fields["description"].max_length == model_max
    assert (
        SignalForm.base_fields["place_text"].max_length
        == Signal._meta.get_field("place_text").max_length
    )


@pytest.mark.django_db
def test_changes_to_the_signal_thresholds_are_kept_in_history():
    rule = FlagRule.objects.get(area__slug="farsta")  # copied by safety_inventory 0003
    rule.threshold = 4
    rule.save()
    assert rule.history.first().threshold == 4


@pytest.mark.django_db
def test_a_flag_rule_of_zero_is_refused_at_its_field_in_words():
    from django.core.exceptions import ValidationError

    from promises.models import PolicingArea
    from safety_inventory.models import FlagRule

    rule = FlagRule(area=PolicingArea.objects.get(slug="farsta"), threshold=0, window_days=0)
    with pytest.raises(ValidationError) as refused:
        rule.full_clean(exclude=["area"], validate_constraints=False)
    assert set(refused.value.message_dict) == {"threshold", "window_days"}
    assert "1" in refused.value.message_dict["threshold"][0]
    with pytest.raises(ValidationError) as refused:
        rule.validate_constraints(exclude=["area"])
    assert refused.value.messages == [
        "Antal signaler och signalfönster i dagar måste båda vara minst 1."
    ]
