"""The publishing guard: text written by staff that a citizen or the public reads.

docs/rules.md#public-text: text the public reads (measures, findings, answers to tips) is
refused when it contains an e-mail address, a phone number, a personnummer (or
samordningsnummer), or the name of a staff member or a registered partner. One validator for
every such field, so that the rule cannot drift between forms. It says why it refuses.
"""

import re
from collections.abc import Callable, Iterable

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils import formats
from django.utils.translation import gettext as _
from stdnum import luhn
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import personnummer

# Text is read in one pass, in time linear in its length: it is cut into runs of characters
# that can be in an address (a single character class, so no backtracking), and each run is
# then looked at with string methods. No pattern here has nested or overlapping quantifiers
# (an address pattern like ``[^\s]+@[^\s]+\.[^\s]+`` took minutes on ``"a@" * 5000``).
_EMAIL_RUN = re.compile(r"[^\s<>()\[\],;:\"']+")
# EmailValidator refuses anything longer (RFC 3696 with its errata); no need to look further.
_EMAIL_MAX = 320
# A digit (after an optional + or opening bracket), then digits and the punctuation phone numbers
# are written with, as ``phonenumbers`` knows it: one character class, nothing after it.
_PHONE_RUN = re.compile(
    r"[+\uff0b(\uff08\[\uff3b]?\d"
    r"[\d\s()\uff08\uff09\[\]\uff3b\uff3d./\uff0f~\u2053\u223c\uff5e"
    r"\-\u2010-\u2015\u2212\u30fc\uff0d\u00ad\u200b\u2060\u3000]*"
)
# The shortest Swedish number is seven digits (08-123 45); shorter runs are not read.
_PHONE_MIN_DIGITS = 7
# Six or eight digits, an optional separator (-, + or space), four digits.
_PERSONNUMMER_CANDIDATE = re.compile(r"(?<!\d)(\d{6}(?:\d{2})?)[-+ ]?(\d{4})(?!\d)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# The longest text the guard reads (see validate_public_text).
MAX_CHARS = 5000
# Shorter name parts are too often ordinary words ("Per område", "Ek").
_MIN_NAME_PART = 4


def _shaped_like_an_address(run: str) -> bool:
    """A word, ``@``, then a word with a dot in it. The first ``@`` after the first character
    decides: if any ``@`` has a dot with something on both sides after it, that one has too."""
    at = run.find("@", 1)
    if at == -1:
        return False
    dot = run.find(".", at + 2)
    return dot != -1 and dot < len(run) - 1


def find_email(text: str) -> str | None:
    """The first e-mail address in ``text``: a run of characters that can be in an address,
    shaped like one, that Django's ``EmailValidator`` accepts."""
    validate = EmailValidator()
    refused: set[str] = set()
    for match in _EMAIL_RUN.finditer(text):
        run = match.group(0)
        if not _shaped_like_an_address(run):
            continue
        candidate = run.rstrip(".")
        if len(candidate) > _EMAIL_MAX or candidate in refused:
            continue
        # A last label of one ASCII character is never a domain: skip the validator, which
        # would try it as an international name first (slow for many such words).
        last = candidate.rpartition(".")[2]
        if len(last) < 2 and last.isascii():
            continue
        try:
            validate(candidate)
        except ValidationError:
            refused.add(candidate)
            continue
        return candidate
    return None


def find_phone_number(text: str) -> str | None:
    """A Swedish phone number (or an international one), found by ``phonenumbers``.

    The matcher reads only the runs of digits and phone punctuation that hold at least seven
    digits (with the character on either side, which it looks at): ordinary text with a few
    numbers in it (dates, times, counts) never reaches it, and its cost stays with the runs."""
    for run in _PHONE_RUN.finditer(text):
        if sum(c.isdigit() for c in run.group(0)) < _PHONE_MIN_DIGITS:
            continue
        piece = text[max(run.start() - 1, 0) : run.end() + 1]
        for match in phonenumbers.PhoneNumberMatcher(piece, "SE"):
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
    text contains as whole words. A part matches only capitalised, as names are written.

    The text's words are read once and each full name is looked up in a set, so the time grows
    with the length of the text plus the number of names, never with their product."""
    wanted = [parts for parts in (_WORD.findall(name or "") for name in names) if parts]
    full_names = {tuple(p.lower() for p in parts) for parts in wanted if len(parts) > 1}
    sizes_by_first: dict[str, set[int]] = {}
    for full in full_names:
        sizes_by_first.setdefault(full[0], set()).add(len(full))
    words = _WORD.findall(text)
    lowered = [w.lower() for w in words]
    present = set(words)
    found = set()
    for i, word in enumerate(lowered):
        for size in sizes_by_first.get(word, ()):
            run = tuple(lowered[i : i + size])
            if run in full_names:
                found.add(run)
    for parts in wanted:
        if tuple(p.lower() for p in parts) in found:
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
    # Every public text the portal has is shorter (the longest, a narrative, is 5,000
    # characters); a longer one is refused before it is read, as EmailValidator does.
    if len(text) > MAX_CHARS:
        raise ValidationError(
            _(
                "Texten är för lång för att publiceras: högst %(max)s tecken. Korta den och "
                "försök igen."
            )
            % {"max": formats.number_format(MAX_CHARS, force_grouping=True)},
            code="too_long",
        )
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
