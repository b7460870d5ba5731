"""The public page and the API are cached; any change to the data behind them refreshes them.

Cache keys carry a version number that every save, delete or relation change of a watched
model raises (after the transaction commits), today's date, since the pace depends on it, and
the release (``PORTAL_RELEASE``), so that a deploy never serves pages of the code before it.
Only anonymous requests are cached: staff see their own navigation.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "public-progress:version"
TIMEOUT = 60 * 60


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        current = cache.get(VERSION_KEY, 1)
    return current


def refresh() -> None:
    """Make every cached public page and API answer stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


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


def cached_for_the_public(view: Callable) -> Callable:
    """Serve anonymous GETs of ``view`` from the cache; keyed by path, query and language."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = ":".join(
            [
                "public-progress",
                settings.PORTAL_RELEASE,
                str(version()),
                timezone.localdate().isoformat(),
                get_language() or "",
                request.get_full_path(),
            ]
        )
        hit = cache.get(key)
        if hit is not None:
            status, content_type, content = hit
            return HttpResponse(content, content_type=content_type, status=status)
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 404) and not response.cookies:
            if hasattr(response, "render"):
                response.render()
            cache.set(
                key, (response.status_code, response["Content-Type"], response.content), TIMEOUT
            )
        return response

    return wrapped
