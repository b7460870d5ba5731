"""The publishing guard: text written by staff that a citizen or the public reads.

PRODUCT.md, "Public progress": text the public reads (measures, findings, answers to tips) is
refused when it contains an e-mail address, a phone number, a personnummer (or
samordningsnummer), or the name of a staff member or a registered partner. One validator for
every such field, so that the rule cannot drift between forms. It says why it refuses.
"""

import re
from collections.abc import Callable, Iterable

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import personnummer

# Something shaped like an address: a word, @, a word with a dot. EmailValidator then decides.
_EMAIL_CANDIDATE = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']+\.[^\s<>()\[\],;:\"']+")
# Six or eight digits, an optional separator (-, + or space), four digits.
_PERSONNUMMER_CANDIDATE = re.compile(r"(?<!\d)(\d{6}(?:\d{2})?)[-+ ]?(\d{4})(?!\d)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Shorter name parts are too often ordinary words ("Per område", "Ek").
_MIN_NAME_PART = 4


def find_email(text: str) -> str | None:
    validate = EmailValidator()
    for match in _EMAIL_CANDIDATE.finditer(text):
        candidate = match.group(0).rstrip(".")
        try:
            validate(candidate)
        except ValidationError:
            continue
        return candidate
    return None


def find_phone_number(text: str) -> str | None:
    """A Swedish phone number (or an international one), found by ``phonenumbers``."""
    for match in phonenumbers.PhoneNumberMatcher(text, "SE"):
        return match.raw_string
    return None


def find_personnummer(text: str) -> str | None:
    """A personnummer or samordningsnummer with a valid check digit (``python-stdnum``)."""
    for match in _PERSONNUMMER_CANDIDATE.finditer(text):
        if _is_personnummer(match.group(1), match.group(2)):
            return match.group(0)
    return None


def _is_personnummer(date_part: str, serial: str) -> bool:
    if personnummer.is_valid(f"{date_part}-{serial}"):
        return True
    # A samordningsnummer is a personnummer whose day has 60 added: the same check digit rule
    # over the digits as written, and a real date once the 60 is taken away.
    day = int(date_part[-2:])
    if day <= 60:
        return False
    birth = f"{date_part[:-2]}{day - 60:02d}"
    try:
        personnummer.get_birth_date(f"{birth}-{serial}")
    except (ValueError, StdnumError):
        return False
    return luhn.is_valid((date_part + serial)[-10:])


def find_name(text: str, names: Iterable[str]) -> str | None:
    """The first of ``names`` (full names, or their parts of at least four letters) that the
    text contains as whole words. A part matches only capitalised, as names are written."""
    words = _WORD.findall(text)
    lowered = " ".join(w.lower() for w in words)
    present = set(words)
    for name in names:
        parts = _WORD.findall(name or "")
        if not parts:
            continue
        full = " ".join(p.lower() for p in parts)
        if len(parts) > 1 and re.search(rf"(?<!\S){re.escape(full)}(?!\S)", lowered):
            return " ".join(parts)
        for part in parts:
            if len(part) >= _MIN_NAME_PART and part[:1].upper() + part[1:] in present:
                return part
    return None


# Other apps add the names they hold (``register_names`` in ``AppConfig.ready()``), e.g. the
# partners who registered for a meeting: ``promises`` knows no other app.
_name_sources: list[Callable[[], Iterable[str]]] = []


def register_names(source: Callable[[], Iterable[str]]) -> None:
    """Add ``source``, a callable that returns names that must never be published."""
    if source not in _name_sources:
        _name_sources.append(source)


def personal_names() -> list[str]:
    """Names that must never be published: staff members' and those other apps register
    (registered partners')."""
    from django.contrib.auth import get_user_model

    names: list[str] = []
    for first, last in get_user_model().objects.values_list("first_name", "last_name"):
        names.append(f"{first} {last}".strip())
    for source in _name_sources:
        names += list(source())
    return [n for n in names if n]


def validate_public_text(text: str, *, names: Iterable[str] | None = None) -> None:
    """Refuse ``text`` for the public when it carries personal data, saying what was found.

    ``names`` defaults to every staff member's and registered partner's name.
    """
    if not text:
        return
    errors = []
    if find_email(text):
        errors.append(_("Texten innehåller en e-postadress. Ta bort den."))
    if find_phone_number(text):
        errors.append(_("Texten innehåller ett telefonnummer. Ta bort det."))
    if find_personnummer(text):
        errors.append(_("Texten innehåller ett personnummer. Ta bort det."))
    name = find_name(text, personal_names() if names is None else names)
    if name:
        errors.append(
            _(
                "Texten innehåller namnet ”%(name)s”, som tillhör en medarbetare eller en "
                "samverkanspart. Skriv vilken aktör eller funktion som ansvarar i stället."
            )
            % {"name": name}
        )
    if errors:
        raise ValidationError(errors, code="personal_data")
