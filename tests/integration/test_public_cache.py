"""The public cache serves a changed figure once the memo of the version has expired: the
weekends counted from shifts logged in another process."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal import public_cache
from tests.weekend_ops.factories import make_shift


@pytest.mark.django_db
def test_a_changed_figure_is_served_after_the_memo_expires(client, settings, officer):
    settings.PUBLIC_CACHE_VERSION_SECONDS = 2
    url = reverse("api:progress")
    assert client.get(url, {"year": 2024}).json()["promises"][0]["achieved"] == 0
    make_shift(date(2024, 5, 17), officers=[officer])
    make_shift(date(2024, 5, 18), officers=[officer])
    cache.incr(public_cache.VERSION_KEY)  # as the commit in the officer's process does
    public_cache._seen["at"] -= 3
    assert client.get(url, {"year": 2024}).json()["promises"][0]["achieved"] == 1
