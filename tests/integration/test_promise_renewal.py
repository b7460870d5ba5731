import pytest
from django.urls import reverse

from promises.models import Promise
from promises.services import promise_renew, promises_renew_through
from weekend_ops.models import WeekendCountingRule


@pytest.mark.django_db
def test_renewing_copies_the_promise_to_the_next_year_once():
    promise = Promise.objects.get(year=2024, kind="weekend_collaboration")
    renewed, created = promise_renew(promise=promise)
    assert created
    assert (renewed.year, renewed.kind, renewed.target) == (2025, "weekend_collaboration", 40)
    assert renewed.weekend_counting_rule.rule == "both_evenings"
    assert renewed.summary == promise.summary and renewed.policing_area == promise.policing_area
    again, created_again = promise_renew(promise=promise)
    assert (again.pk, created_again) == (renewed.pk, False)


@pytest.mark.django_db
def test_renewing_keeps_the_kinds_own_settings():
    promise = Promise.objects.get(year=2024, kind="weekend_collaboration")
    WeekendCountingRule.objects.filter(promise=promise).update(rule="any_evening")
    renewed, _ = promise_renew(promise=promise)
    assert WeekendCountingRule.objects.get(promise=renewed).rule == "any_evening"


@pytest.mark.django_db
def test_renewing_through_a_year_fills_every_year_between():
    created = promises_renew_through(promises=Promise.objects.in_year(2024), last_year=2027)
    assert created == 6
    assert Promise.objects.years() == [2024, 2025, 2026, 2027]
    assert promises_renew_through(promises=Promise.objects.in_year(2024), last_year=2027) == 0


@pytest.mark.django_db
def test_staff_renew_promises_from_the_admin(client, superuser):
    client.force_login(superuser)
    ids = list(Promise.objects.in_year(2024).values_list("pk", flat=True))
    response = client.post(
        reverse("admin:promises_promise_changelist"),
        {"action": "renew_for_next_year", "_selected_action": ids},
        follow=True,
    )
    assert "2 löften förnyades för nästa år." in response.content.decode()
    assert Promise.objects.in_year(2025).count() == 2
    response = client.post(
        reverse("admin:promises_promise_changelist"),
        {"action": "renew_for_next_year", "_selected_action": ids},
        follow=True,
    )
    assert "2 löften fanns redan för nästa år och ändrades inte." in response.content.decode()
    assert Promise.objects.in_year(2025).count() == 2
