"""Which policing area a request is about, decided once per request.

- A public page of an area carries it in its address (``/<area>/``): the view's ``area`` slug.
- A staff page serves the area the user chose among those they belong to (kept in the session),
  else the first of them. A user who belongs to no area sees no staff data.
- Anything else (the old addresses, anonymous visitors) gets the default area,
  ``PORTAL_DEFAULT_AREA``.

``request.area`` is filled lazily by the platform's ``RequestAttributesMiddleware``
(``settings.PORTAL_REQUEST_ATTRIBUTES`` names ``current_area``): a page that never asks costs no
query, and a page that asks twice costs one.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from promises.models import PolicingArea

SESSION_KEY = "policing_area"


def default_area() -> PolicingArea:
    """The area the portal's old addresses serve; before its row exists (a fresh database), an
    unsaved one named after the setting, so that no page fails for want of a header."""
    slug = settings.PORTAL_DEFAULT_AREA
    return PolicingArea.objects.filter(slug=slug).first() or PolicingArea(
        slug=slug, name=slug.capitalize()
    )


def staff_area(request) -> PolicingArea | None:
    """The area a signed-in user works in now: their choice (session) if they still belong to
    it, else their first area; None for a user with no area (or not signed in)."""
    mine = staff_areas(request)
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if chosen:
        for area in mine:
            if area.slug == chosen:
                return area
    return mine[0] if mine else None


def _resolved(request) -> tuple[PolicingArea, bool]:
    """(the request's area, whether the user works in it), worked out once per request."""
    if not hasattr(request, "_area_resolved"):
        staff = staff_area(request)
        request._area_resolved = (staff or default_area(), staff is not None)
    return request._area_resolved


def works_in_an_area(request) -> bool:
    """Whether the signed-in user belongs to an area (a superuser to all of them)."""
    return request.user.is_superuser or _resolved(request)[1]


def current_area(request) -> PolicingArea:
    """The request's area (``request.area``, set lazily by the platform's middleware)."""
    return _resolved(request)[0]


def area_of_the_address(request) -> None:
    """Refused before its view ran (an error page), a page at an area's address
    (``/<area>/tipsa/``) still speaks for that area; an unknown one leaves it be."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("area") if match is not None else None
    if isinstance(slug, str):
        area = PolicingArea.objects.filter(slug=slug).first()
        if area is not None:
            request.area = area


def public_area(view):
    """For a public page addressed by area (``<slug:area>``): the area comes from the address
    (404 for an unknown one) and becomes ``request.area``; the view gets it as ``area``."""

    @wraps(view)
    def wrapped(request, *args, area: str, **kwargs):
        found = PolicingArea.objects.filter(slug=area).first()
        if found is None:
            # "/tipsaa/" is as likely a mistyped page as an area: only an address that goes on
            # to an area's page ("/vasteros/arsrapporter/") is said to name an unknown area.
            looks_like_an_area = request.path_info.rstrip("/").count("/") > 1 + (
                request.path_info.startswith(f"/{get_language()}/")
            )
            raise Http404(
                _("Det finns inget lokalpolisområde med det namnet.") if looks_like_an_area else ""
            )
        request.area = found
        return view(request, *args, area=found, **kwargs)

    return wrapped


def default_public_area(view):
    """For a public page at its old address (``/``, ``/arsrapporter/``): it serves the default
    area, whoever asks; the view gets it as ``area``."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        area = default_area()
        request.area = area
        return view(request, *args, area=area, **kwargs)

    return wrapped


def area_choose(request, *, slug: str) -> PolicingArea | None:
    """Remember ``slug`` as the area the signed-in user works in now; None (nothing stored)
    when they do not belong to it."""
    area = PolicingArea.objects.of_staff(request.user).filter(slug=slug).first()
    if area is not None:
        request.session[SESSION_KEY] = area.slug
        request._area_resolved = (area, True)
        request.area = area
    return area


def staff_areas(request) -> list[PolicingArea]:
    """The areas the signed-in user works in, by name (one query per request): what the
    header's switcher offers and what ``staff_area`` chooses from."""
    if not hasattr(request, "_staff_areas"):
        user = getattr(request, "user", None)
        request._staff_areas = (
            list(PolicingArea.objects.of_staff(user).order_by("name"))
            if user is not None and user.is_authenticated
            else []
        )
    return request._staff_areas


def public_at_both_addresses(view, *, query: tuple[str, ...] = ()):
    """A public page's two views: at its old address (the default area) and at an area's own
    (``<slug:area>/...``); GET only, each cached for the public per address. ``query``: the
    query parameters the page reads (the view sees no others)."""
    from django.views.decorators.http import require_GET

    from portal.public_cache import cached_for_the_public

    return (
        require_GET(cached_for_the_public(default_public_area(view), query=query)),
        require_GET(cached_for_the_public(public_area(view), query=query)),
    )
