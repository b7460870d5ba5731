"""The publishing guard (PRODUCT.md, "Public progress"): what staff write for the public."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from stdnum import luhn

from portal.public_text import find_personnummer, personal_names, validate_public_text
from safety_inventory.models import Measure
from tests.promises.factories import UserFactory
from tests.safety_inventory.factories import conducted, sites
from tests.weekend_ops.meeting_factories import make_meeting, organisation, register


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


@pytest.mark.django_db
def test_the_guard_refuses_an_officers_and_a_registered_partners_name():
    UserFactory(username="pp", first_name="Per", last_name="Persson", role="officer")
    register(make_meeting(), "x", name="Omar Hassan", organisation=organisation())
    assert {"Per Persson", "Omar Hassan"} <= set(personal_names())
    assert "”Per Persson”" in refusal("Per Persson ansvarar.")
    assert "”Persson”" in refusal("Persson ansvarar för lampan.")
    assert "Hassan" in refusal("Kontakt: hassan på föreningen, Omar Hassan.")
    assert "medarbetare eller en samverkanspart" in refusal("Omar tar hand om det.")


@pytest.mark.django_db
def test_a_measure_is_published_only_with_a_clean_public_text():
    UserFactory(username="pp", first_name="Per", last_name="Persson", role="officer")
    activity = conducted(sites()[0], date(2024, 3, 1))
    measure = Measure(activity=activity, what="Per Persson ansvarar", is_public=True)
    with pytest.raises(ValidationError) as caught:
        measure.full_clean()
    assert "innan du publicerar" in caught.value.message_dict["public_text"][0]
    measure.public_text = "Per Persson byter lampan."
    with pytest.raises(ValidationError) as caught:
        measure.full_clean()
    assert "Per Persson" in caught.value.message_dict["public_text"][0]
    measure.public_text = "  Stadsdelen byter lampan vid trappan.  "
    measure.full_clean()
    measure.save()
    assert Measure.objects.public().get().public_text == "Stadsdelen byter lampan vid trappan."


@pytest.mark.django_db
def test_a_new_measure_is_unpublished_with_an_empty_public_text():
    activity = conducted(sites()[0], date(2024, 3, 1))
    measure = Measure.objects.create(activity=activity, what="Byta lampan")
    assert (measure.is_public, measure.public_text) == (False, "")
    assert not Measure.objects.public().exists()
