"""Fixed-window rate limits, kept in the cache.

One mechanism for every public form that must not be flooded (tips, tracking-code look-ups,
meeting registrations) and for failed sign-ins. The client is decided by ``portal.client_ip``
(trusted proxies); what is counted (an address, an account, a pair) is hashed with the secret
key: the cache holds no addresses and no usernames.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from portal.client_ip import client_ip


def _key(scope: str, identity: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{identity}".encode()).hexdigest()
    return f"rate:{scope}:{digest[:32]}"


def count(*, scope: str, identity: str, limit: int, window: int) -> bool:
    """Count one use of ``scope`` by ``identity``; False once it is past ``limit`` uses within
    ``window`` seconds of the first."""
    key = _key(scope, identity)
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return used <= limit


def used(*, scope: str, identity: str) -> int:
    """How many times ``identity`` has used ``scope`` in its current window (counts nothing)."""
    return cache.get(_key(scope, identity)) or 0


def allow(request, *, scope: str, limit: int, window: int) -> bool:
    """Count one use of ``scope`` by this client; False once it is past ``limit`` uses within
    ``window`` seconds. Count only what would be accepted, so a refused form costs nothing."""
    return count(scope=scope, identity=client_ip(request), limit=limit, window=window)


def exceeded(request, *, scope: str, limit: int) -> bool:
    """True when this client has already used ``scope`` ``limit`` times in the current window
    (reads the count; counts nothing)."""
    return used(scope=scope, identity=client_ip(request)) >= limit
