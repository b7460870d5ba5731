"""import_shifts: good file, each kind of bad row, re-import; and the export round trip."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from promises.models import PolicingArea
from tests.promises.factories import UserFactory
from weekend_ops.csv_io import ImportFailed, shifts_export, shifts_import
from weekend_ops.models import Shift, ShiftStatus

HEADER = "date,start,end,officers,status,districts,notes\n"
GOOD = HEADER + (
    "2024-05-17,18:00,02:00,anna;bo,completed,Farsta;Hagsätra,Lugn kväll\n"
    "2024-05-18,19:00,01:00,anna,completed,,\n"
    "2024-05-24,18:00,23:30,bo,cancelled,Rågsved,Inställt p.g.a. larm\n"
)


@pytest.fixture
def officers(db):
    return [
        UserFactory(username="anna", role="officer"),
        UserFactory(username="bo", role="officer"),
    ]


def write(tmp_path, text: str, name="pass.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run_import(text: str, **kwargs):
    return shifts_import(
        file=io.StringIO(text), policing_area=PolicingArea.objects.get(slug="farsta"), **kwargs
    )


def test_a_good_file_is_imported(officers, tmp_path, capsys):
    call_command("import_shifts", str(write(tmp_path, GOOD)))
    assert "3 nya pass" in capsys.readouterr().out
    first = Shift.objects.order_by("start").first()
    assert (first.evening, first.local_start.hour, first.local_end.hour) == (
        date(2024, 5, 17),
        18,
        2,
    )
    assert first.local_end.date() == date(2024, 5, 18)  # an end before the start is next day
    assert sorted(o.username for o in first.officers.all()) == ["anna", "bo"]
    assert sorted(d.name for d in first.districts.all()) == ["Farsta", "Hagsätra"]
    assert first.notes == "Lugn kväll"
    assert Shift.objects.filter(status=ShiftStatus.CANCELLED).count() == 1


def test_importing_the_same_file_twice_creates_no_duplicates(officers, tmp_path, capsys):
    path = write(tmp_path, GOOD)
    call_command("import_shifts", str(path))
    call_command("import_shifts", str(path))
    assert Shift.objects.count() == 3
    assert "0 nya pass, 0 ändrade, 3 fanns redan" in capsys.readouterr().out


def test_a_reimport_updates_a_shift_whose_status_changed(officers):
    run_import(HEADER + "2024-05-17,18:00,02:00,anna,planned,,\n")
    report = run_import(HEADER + "2024-05-17,18:00,02:00,anna,completed,Farsta,Klar\n")
    assert (report.created, report.updated) == (0, 1)
    shift = Shift.objects.get()
    assert (shift.status, shift.notes, shift.districts.get().name) == (
        "completed",
        "Klar",
        "Farsta",
    )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("2024-5-17,18:00,02:00,anna,completed,,", "ska skrivas ÅÅÅÅ-MM-DD"),
        ("2024-02-30,18:00,02:00,anna,completed,,", "ska skrivas ÅÅÅÅ-MM-DD"),
        ("2024-05-17,6pm,02:00,anna,completed,,", "starttiden ”6pm” ska skrivas TT:MM"),
        ("2024-05-17,18:00,25:00,anna,completed,,", "sluttiden ”25:00” ska skrivas TT:MM"),
        ("2024-05-17,18:00,02:00,,completed,,", "ange minst en polis"),
        ("2024-05-17,18:00,02:00,okand,completed,,", "polisen ”okand” finns inte"),
        ("2024-05-17,18:00,02:00,anna,done,,", "status ”done” är okänd"),
        ("2024-05-17,18:00,02:00,anna,completed,Gotham,", "området ”Gotham” finns inte"),
        ("2024-05-19,18:00,02:00,anna,completed,,", "fredag eller lördag"),
        ("2024-05-17,10:00,20:00,anna,completed,,", "mellan 12:00 och 23:59"),
        ("2024-05-17,12:00,03:00,anna,completed,,", "högst 14 timmar"),
        ("2027-05-14,18:00,02:00,anna,completed,,", "inte har slutat"),
        ("2099-05-15,18:00,02:00,anna,planned,,", "Ange ett datum mellan"),
        ("2019-05-17,18:00,02:00,anna,completed,,", "Ange ett datum mellan"),
        ("2026-03-28,18:00,02:30,anna,completed,,", "Sluttiden finns inte den natten"),
    ],
)
def test_each_kind_of_bad_row_is_named_with_its_line_and_nothing_is_saved(officers, row, message):
    text = GOOD + row + "\n"
    with pytest.raises(ImportFailed) as failed:
        run_import(text)
    assert [e.line for e in failed.value.errors] == [5]
    assert message in str(failed.value.errors[0])
    assert str(failed.value.errors[0]).startswith("Rad 5: ")
    assert Shift.objects.count() == 0


def test_the_command_prints_every_bad_row_and_exits_non_zero(officers, tmp_path, capsys):
    text = HEADER + (
        "2024-05-19,18:00,02:00,anna,completed,,\n"
        "2024-05-17,18:00,02:00,anna,completed,,\n"
        "2024-05-18,18:00,02:00,anna,maybe,,\n"
    )
    with pytest.raises(CommandError, match="Inget importerades: 2 fel"):
        call_command("import_shifts", str(write(tmp_path, text)))
    err = capsys.readouterr().err
    assert "Rad 2: Ett pass måste börja en fredag eller lördag" in err
    assert "Rad 4: status ”maybe” är okänd" in err
    assert Shift.objects.count() == 0


def test_unknown_officers_are_created_when_asked(officers, tmp_path, capsys):
    text = HEADER + "2024-05-17,18:00,02:00,anna;ny.polis,completed,,\n"
    call_command("import_shifts", str(write(tmp_path, text)), create_officers=True)
    assert "Nya poliser: ny.polis" in capsys.readouterr().out
    shift = Shift.objects.get()
    new = shift.officers.get(username="ny.polis")
    assert new.groups.filter(name="officer").exists() and not new.has_usable_password()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("datum,start,slut\n2024-05-17,18:00,02:00\n", "rubrikraden saknar kolumnerna poliser"),
        ("", "rubrikraden saknar kolumnerna"),
    ],
)
def test_a_wrong_header_is_explained(officers, text, message):
    with pytest.raises(ImportFailed) as failed:
        run_import(text)
    assert message in str(failed.value)


def test_a_file_that_is_not_utf8_is_refused_clearly(officers, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        (HEADER + "2024-05-17,18:00,02:00,anna,completed,Hagsätra,\n").encode("latin-1")
    )
    with pytest.raises(CommandError, match="inte UTF-8"):
        call_command("import_shifts", str(path))


def test_a_missing_file_is_refused_clearly(db, tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        call_command("import_shifts", str(tmp_path / "saknas.csv"))


def test_the_export_is_the_swedish_import_format(officers):
    # Reading it back in (semicolons, BOM, Swedish headers and labels) is the import's side.
    run_import(GOOD)
    shifts = Shift.objects.in_year(2024).prefetch_related("officers", "districts").order_by("start")
    exported = shifts_export(shifts)
    assert exported.splitlines()[0] == "datum;start;slut;poliser;status;områden;anteckning"
    assert '2024-05-17;18:00;02:00;"anna;bo";Genomfört;"Farsta;Hagsätra";Lugn kväll' in exported
