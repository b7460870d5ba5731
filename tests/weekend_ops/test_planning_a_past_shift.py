"""Planning a shift that has already ended (issue 18): the form says it is in the past and asks
to save it as completed; it never calls an ended shift "under way"."""

import time_machine
from django.urls import reverse

from weekend_ops.models import Shift, ShiftStatus

from .test_views import shift_post

PLAN = reverse("weekend_ops:shift_create") + "?status=planned"


@time_machine.travel("2024-06-07 10:00 +02:00", tick=False)
def test_planning_a_shift_three_weeks_ago_asks_first(client, officer):
    client.force_login(officer)
    response = client.post(PLAN, shift_post(officer, date="2024-05-17", status="planned"))
    assert response.status_code == 200 and Shift.objects.count() == 0
    errors = " ".join(response.context["form"].errors["confirm_unusual"])
    assert "redan slut" in errors and "genomfört" in errors
    html = response.content.decode()
    assert "pågående" not in html and "pågår" not in html


@time_machine.travel("2024-06-07 10:00 +02:00", tick=False)
def test_confirmed_a_past_shift_is_saved_as_completed(client, officer):
    client.force_login(officer)
    post = shift_post(officer, date="2024-05-17", status="planned", confirm_unusual="on")
    response = client.post(PLAN, post, follow=True)
    shift = Shift.objects.get()
    assert shift.status == ShiftStatus.COMPLETED
    html = response.content.decode()
    assert "Passet är sparat." in html and "pågående" not in html


@time_machine.travel("2024-05-17 20:00 +02:00", tick=False)
def test_a_shift_under_way_is_saved_as_planned_and_called_under_way(client, officer):
    client.force_login(officer)
    response = client.post(PLAN, shift_post(officer, status="planned"), follow=True)
    assert Shift.objects.get().status == ShiftStatus.PLANNED
    assert "sparat som pågående" in response.content.decode()


@time_machine.travel("2024-05-10 10:00 +02:00", tick=False)
def test_a_future_shift_is_planned_without_a_question(client, officer):
    client.force_login(officer)
    response = client.post(PLAN, shift_post(officer, status="planned"), follow=True)
    assert Shift.objects.get().status == ShiftStatus.PLANNED
    assert "Passet är sparat." in response.content.decode()
