"""The client's address, for rate limits: behind N trusted proxies, the Nth address from the
right of X-Forwarded-For; else REMOTE_ADDR."""

from django.conf import settings


def client_ip(request) -> str:
    proxies = settings.PORTAL_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
