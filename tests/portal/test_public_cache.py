import os
import secrets
import socket

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal import public_cache


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


class Spy:
    """Counts what a run of requests adds to the shared cache and which templates it renders."""

    def __init__(self):
        from django.test.signals import template_rendered

        self.rendered: list[str] = []
        self.stored: list[str] = []
        template_rendered.connect(self._rendered)
        self._original_set = cache.set

    def _rendered(self, sender, template, **kwargs):
        self.rendered.append(template.name)

    def __enter__(self):
        def recording_set(key, *args, **kwargs):
            self.stored.append(key)
            return self._original_set(key, *args, **kwargs)

        cache.set = recording_set
        return self

    def __exit__(self, *exc):
        from django.test.signals import template_rendered

        del cache.set  # the backend's own method again
        template_rendered.disconnect(self._rendered)


PUBLIC_PAGES = [
    ("/", {"year": 2024}),
    ("/farsta/", {"year": 2024}),
    ("/en/", {}),
    ("/lokalpolisomraden/", {"year": 2024}),
    ("/api/v1/progress/", {"year": 2024}),
    ("/api/v1/areas/farsta/progress/", {"year": 2024}),
    ("/arsrapporter/", {}),
    ("/oppna-data/medborgarloften-2024.json", {}),
    ("/oppna-data/medborgarloften-2024.csv", {}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "params"), PUBLIC_PAGES)
def test_random_query_strings_add_no_cache_keys_and_render_nothing_new(client, path, params):
    """Issue 20: each query string made its own entry (912 after a fuzz) and its own render."""
    first = client.get(path, params)
    assert first.status_code == 200, path
    with Spy() as spy:
        for i in range(5):
            again = client.get(path, {**params, "x": secrets.token_hex(8), f"y{i}": "1"})
            assert again.status_code == 200
            assert again.content == first.content
        # The same parameter twice, or written with leading zeros in the address, is the page
        # the view reads (the last value), not a new entry either.
        if params:
            assert client.get(path, {"year": ["2023", *params.values()]}).status_code == 200
    assert spy.stored == [] and spy.rendered == []


@pytest.mark.django_db
def test_a_page_ignores_parameters_it_does_not_read(client):
    """The view sees only the parameters its key holds, so a page can never differ by one
    the key leaves out."""
    plain = client.get("/", {"year": 2024})
    cache.clear()
    public_cache.forget()
    odd = client.get("/", {"year": 2024, "page": "2", "lang": "en", "sida": "9"})
    assert odd.content == plain.content


@pytest.mark.django_db
def test_an_unknown_area_or_year_is_answered_but_never_kept(client):
    with Spy() as spy:
        for i in range(3):
            assert client.get(f"/okant-omrade-{i}/").status_code == 404
            assert client.get("/", {"year": str(2090 + i)}).status_code == 404
            assert client.get(f"/api/v1/areas/okant-{i}/progress/").status_code == 404
    assert [key for key in spy.stored if "public-progress" in key] == []


@pytest.mark.django_db
def test_only_a_pages_own_address_is_kept_whole_by_the_process(client):
    """The middleware's memory (before the session and the rest) holds a page under its own
    address only: random parameters go through the view's cache and add nothing to it."""
    client.get("/", {"year": 2024})
    client.get("/", {"year": 2024})
    before = set(public_cache._recent)
    for _ in range(5):
        client.get("/", {"year": 2024, "x": secrets.token_hex(8)})
        client.get("/arsrapporter/0002024.pdf")
    assert set(public_cache._recent) == before
