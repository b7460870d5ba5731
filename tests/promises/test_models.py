import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from promises.models import (
    BoroughArea,
    District,
    Organisation,
    PolicingArea,
    Promise,
)
from tests.promises.factories import PromiseFactory

FARSTA_DISTRICTS = {
    "Farsta": [
        "Farsta",
        "Farsta strand",
        "Gubbängen",
        "Hökarängen",
        "Larsboda",
        "Sköndal",
        "Svedmyra",
        "Tallkrogen",
    ],
    "Vantör": ["Bandhagen", "Hagsätra", "Högdalen", "Rågsved", "Vantör", "Örby"],
}


@pytest.mark.django_db
def test_a_freshly_migrated_database_holds_farsta_and_its_14_districts():
    assert list(PolicingArea.objects.values_list("slug", "name")) == [("farsta", "Farsta")]
    assert sorted(BoroughArea.objects.values_list("name", flat=True)) == ["Farsta", "Vantör"]
    for borough, names in FARSTA_DISTRICTS.items():
        found = District.objects.filter(borough__name=borough).values_list("name", flat=True)
        assert sorted(found) == sorted(names)
    assert District.objects.of_area(PolicingArea.objects.get(slug="farsta")).count() == 14
    assert not District.objects.filter(name="Bandhangen").exists()  # the source's typo


@pytest.mark.django_db
def test_a_freshly_migrated_database_holds_the_two_2024_promises_and_nothing_else():
    promises = {p.kind: p for p in Promise.objects.all()}
    assert set(promises) == {"weekend_collaboration", "safety_inventory"}
    weekend, places = promises["weekend_collaboration"], promises["safety_inventory"]
    assert (weekend.year, weekend.target) == (2024, 40)
    assert weekend.weekend_counting_rule.rule == "both_evenings"  # copied by weekend_ops 0005
    assert (places.year, places.target) == (2024, 2)
    assert (weekend.unit, places.unit) == ("weekends", "sites")
    assert (str(weekend.unit.label), str(places.unit.label)) == ("helger", "platser")
    assert all(p.source_url == "https://polisen.se/medborgarloften" for p in promises.values())


@pytest.mark.django_db
def test_one_promise_per_area_year_and_kind():
    PromiseFactory(year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        Promise.objects.create(
            policing_area=PolicingArea.objects.get(slug="farsta"),
            year=2025,
            kind="weekend_collaboration",
            title="Igen",
            summary="x",
            target=10,
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change",
    [
        {"target": 0},
        {"year": 1999},
    ],
)
def test_the_database_refuses_invalid_promises(change):
    promise = PromiseFactory(year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        Promise.objects.filter(pk=promise.pk).update(**change)


@pytest.mark.django_db
def test_a_promise_of_a_kind_no_app_registered_is_refused():
    promise = PromiseFactory.build(
        policing_area=PolicingArea.objects.get(slug="farsta"), year=2025, kind="something_else"
    )
    with pytest.raises(ValidationError) as refused:
        promise.full_clean()
    assert "kind" in refused.value.message_dict
    promise.kind = "safety_inventory"
    promise.full_clean()


@pytest.mark.django_db
def test_a_promise_reads_well_and_links_to_its_year():
    promise = Promise.objects.get(year=2024, kind="weekend_collaboration")
    assert str(promise) == "Helgsamverkan 2024 (Farsta)"
    # On its own area's page (the old address serves only the default area).
    assert promise.get_absolute_url() == "/farsta/?year=2024#weekend_collaboration"


@pytest.mark.django_db
def test_changes_to_a_promise_are_kept_in_its_history():
    promise = Promise.objects.get(year=2024, kind="safety_inventory")
    promise.target = 3
    promise.save(update_fields=["target"])
    assert [h.target for h in promise.history.order_by("history_date")][-2:] == [2, 3]


@pytest.mark.django_db
def test_an_organisation_name_is_unique_whatever_its_case():
    Organisation.objects.create(name="Trygga Väktare AB", kind="security_company")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="TRYGGA väktare ab")
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(name="Annan", kind="spaceship")
