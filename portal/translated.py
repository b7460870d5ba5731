"""Data fields that have an English version (``title_en``, ``name_en``): the value in the
language of the page, with the Swedish one when no translation is given (issue 11, item 8)."""

from django.conf import settings
from django.utils.translation import get_language


def language_code(language: str | None = None) -> str:
    """The one way a language code is normalised: the primary subtag ("en-gb" -> "en") of
    ``language``, else of the active language, else of the portal's own (Swedish)."""
    return (language or get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def source_language() -> str:
    """The portal's source language (Swedish), normalised like every other code."""
    return language_code(settings.LANGUAGE_CODE)


def localized(obj, field: str, language: str | None = None) -> str:
    """``obj.<field>_<language>`` when the page is not Swedish and the translation is filled
    in, else ``obj.<field>`` (the Swedish value)."""
    language = language_code(language)
    if language != source_language():
        value = getattr(obj, f"{field}_{language}", "")
        if value:
            return value
    return getattr(obj, field)
