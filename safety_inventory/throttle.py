"""A fixed-window rate limit per client for the public signal form, kept in the cache.

The client's address is hashed with the secret key: the cache holds no addresses.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from promises.client_ip import client_ip


def _key(request) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()
    return f"signal-rate:{digest[:32]}"


def allow_signal(request) -> bool:
    """Count one submission for this client; False once it is over the limit for the window."""
    limit, window = settings.SIGNAL_RATE_LIMIT
    key = _key(request)
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit
