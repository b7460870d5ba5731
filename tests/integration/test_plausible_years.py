"""The plausible year, one rule in one home (issue 17, docs/rules.md#years): the first year is
the policing area's own. Farsta's is 2024; an area that joins with spreadsheets from 2021 is
given 2021, and its imports, forms, pages and API take those years while Farsta's do not."""

import io
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.urls import reverse

from dialogue.services import round_save
from promises.models import District, PolicingArea, Promise
from promises.plausible import (
    YEAR_CEILING,
    first_year_of,
    plausible_years,
    validate_plausible_year,
)
from promises.selectors import YearNotValid, parse_year
from safety_inventory.csv_io import activities_import
from safety_inventory.models import Activity
from tests.promises.factories import (
    BoroughAreaFactory,
    DistrictFactory,
    PolicingAreaFactory,
    PromiseFactory,
    UserFactory,
)
from weekend_ops.csv_io import ImportFailed, shifts_import
from weekend_ops.forms import ShiftForm
from weekend_ops.models import Shift

pytestmark = pytest.mark.django_db

# Next year is 2027: the last plausible date is 31 December 2027.
NOW = "2026-06-03 09:00 +02:00"

SHIFTS = "date,start,end,officers,status,districts,notes\n"
ACTIVITIES = "site,district,kind,status,date,reason\n"
FARSTA_2023 = (
    "Ange ett datum mellan 1 januari 2024 och 31 december 2027. Första året för Farsta är 2024."
)


def farsta() -> PolicingArea:
    return PolicingArea.objects.get(slug="farsta")


def an_area_from_2021() -> PolicingArea:
    """An area added with its spreadsheets from 2021: a borough, a district, an officer."""
    area = PolicingAreaFactory(slug="skarholmen", name="Skärholmen", first_year=2021)
    borough = BoroughAreaFactory(policing_area=area, slug="skarholmen-sdo", name="Skärholmen SDO")
    DistrictFactory(borough=borough, slug="skarholmen-centrum", name="Skärholmen centrum")
    UserFactory(username="kim", role="officer", areas=[area])
    return area


# --- Imports --------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_farsta_refuses_a_2023_shift_import_naming_its_first_year():
    UserFactory(username="anna", role="officer")
    text = (
        SHIFTS
        + "2024-05-17,18:00,02:00,anna,completed,,\n2023-05-19,18:00,02:00,anna,completed,,\n"
    )
    with pytest.raises(ImportFailed) as failed:
        shifts_import(file=io.StringIO(text), policing_area=farsta())
    assert [str(e) for e in failed.value.errors] == [f"Rad 3: {FARSTA_2023}"]
    assert not Shift.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_an_area_from_2021_imports_its_2021_and_2022_shifts():
    area = an_area_from_2021()
    text = SHIFTS + (
        "2021-05-14,18:00,02:00,kim,completed,Skärholmen centrum,\n"
        "2022-05-20,18:00,02:00,kim,completed,,\n"
    )
    report = shifts_import(file=io.StringIO(text), policing_area=area)
    assert report.created == 2
    assert sorted(s.evening.year for s in Shift.objects.of_area(area)) == [2021, 2022]
    # A year before its own first year is refused, naming it.
    with pytest.raises(ImportFailed) as failed:
        shifts_import(
            file=io.StringIO(SHIFTS + "2020-05-15,18:00,02:00,kim,completed,,\n"),
            policing_area=area,
        )
    assert "Första året för Skärholmen är 2021." in str(failed.value)
    assert "Ange ett datum mellan 1 januari 2021 och 31 december 2027." in str(failed.value)


@time_machine.travel(NOW, tick=False)
def test_an_area_from_2021_imports_its_2021_and_2022_activities_and_farsta_refuses_2023():
    area = an_area_from_2021()
    text = ACTIVITIES + (
        "Centrumtorget,Skärholmen centrum,inventory,conducted,2021-04-12,annual_plan\n"
        "Centrumtorget,Skärholmen centrum,place_collaboration,conducted,2022-10-01,partner_request\n"
    )
    report = activities_import(file=io.StringIO(text), policing_area=area)
    assert (report.created, report.sites_created) == (2, 1)
    assert sorted(a.date.year for a in Activity.objects.of_area(area)) == [2021, 2022]

    farsta_text = ACTIVITIES + "Hagsätra torg,Hagsätra,inventory,conducted,2023-04-12,annual_plan\n"
    with pytest.raises(ImportFailed) as failed:
        activities_import(file=io.StringIO(farsta_text), policing_area=farsta())
    assert [str(e) for e in failed.value.errors] == [f"Rad 2: {FARSTA_2023}"]
    assert not Activity.objects.of_area(farsta()).exists()


@time_machine.travel(NOW, tick=False)
def test_an_activity_planned_after_next_year_is_a_typing_mistake():
    text = ACTIVITIES + "Hagsätra torg,Hagsätra,inventory,planned,2099-04-12,annual_plan\n"
    with pytest.raises(ImportFailed) as failed:
        activities_import(file=io.StringIO(text), policing_area=farsta())
    assert "Ange ett datum mellan 1 januari 2024 och 31 december 2027." in str(failed.value)


# --- Forms ----------------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_farsta_refuses_a_2023_date_on_the_shift_form(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("weekend_ops:shift_create"),
        {
            "date": "2023-05-19",
            "start_time": "18:00",
            "end_time": "02:00",
            "status": "completed",
            "officers": [officer.pk],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [FARSTA_2023]
    assert not Shift.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_the_shift_form_takes_its_areas_years():
    area = an_area_from_2021()
    data = {"date": "2022-05-20", "start_time": "18:00", "end_time": "02:00"}
    theirs = ShiftForm(data, policing_area=area)
    assert theirs.fields["date"].widget.attrs["min"] == "2021-01-01"
    assert "date" not in theirs.errors
    ours = ShiftForm(data, policing_area=farsta())
    assert ours.fields["date"].widget.attrs["min"] == "2024-01-01"
    assert "Första året för Farsta är 2024." in ours.errors["date"][0]


@time_machine.travel(NOW, tick=False)
def test_the_shift_list_year_is_the_areas(client, officer):
    client.force_login(officer)
    response = client.get(reverse("weekend_ops:shift_list"), {"year": 2023})
    assert response.context["form"].errors["year"] == [
        "Ange ett år från 2024 till 2027. Första året för Farsta är 2024."
    ]
    assert response.context["form"].fields["year"].widget.attrs["min"] == 2024


# --- Years asked for: parse_year, the API and the public page -------------------------------


@time_machine.travel(NOW, tick=False)
def test_parse_year_is_per_area():
    area = an_area_from_2021()
    assert parse_year("2021", default=2026, area=area) == 2021
    assert parse_year("2022", default=2026, area=area) == 2022
    assert parse_year(None, default=2026, area=area) == 2026
    with pytest.raises(YearNotValid):
        parse_year("2020", default=2026, area=area)
    with pytest.raises(YearNotValid):
        parse_year("2023", default=2026, area=farsta())
    # A year ahead is asked for (it may have no promises: a 404 that says so, not a 400).
    assert parse_year("2031", default=2026, area=farsta()) == 2031
    with pytest.raises(YearNotValid):
        parse_year(str(YEAR_CEILING + 1), default=2026, area=farsta())
    # Without an area: the earliest first year of any.
    assert first_year_of(None) == 2021
    assert parse_year("2021", default=2026) == 2021


@time_machine.travel(NOW, tick=False)
def test_an_area_from_2021_shows_2022_in_its_api_and_public_page(client):
    area = an_area_from_2021()
    PromiseFactory(policing_area=area, year=2022, kind="weekend_collaboration", target=30)
    PromiseFactory(policing_area=area, year=2022, kind="safety_inventory", target=2)
    api = client.get("/api/v1/areas/skarholmen/progress/", {"year": 2022})
    assert api.status_code == 200
    assert api.json()["year"] == 2022
    page = client.get(reverse("promises:area_home", args=["skarholmen"]), {"year": 2022})
    assert page.status_code == 200
    assert "2022" in page.content.decode()

    refused = client.get("/api/v1/areas/farsta/progress/", {"year": 2022})
    assert refused.status_code == 400
    assert refused.json() == {"error": "year must be a four-digit year from 2024, e.g. ?year=2026"}
    page = client.get(reverse("promises:area_home", args=["farsta"]), {"year": 2022})
    assert page.status_code == 404
    assert "Ange ett år med fyra siffror från 2024, till exempel 2026." in page.content.decode()


# --- Model checks ---------------------------------------------------------------------------


@time_machine.travel(NOW, tick=False)
def test_a_promise_is_from_its_areas_first_year():
    area = an_area_from_2021()
    fields = {"kind": "safety_inventory", "title": "Trygga platser", "summary": "x", "target": 2}
    Promise(policing_area=area, year=2021, **fields).full_clean()
    with pytest.raises(ValidationError) as refused:
        Promise(policing_area=farsta(), year=2023, **fields).full_clean()
    assert refused.value.message_dict["year"] == [
        "Ange ett år från 2024 till 2100. Första året för Farsta är 2024."
    ]


@time_machine.travel(NOW, tick=False)
def test_a_dialogue_round_may_be_from_the_year_before_the_first():
    districts = District.objects.of_area(farsta())[:2]
    common = {"policing_area": farsta(), "title": "Trygghetsdialog", "districts": districts}
    round_save(year=2023, opens_on=date(2023, 3, 1), closes_on=date(2023, 4, 30), **common)
    with pytest.raises(ValidationError) as refused:
        round_save(year=2022, opens_on=date(2022, 3, 1), closes_on=date(2022, 4, 30), **common)
    assert refused.value.message_dict["year"] == [
        "Ange ett år från 2023 till 2027. Första året för Farsta är 2024."
    ]


def test_a_first_year_lies_between_the_floor_and_the_ceiling():
    with pytest.raises(ValidationError) as refused:
        PolicingArea(slug="skarholmen", name="Skärholmen", first_year=1999).full_clean()
    assert refused.value.message_dict["first_year"] == ["Ange ett år från 2000 till 2100."]


@time_machine.travel(NOW, tick=False)
def test_the_rule_names_the_accepted_years():
    assert plausible_years(farsta()) == range(2024, 2028)
    with pytest.raises(ValidationError) as refused:
        validate_plausible_year(2028, area=farsta())
    assert refused.value.messages == ["Ange ett år från 2024 till 2027."]


# --- The admin ------------------------------------------------------------------------------


def admin_post(area: PolicingArea, **changes) -> dict:
    """The change form of ``area`` as posted, its inlines untouched."""
    return {
        "slug": area.slug,
        "name": area.name,
        "contact_email": area.contact_email,
        "first_year": area.first_year,
        "staff": [user.pk for user in area.staff.all()],
        "boroughs-TOTAL_FORMS": 0,
        "boroughs-INITIAL_FORMS": 0,
        "flag_rule-TOTAL_FORMS": 0,
        "flag_rule-INITIAL_FORMS": 0,
        **changes,
    }


def test_the_admin_changes_an_areas_first_year(client):
    client.force_login(UserFactory(role="admin", areas=[]))
    area = an_area_from_2021()
    url = reverse("admin:promises_policingarea_change", args=[area.pk])
    assert "Första år" in client.get(url).content.decode()
    response = client.post(url, admin_post(area, first_year=2019))
    assert response.status_code == 302, response.content.decode()[:3000]
    area.refresh_from_db()
    assert area.first_year == 2019
    assert area.history.first().first_year == 2019
    # A first year after the area's earliest promise is refused, saying why.
    response = client.post(
        reverse("admin:promises_policingarea_change", args=[farsta().pk]),
        admin_post(farsta(), first_year=2025),
    )
    assert response.status_code == 200
    assert "Området har medborgarlöften från 2024" in response.content.decode()
    assert farsta().first_year == 2024


@override_settings(PORTAL_FIRST_YEAR=2022)
def test_a_new_area_gets_the_default_first_year(client):
    client.force_login(UserFactory(role="admin", areas=[]))
    response = client.post(
        reverse("admin:promises_policingarea_add"),
        {
            "slug": "skarholmen",
            "name": "Skärholmen",
            "boroughs-TOTAL_FORMS": 0,
            "boroughs-INITIAL_FORMS": 0,
            "flag_rule-TOTAL_FORMS": 0,
            "flag_rule-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert PolicingArea.objects.get(slug="skarholmen").first_year == 2022


# --- The migration --------------------------------------------------------------------------

BEFORE = [("promises", "0017_area_slug_help_text")]
AFTER = [("promises", "0018_policingarea_first_year")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
@override_settings(PORTAL_FIRST_YEAR=2030)  # not read: the existing areas' year is frozen
def test_the_migration_leaves_existing_areas_at_2024(reference_data):
    old = migrate(BEFORE)
    old.get_model("promises", "PolicingArea").objects.create(slug="skarholmen", name="Skärholmen")
    new = migrate(AFTER)
    years = dict(
        new.get_model("promises", "PolicingArea").objects.values_list("slug", "first_year")
    )
    assert years == {"farsta": 2024, "skarholmen": 2024}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # the database as the other tests expect
