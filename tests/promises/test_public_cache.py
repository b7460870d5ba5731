import os
import socket
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal import public_cache
from tests.weekend_ops.factories import make_shift


def test_a_process_trusts_the_version_it_read_for_the_set_seconds(settings):
    settings.PUBLIC_CACHE_VERSION_SECONDS = 2
    first = public_cache.version()
    cache.incr(public_cache.VERSION_KEY)  # another process changed the data
    assert public_cache.version() == first  # trusted for now
    public_cache._seen["at"] -= 3  # ... and asked again once the seconds have passed
    assert public_cache.version() == first + 1


def test_this_processs_own_change_is_seen_at_once(settings):
    settings.PUBLIC_CACHE_VERSION_SECONDS = 60
    first = public_cache.version()
    public_cache.refresh()
    assert public_cache.version() == first + 1


def test_a_flushed_cache_never_brings_back_an_old_version(settings):
    settings.PUBLIC_CACHE_VERSION_SECONDS = 0
    first = public_cache.version()
    cache.clear()
    assert public_cache.version() > first


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


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(
    not redis_up() and os.environ.get("CI") != "true",
    reason="no Redis on 127.0.0.1:6379 (outside CI); CI has one",
)
def test_the_redis_backend_reuses_one_client_and_works():
    from config.cache import ReusedClientRedisCache

    redis = ReusedClientRedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": "test"})
    redis.set("answer", {"value": 42}, 30)
    assert redis.get("answer") == {"value": 42}
    redis.set("answer-count", 1, 30)
    assert redis.incr("answer-count") == 2
    assert redis.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    client = redis._cache.get_client(write=True)
    assert redis._cache.get_client(write=True) is client
    redis.delete("answer")
    redis.delete("answer-count")
    assert redis.get("answer") is None


@pytest.mark.django_db
def test_a_visitor_with_a_message_waiting_is_neither_served_nor_cached(client):
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    storage = CookieStorage(HttpRequest())
    storage.add(20, "Tack! Ditt tips är mottaget.")
    response = HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    page = client.get(reverse("promises:home"), {"year": 2024}).content.decode()
    assert "Tack! Ditt tips är mottaget." in page
    del client.cookies["messages"]
    page = client.get(reverse("promises:home"), {"year": 2024}).content.decode()
    assert "Tack! Ditt tips är mottaget." not in page


@pytest.mark.django_db
def test_a_page_just_served_from_the_cache_skips_the_middleware_behind_it(client, reader):
    """Session, locale, CSRF, authentication, messages: none of them runs for a hit; the page
    and its headers are those the view's cache gave."""
    url = reverse("promises:home")
    served = client.get(url, {"year": 2024})  # made by the view, kept whole
    assert hasattr(served.wsgi_request, "user")
    whole = client.get(url, {"year": 2024})
    assert not hasattr(whole.wsgi_request, "user")  # AuthenticationMiddleware never ran
    assert whole.content == served.content
    assert dict(whole.headers) == dict(served.headers)
    assert whole.headers["Vary"] == "Accept-Language, Cookie"
    assert whole.headers["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in whole.headers
    # English is its own page; a signed-in user is never served the visitors' page.
    english = client.get("/en/", {"year": 2024})
    assert english.headers["Content-Language"] == "en" and 'lang="en"' in english.text
    client.force_login(reader)
    assert "Logga ut" in client.get(url, {"year": 2024}).text
