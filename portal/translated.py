"""Data fields that have an English version (``title_en``, ``name_en``): the value in the
language of the page, with the Swedish one when no translation is given (issue 11, item 8)."""

from django.conf import settings
from django.utils.translation import get_language


def localized(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>_<language>`` when the page is not Swedish and the translation is filled
    in, else ``obj.<field>`` (the Swedish value)."""
    language = (language or get_language() or settings.LANGUAGE_CODE)[:2]
    if language != settings.LANGUAGE_CODE[:2]:
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)
