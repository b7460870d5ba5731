"""Rate limits of the public signal form (``SIGNAL_RATE_LIMIT``) and of tracking-code
look-ups (``TRACKING_RATE_LIMIT``): uses, seconds."""

from django.conf import settings

from portal.throttle import allow


def allow_signal(request) -> bool:
    """Count one submission for this client; False once it is over the limit for the window."""
    limit, window = settings.SIGNAL_RATE_LIMIT
    return allow(request, scope="signal", limit=limit, window=window)


def allow_tracking_lookup(request) -> bool:
    """Count one tracking-code look-up for this client: codes cannot be guessed by the thousand."""
    limit, window = settings.TRACKING_RATE_LIMIT
    return allow(request, scope="tracking", limit=limit, window=window)
