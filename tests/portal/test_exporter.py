"""The one exporter: CSV for Swedish Excel, XLSX with real dates, formulas neutralised."""

import csv
import io
from datetime import date

import pytest
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from portal.exporter import ListExporter, neutralise
from tests.export_checks import HOSTILE


class Example(ListExporter):
    columns = (_("Namn"), _("Datum"), _("Antal"))
    filename = "exempel"
    sheet_title = _("Närvaro")

    def rows(self):
        for n, text in enumerate(HOSTILE):
            yield [text, date(2024, 5, 17), n]


@pytest.mark.parametrize("text", HOSTILE)
def test_every_text_that_could_start_a_formula_is_neutralised(text):
    assert neutralise(text) == "'" + text
    assert neutralise("Anna Berg") == "Anna Berg"


def test_csv_has_a_bom_semicolons_and_inert_cells():
    content = Example().as_csv()
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert text.startswith("Namn;Datum;Antal\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1] == ["'" + HOSTILE[0], "2024-05-17", "0"]
    assert [row[0] for row in rows[1:]] == ["'" + text for text in HOSTILE]


def test_xlsx_has_real_dates_and_numbers_a_frozen_header_and_no_formula():
    sheet = load_workbook(io.BytesIO(Example().as_xlsx())).active
    assert sheet.title == "Närvaro" and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["Namn", "Datum", "Antal"]
    assert sheet["B2"].is_date and sheet["B2"].value.date() == date(2024, 5, 17)
    assert sheet["C3"].value == 1 and sheet["C3"].data_type == "n"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert sheet["A2"].value == "'" + HOSTILE[0]
    assert sheet.column_dimensions["A"].width > 10


def test_headers_follow_the_language_the_file_is_written_in():
    with translation.override("en"):
        assert Example().as_csv().decode("utf-8-sig").startswith("Name;Date;")


def test_the_response_names_the_file_and_refuses_other_formats():
    response = Example().response("xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="exempel.xlsx"'
    with pytest.raises(Http404):
        Example().response("pdf")
