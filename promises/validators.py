"""Validators of the domain's own data: an area's slug (its address)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def reserved_area_slugs() -> set[str]:
    """The first path segment of every URL of the portal that is not an area's own page
    (``personal``, ``admin``, ``api``, ``en``, ...), read from the URLconf: an area with one of
    these as its slug would be hidden behind that page."""
    from django.conf import settings
    from django.urls import URLResolver, get_resolver
    from django.urls.resolvers import LocalePrefixPattern

    found = {code for code, _name in settings.LANGUAGES}
    found |= {
        url.strip("/").split("/")[0]
        for url in (settings.STATIC_URL, getattr(settings, "MEDIA_URL", ""))
        if url and url.strip("/")
    }

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            pattern = entry.pattern
            locale = isinstance(pattern, LocalePrefixPattern)
            route = "" if locale else str(pattern).lstrip("^")
            full = prefix + route
            first = full.split("/")[0]
            if "/" in full:
                if first and not any(c in first for c in "<([?*+\\$"):
                    found.add(first)
                continue  # beyond its first segment a pattern tells nothing more
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, full)
            elif first and not any(c in first for c in "<([?*+\\$"):
                found.add(first)

    walk(get_resolver().url_patterns, "")
    return found


def validate_area_slug(value: str) -> None:
    """Refuse an area slug that is already the start of another address of the portal, and one
    with capitals: addresses are written in lower case, and "Norr" beside "norr" would be two
    areas whose addresses differ only in case."""
    if value and value != value.lower():
        raise ValidationError(
            _("Skriv kortnamnet med små bokstäver, till exempel %(slug)s."),
            code="uppercase_slug",
            params={"slug": value.lower()},
        )
    if value and value.lower() in reserved_area_slugs():
        raise ValidationError(
            _(
                "Kortnamnet %(slug)s används redan i portalens adresser (/%(slug)s/). "
                "Välj ett annat, till exempel områdets namn."
            ),
            code="reserved_slug",
            params={"slug": value},
        )
