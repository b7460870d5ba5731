"""The publishing guard with the apps' data (PRODUCT.md, "Public progress"): the names of
officers and of the partners registered for meetings are refused, and a place's measure is
published only with a clean public text."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from portal.public_text import personal_names
from safety_inventory.models import Measure
from tests.portal.test_public_text import refusal
from tests.promises.factories import UserFactory
from tests.safety_inventory.factories import conducted, sites
from tests.weekend_ops.meeting_factories import make_meeting, organisation, register


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
