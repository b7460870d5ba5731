import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from portal.imports import ImportFailed
from safety_inventory.csv_io import activities_import
from safety_inventory.exports import ActivityExporter
from safety_inventory.models import Activity, Site

from .factories import farsta

HEADER = "site,district,kind,status,date,reason\n"
GOOD = HEADER + (
    "Hagsätra torg,Hagsätra,inventory,conducted,2024-04-12,annual_plan\n"
    "Hagsätra torg,Hagsätra,place_collaboration,conducted,2024-10-01,partner_request\n"
    "Ny plats vid skolan,Örby,inventory,planned,,citizen_signals\n"
)


def run(text):
    return activities_import(file=io.StringIO(text), policing_area=farsta())


@pytest.mark.django_db
def test_a_good_file_creates_activities_and_unknown_sites(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_safety_activities", str(path))
    assert "3 nya aktiviteter, 0 ändrade, 0 fanns redan, 2 nya platser" in capsys.readouterr().out
    assert Site.objects.get(name="Ny plats vid skolan").district.name == "Örby"
    assert Activity.objects.filter(status="conducted", date__year=2024).count() == 2


@pytest.mark.django_db
def test_reimport_creates_no_duplicates():
    run(GOOD)
    report = run(GOOD)
    assert (report.created, report.unchanged, report.sites_created) == (0, 3, 0)
    assert Activity.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Torget,Gotham,inventory,conducted,2024-04-12,annual_plan", "området ”Gotham” finns inte"),
        ("Torget,Örby,walk,conducted,2024-04-12,annual_plan", "slaget ”walk” är okänd"),
        ("Torget,Örby,inventory,done,2024-04-12,annual_plan", "status ”done” är okänd"),
        ("Torget,Örby,inventory,conducted,2024-04-12,whim", "anledningen ”whim” är okänd"),
        ("Torget,Örby,inventory,conducted,12/4/2024,annual_plan", "ska skrivas ÅÅÅÅ-MM-DD"),
        ("Torget,Örby,inventory,conducted,,annual_plan", "behöver ett datum"),
        (",Örby,inventory,planned,,annual_plan", "ange platsens namn"),
    ],
)
def test_a_bad_row_stops_everything_with_its_line(row, message):
    with pytest.raises(ImportFailed) as failed:
        run(GOOD + row + "\n")
    assert failed.value.errors[0].line == 5
    assert message in str(failed.value.errors[0])
    assert (
        Activity.objects.count() == 0
        and not Site.objects.filter(name="Ny plats vid skolan").exists()
    )


@pytest.mark.django_db
def test_the_command_exits_non_zero_with_every_error(tmp_path, capsys):
    path = tmp_path / "a.csv"
    path.write_text(
        HEADER + "A,Gotham,inventory,planned,,annual_plan\nB,Örby,x,planned,,annual_plan\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Inget importerades: 2 fel"):
        call_command("import_safety_activities", str(path))
    err = capsys.readouterr().err
    assert "Rad 2:" in err and "Rad 3:" in err


@pytest.mark.django_db
def test_the_export_reads_back_in():
    run(GOOD)
    activities = Activity.objects.select_related("site__district").order_by("date", "pk")
    exported = ActivityExporter(activities, year=2024).as_csv().decode("utf-8-sig")
    assert "Hagsätra torg;Hagsätra;Trygghetsinventering;Genomförd;2024-04-12;Årsplanen" in exported
    assert run(exported).created == 0
    assert date(2024, 4, 12) in set(Activity.objects.values_list("date", flat=True))
