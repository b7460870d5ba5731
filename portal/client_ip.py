"""The client's address, for rate limits: behind N trusted proxies, the Nth address from the
right of X-Forwarded-For; else REMOTE_ADDR.

Load balancers write more than bare addresses: ``198.51.100.90:443``, ``[2001:db8::1]:443``,
``unknown``, an obfuscated name (RFC 7239). Each is parsed strictly; anything that is not an
address is treated as no address (``""``), never passed on to a query (a PostgreSQL ``inet``
column refuses it with a server error).
"""

import ipaddress

from django.conf import settings


def parse_address(text: str) -> str:
    """The address in one X-Forwarded-For entry or REMOTE_ADDR, normalised (``"1.2.3.4"``,
    ``"2001:db8::1"``), with any port and IPv6 zone dropped; ``""`` when it is not an address."""
    candidate = text.strip()
    if candidate.startswith("["):
        # "[v6]" or "[v6]:port"
        inside, bracket, rest = candidate[1:].partition("]")
        if not bracket or (rest and not (rest.startswith(":") and rest[1:].isdigit())):
            return ""
        candidate = inside
    elif candidate.count(":") == 1:
        # "v4:port" (a bare IPv6 address has at least two colons)
        host, _, port = candidate.partition(":")
        if not port.isdigit():
            return ""
        candidate = host
    candidate = candidate.split("%", 1)[0]  # an IPv6 zone ("fe80::1%eth0") is local only
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


def client_ip(request) -> str:
    """The client's address, or ``""`` when the proxy's header or REMOTE_ADDR holds none."""
    proxies = settings.PORTAL_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return parse_address(forwarded[-proxies])
    return parse_address(request.META.get("REMOTE_ADDR", ""))


def axes_client_ip(request) -> str | None:
    """The address axes records: ``None`` (a NULL column) when there is none."""
    return client_ip(request) or None
