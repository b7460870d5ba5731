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


# The codes of the tips this browser has just sent, in a signed cookie: looking up one's own
# tip is not guessing, so it never counts against the look-up limit (issue 19). Signed, so a
# browser cannot add codes it was not given; no session row for an anonymous visitor.
OWN_TIPS_COOKIE = "egna_tips"
OWN_TIPS_SALT = "safety_inventory.own_tips"
OWN_TIPS_SECONDS = 7 * 24 * 60 * 60
OWN_TIPS_KEPT = 10


def own_tip_codes(request) -> list[str]:
    """The tracking codes this browser was given when it sent its tips (latest first)."""
    value = request.get_signed_cookie(
        OWN_TIPS_COOKIE, default="", salt=OWN_TIPS_SALT, max_age=OWN_TIPS_SECONDS
    )
    return [code for code in value.split(",") if code]


def remember_own_tip(request, response, code: str) -> None:
    """Give the browser that sent a tip its code, so its look-ups of that tip are free."""
    codes = [code, *(c for c in own_tip_codes(request) if c != code)][:OWN_TIPS_KEPT]
    response.set_signed_cookie(
        OWN_TIPS_COOKIE,
        ",".join(codes),
        salt=OWN_TIPS_SALT,
        max_age=OWN_TIPS_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def allow_tracking_lookup_of(request, code: str) -> bool:
    """A look-up of ``code``: free for the browser that sent that tip, else it counts
    (``allow_tracking_lookup``)."""
    return code in own_tip_codes(request) or allow_tracking_lookup(request)
