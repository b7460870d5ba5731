"""The publishing guard (PRODUCT.md, "Public progress"): what staff write for the public."""

import contextlib
import time

import pytest
from django.core.exceptions import ValidationError
from stdnum import luhn

from portal.public_text import (
    MAX_CHARS,
    find_email,
    find_name,
    find_personnummer,
    find_phone_number,
    validate_public_text,
)


def refusal(text: str, **kwargs) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_public_text(text, **kwargs)
    return " ".join(caught.value.messages)


def samordningsnummer() -> str:
    digits = "811278987"  # born 1981-12-18, day plus 60
    return f"811278-987{luhn.calc_check_digit(digits)}"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("Frågor till per.persson@polisen.se.", "e-postadress"),
        ("Ring 070-123 45 67 om lampan.", "telefonnummer"),
        ("Stadsdelen nås på 08-508 18 000.", "telefonnummer"),
        ("Gäller 811218-9876.", "personnummer"),
        ("Gäller 19811218-9876.", "personnummer"),
        (f"Gäller {samordningsnummer()}.", "personnummer"),
    ],
)
def test_the_guard_refuses_contact_details_and_identity_numbers(text, says):
    assert says in refusal(text, names=[])


def test_a_wrong_check_digit_is_not_a_personnummer():
    assert find_personnummer("Ärende 811218-9875 och 2024-05-12") is None


@pytest.mark.parametrize(
    "text",
    [
        "Ny belysning längs strandpromenaden, klar 2024-05-12.",
        "Fler papperskorgar och tätare tömning, 08:00-16:00 vardagar.",
        "Per område: 3 nya lampor och 120 meter häck klippt.",
    ],
)
def test_a_clean_text_passes(text):
    validate_public_text(text, names=["Per Persson", "Lena Ek"])


# --- Time on hostile text (issue 20: the e-mail pattern was cubic on "a@" * n) -------------

HOSTILE_SHAPES = {
    "a@ repeated": "a@",
    "digits": "1",
    "dots": ".",
    "a. repeated": "a.",
    "a@b. repeated": "a@b.",
    "one-letter domains": "a@b.c ",
    "digits and spaces": "12 ",
    "plus and digits": "+46",
    "dashes": "a-",
    "mixed": "a@b.c 070-1 811218-98 Per ",
}
NAMES = ["Per Persson", "Lena Ek", "Anna Maria Lind", "Omar Hassan"] * 50


def hostile(shape: str, length: int) -> str:
    return (HOSTILE_SHAPES[shape] * (length // len(HOSTILE_SHAPES[shape]) + 1))[:length]


def cpu_ms(function, *args, **kwargs) -> float:
    """This thread's CPU time for one call, in ms: what the call costs, whatever else the
    machine is doing."""
    started = time.thread_time()
    with contextlib.suppress(ValidationError):
        function(*args, **kwargs)
    return (time.thread_time() - started) * 1000


@pytest.mark.parametrize("shape", HOSTILE_SHAPES)
def test_the_guard_refuses_100000_hostile_characters_in_under_50_ms(shape):
    text = hostile(shape, 100_000)
    assert cpu_ms(validate_public_text, text, names=NAMES) < 50
    assert "högst 5\xa0000 tecken" in refusal(text, names=NAMES)


@pytest.mark.parametrize("shape", HOSTILE_SHAPES)
def test_the_guard_reads_the_longest_text_it_takes_in_under_100_ms(shape):
    """At its longest (5,000 characters) the text is read whole: the phone-number library
    costs most (about 40 ms on a run of 5,000 digits and spaces)."""
    text = hostile(shape, MAX_CHARS)
    assert cpu_ms(validate_public_text, text, names=NAMES) < 100


@pytest.mark.parametrize("shape", HOSTILE_SHAPES)
@pytest.mark.parametrize(
    "finder",
    [find_email, find_personnummer, lambda text: find_name(text, NAMES)],
    ids=["e-mail", "personnummer", "names"],
)
def test_each_pattern_reads_100000_hostile_characters_in_linear_time(shape, finder):
    assert cpu_ms(finder, hostile(shape, 100_000)) < 50


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Skriv till (per.persson@polisen.se).", "per.persson@polisen.se"),
        ("Frågor: per@polisen.se.", "per@polisen.se"),
        ("a@b.c a@b.cd", "a@b.cd"),
        ("x" * 400 + "@polisen.se per@polisen.se", "per@polisen.se"),
        ("a@b@c.se", None),
        ("kl. 18.00@torget", None),
    ],
)
def test_an_address_is_found_where_the_old_pattern_found_it(text, found):
    assert find_email(text) == found


@pytest.mark.parametrize(
    "text",
    ["+46 8 508 18 000", "(08) 508 18 000", "0046 8 508 18 000", "08.508.18.000", "070‑123 45 67"],
)
def test_phone_numbers_in_their_written_forms_are_still_found(text):
    assert find_phone_number(f"Ring {text} i dag.") == text


def test_ordinary_figures_are_not_a_phone_number():
    assert find_phone_number("Klart 2024-05-12, 08:00-16:00, 3 lampor och 120 meter.") is None
