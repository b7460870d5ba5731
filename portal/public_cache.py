"""The public page and the API are cached; any change to the data behind them refreshes them.

Cache keys carry a version number that every save, delete or relation change of a watched
model raises (after the transaction commits), today's date, since the pace depends on it, and
the release (``PORTAL_RELEASE``), so that a deploy never serves pages of the code before it.
Only anonymous requests are cached as whole pages: staff see their own navigation. Staff pages
keep parts under the same versions with ``kept`` (the dashboard's figures), never whole
responses. ``portal.middleware.PublicCacheMiddleware`` answers a repeated anonymous GET before
the rest of the middleware runs.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "public-progress:version"
TIMEOUT = 60 * 60


# The version this process read last, and when: for PUBLIC_CACHE_VERSION_SECONDS it is trusted
# without asking the shared cache, so that a cached page costs no round trip at all. Another
# process's change is then seen within that many seconds; this process's own at once.
_seen = {"version": None, "at": 0.0}


def version(*, fresh: bool = False) -> int:
    """The current version; it starts from the clock, so that a flushed cache never brings back
    a number that pages remembered by a process were made under. ``fresh``: ask the shared
    cache now (staff pages must show another process's change at once)."""
    now = time.monotonic()
    if (
        not fresh
        and _seen["version"] is not None
        and now - _seen["at"] < settings.PUBLIC_CACHE_VERSION_SECONDS
    ):
        return _seen["version"]
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, time.time_ns(), timeout=None)
        current = cache.get(VERSION_KEY)
    _seen.update(version=current, at=now)
    return current


def refresh() -> None:
    """Make every cached public page and API answer stale."""
    try:
        _seen.update(version=cache.incr(VERSION_KEY), at=time.monotonic())
    except ValueError:  # no version in the cache (flushed): the next request starts one
        forget()


def forget() -> None:
    """Drop what this process remembers (the version it read, pages it kept)."""
    _seen.update(version=None, at=0.0)
    _recent.clear()


def _refresh_on_commit(sender=None, **kwargs) -> None:
    transaction.on_commit(refresh)


def watch(*models) -> None:
    """Refresh the public cache whenever rows of ``models`` or their relations change."""
    for model in models:
        uid = f"public-cache:{model._meta.label}"
        post_save.connect(_refresh_on_commit, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(_refresh_on_commit, sender=model, weak=False, dispatch_uid=uid + ":del")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                _refresh_on_commit,
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"{uid}:{field.name}",
            )


# Pages this process made or fetched lately, with their version: a hit then costs one small
# round trip (the version number) instead of moving the whole page out of the shared cache.
_recent: OrderedDict[str, tuple] = OrderedDict()
RECENT_MAX = 128


_recent_lock = threading.Lock()


def _remember(key: str, entry: tuple) -> None:
    """Keep ``entry`` among this process's most recent ones (threaded workers share them)."""
    with _recent_lock:
        _recent[key] = entry
        _recent.move_to_end(key)
        while len(_recent) > RECENT_MAX:
            _recent.popitem(last=False)


def _key(*parts: str, language: str | None = None) -> str:
    """A cache key of this release, today (the pace depends on it) and the language."""
    return ":".join(
        [
            "public-progress",
            settings.PORTAL_RELEASE,
            timezone.localdate().isoformat(),
            language or get_language() or "",
            *parts,
        ]
    )


def kept(parts: tuple[str, ...], make: Callable[[], Any]) -> Any:
    """``make()``, kept in the cache until the data behind it changes (or the day, the release,
    the language), under a key of ``parts`` and those. The version is asked afresh every time, so
    a change made through another process shows at once. The value must be the same for every
    request with these ``parts``: put into ``parts`` whatever it depends on (area, year, role)
    and never anything of one user (messages, forms with a CSRF token)."""
    current = version(fresh=True)
    key = _key("kept", *parts)
    entry = _recent.get(key)
    if entry is None or entry[0] != current:
        entry = cache.get(key)
        if entry is None or entry[0] != current:
            entry = (current, make())
            cache.set(key, entry, TIMEOUT)
        _remember(key, entry)
    return entry[1]


def _page_key(request, view: Callable, kwargs: dict, query: tuple[str, ...]) -> str:
    """The cache key of a public page: which page (its URL name), the values it was addressed
    with (area, year, format) and the query parameters it reads; never the raw address, so
    that ``?x=<anything>`` or ``/arsrapporter/02024/`` is the same page, not a new entry."""
    match = getattr(request, "resolver_match", None)
    name = match.view_name if match is not None else f"{view.__module__}.{view.__qualname__}"
    return _key(
        "page",
        name,
        *(f"{k}={v}" for k, v in sorted(kwargs.items())),
        *(f"?{q}={request.GET.get(q, '')}" for q in query),
    )


def _only(request, query: tuple[str, ...]) -> bool:
    """Let the view see only the query parameters the key holds (the last value of each, as
    ``GET.get`` reads it). True when the address was already just that, written the one way
    ``reverse`` writes it: only such an address may be kept whole by the middleware."""
    plain = all(k in query and len(request.GET.getlist(k)) == 1 for k in request.GET)
    kept = QueryDict(mutable=True)
    for q in query:
        if q in request.GET:
            kept[q] = request.GET[q]
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()  # links made from the full path too
    match = getattr(request, "resolver_match", None)
    if not plain or match is None:
        return False
    try:
        return reverse(match.view_name, args=match.args, kwargs=match.kwargs) == request.path
    except NoReverseMatch:
        return False


def cached_for_the_public(view: Callable | None = None, *, query: tuple[str, ...] = ()):
    """Serve anonymous GETs of ``view`` from the cache, keyed by the page, the values in its
    address and the query parameters in ``query`` (the view sees no others), and the language.

    An entry holds the version it was made under; a page of an older version is made anew.
    Only pages that answer 200 are kept: a refusal (an unknown area, a malformed year) is cheap
    and keeping it would let any address add an entry.
    """
    if view is None:
        return lambda view: cached_for_the_public(view, query=query)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # Staff see their own navigation; a visitor with a message waiting (kept in a cookie for
        # anonymous visitors) must neither be served a page without it nor leave it in one.
        if (
            request.method != "GET"
            or request.user.is_authenticated
            or CookieStorage.cookie_name in request.COOKIES
        ):
            return view(request, *args, **kwargs)
        key = _page_key(request, view, kwargs, query)
        whole = _only(request, query)  # PublicCacheMiddleware keeps only a plain address
        current = version()
        entry = _recent.get(key)
        if entry is None or entry[0] != current:
            entry = cache.get(key)
            if entry is not None and entry[0] == current:
                _remember(key, entry)
        if entry is not None and entry[0] == current:
            request._public_cache = (current, whole)
            _version, status, content_type, content, *disposition = entry
            response = HttpResponse(content, content_type=content_type, status=status)
            if disposition and disposition[0]:  # a file (PDF, open data) keeps its name
                response["Content-Disposition"] = disposition[0]
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            if hasattr(response, "render"):
                response.render()
            entry = (
                current,
                response.status_code,
                response["Content-Type"],
                response.content,
                response.get("Content-Disposition", ""),
            )
            cache.set(key, entry, TIMEOUT)
            _remember(key, entry)
            request._public_cache = (current, whole)
        return response

    return wrapped


# Each area's figures for the national start page, under the same version as the pages.
def summary_key(*, area: str, year: int, today) -> str:
    return ":".join(
        [
            "public-progress:summary",
            settings.PORTAL_RELEASE,
            str(version()),
            today.isoformat(),
            get_language() or "",
            area,
            str(year),
        ]
    )


def get_many(keys: list[str]) -> dict:
    return cache.get_many(keys)


def set_many(values: dict) -> None:
    cache.set_many(values, TIMEOUT)
