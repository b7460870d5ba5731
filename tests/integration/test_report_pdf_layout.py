"""The annual report PDF keeps each heading on the page of the table that follows it and its
table of contents names the pages the headings really land on (issue 19). Extra districts make
the district table and what follows it move down the pages, so headings fall near page ends."""

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from promises.models import District, PolicingArea
from promises.reports import annual
from promises.reports import pdf as report_pdf

from .years_of_data import seed_years

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1
# Each heading with the header cell of the first column of its table.
HEADINGS = {
    "Löften och resultat": "Löfte",
    "Jämförelse med tidigare år": "Löfte",
    "Signaler och svar per område": "Område",
    "Helger per månad": "Månad",
}


RUNNING = re.compile(r"^\d+ / \d+$")


def pages_of(pdf: bytes) -> list[list[str]]:
    return [
        [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def toc_numbers(pages: list[list[str]]) -> dict[str, int]:
    numbers = {}
    for line in pages[0] + (pages[1] if len(pages) > 1 else []):
        match = re.match(r"^(.+?)[\s.]*?(\d+)$", line)
        if match and match.group(1).rstrip(" .") in HEADINGS:
            numbers.setdefault(match.group(1).rstrip(" ."), int(match.group(2)))
    return numbers


def heading_page(pages: list[list[str]], heading: str) -> tuple[int, int]:
    """The 1-based page and the line index where ``heading`` stands alone as a heading (a TOC
    entry carries its page number on the same line)."""
    for number, lines in enumerate(pages, start=1):
        for index, line in enumerate(lines):
            if line == heading:
                return number, index
    raise AssertionError(f"{heading!r} is not in the PDF")


def test_headings_stay_with_their_tables_and_the_toc_names_their_pages(capsys):
    seed_years(LAST_YEAR, LAST_YEAR)
    area = PolicingArea.objects.get(slug="farsta")
    borough = area.boroughs.first()
    added = 0
    for extra_districts in (0, 5, 10, 15, 20, 25):
        while added < extra_districts:
            District.objects.create(borough=borough, slug=f"extra-{added}", name=f"Extra {added}")
            added += 1
        report, figures = annual.report_for(area=area, year=LAST_YEAR)
        pages = pages_of(report_pdf.render_report_pdf(report, figures, language="sv"))
        toc = toc_numbers(pages)
        for heading, first_cell in HEADINGS.items():
            number, index = heading_page(pages, heading)
            following = [
                line
                for line in pages[number - 1][index + 1 :]
                if not RUNNING.match(line) and "·" not in line  # page number, running head
            ]
            # The heading's table starts on the same page: its header row and a first row.
            starts = [i for i, line in enumerate(following) if line.startswith(first_cell)]
            assert starts and len(following) > starts[0] + 1, (extra_districts, heading, following)
            assert toc[heading] == number, (extra_districts, heading, toc, number)
