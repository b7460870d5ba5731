"""The feature settings are edited in the admin with what they belong to: the weekend counting
rule with a weekend promise (only there), the flag rule with a policing area."""

import pytest
from django.urls import reverse

from promises.models import PolicingArea, Promise
from safety_inventory.models import FlagRule

pytestmark = pytest.mark.django_db


def change_page(client, model, obj) -> str:
    url = reverse(f"admin:promises_{model}_change", args=[obj.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_counting_rule_is_edited_with_a_weekend_promise_only(client, superuser):
    client.force_login(superuser)
    weekend = Promise.objects.get(year=2024, kind="weekend_collaboration")
    places = Promise.objects.get(year=2024, kind="safety_inventory")
    assert "weekend_counting_rule-0-rule" in change_page(client, "promise", weekend)
    assert "weekend_counting_rule" not in change_page(client, "promise", places)


def test_the_flag_rule_is_edited_with_its_area(client, superuser):
    client.force_login(superuser)
    area = PolicingArea.objects.get(slug="farsta")
    html = change_page(client, "policingarea", area)
    assert 'name="flag_rule-0-threshold"' in html and 'value="3"' in html
    assert FlagRule.objects.get(area=area).window_days == 90
