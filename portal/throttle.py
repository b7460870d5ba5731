"""Fixed-window rate limits per client, kept in the cache.

One mechanism for every public form that must not be flooded (tips, tracking-code look-ups,
meeting registrations). The client is decided by ``portal.client_ip`` (trusted proxies), and
its address is hashed with the secret key: the cache holds no addresses.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from portal.client_ip import client_ip


def _key(request, scope: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()
    return f"rate:{scope}:{digest[:32]}"


def allow(request, *, scope: str, limit: int, window: int) -> bool:
    """Count one use of ``scope`` by this client; False once it is past ``limit`` uses within
    ``window`` seconds. Count only what would be accepted, so a refused form costs nothing."""
    key = _key(request, scope)
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit


def exceeded(request, *, scope: str, limit: int) -> bool:
    """True when this client has already used ``scope`` ``limit`` times in the current window
    (reads the count; counts nothing)."""
    return (cache.get(_key(request, scope)) or 0) >= limit
