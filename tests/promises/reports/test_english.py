"""English complete (issue 19): the English annual report and its PDF title the promises in
English where an English title exists, mark Swedish data with ``lang="sv"``, write dates one way
per language, and download under an English file name."""

import io
import re

import pytest
from django.utils.html import escape
from pypdf import PdfReader

from promises.models import PolicingArea, Promise
from promises.services import annual_report_approve

pytestmark = pytest.mark.django_db

YEAR = 2024


def sign_off(approver):
    """Sign off farsta's YEAR with the approver's explicit "ingen kommentar" on every promise
    (sign-off needs a narrative or that choice for each)."""
    area = PolicingArea.objects.get(slug="farsta")
    kinds = list(area.promises.filter(year=YEAR).values_list("kind", flat=True))
    annual_report_approve(area=area, year=YEAR, user=approver, no_comment=kinds)


@pytest.fixture
def approved_2024(approver):
    sign_off(approver)
    return {p.title: p.title_en for p in Promise.objects.in_year(YEAR) if p.title_en}


def test_the_english_report_and_pdf_carry_no_swedish_promise_title_that_has_an_english_one(
    client, approved_2024
):
    assert approved_2024  # the reference promises have English titles
    html = client.get(f"/en/arsrapporter/{YEAR}/").content.decode()
    pdf = client.get(f"/en/arsrapporter/{YEAR}.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for swedish, english in approved_2024.items():
        assert escape(english) in html and english in text
        assert swedish not in html, swedish
        assert swedish not in text, swedish
    assert 'filename="farsta-follow-up-2024.pdf"' in pdf["Content-Disposition"]
    # The Swedish report keeps its Swedish titles.
    swedish_html = client.get(f"/arsrapporter/{YEAR}/").content.decode()
    assert all(swedish in swedish_html for swedish in approved_2024)


def test_a_title_without_english_is_marked_swedish_on_the_english_report(client, approver):
    Promise.objects.filter(year=YEAR, kind="weekend_collaboration").update(title_en="")
    sign_off(approver)
    html = client.get(f"/en/arsrapporter/{YEAR}/").content.decode()
    assert '<th scope="row"><span lang="sv">Helgsamverkan</span></th>' in html
    assert "Citizens&#x27; safety in focus" in html or "Citizens' safety in focus" in html


def test_dates_read_one_way_per_language(client, approved_2024):
    english = client.get(f"/en/arsrapporter/{YEAR}/").content.decode()
    swedish = client.get(f"/arsrapporter/{YEAR}/").content.decode()
    month_first = r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}"
    assert re.search(month_first, english) is None
    assert re.search(
        r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|"
        r"October|November|December) \d{4}\b",
        english,
    )
    assert re.search(
        r"\b\d{1,2} (januari|februari|mars|april|maj|juni|juli|augusti|september|"
        r"oktober|november|december) \d{4}\b",
        swedish,
    )


def test_one_filter_marks_swedish_data_on_english_pages():
    """``data_text``: the English value where one exists, the Swedish one marked ``lang="sv"``
    on an English page, and nothing added on a Swedish page."""
    from django.utils import translation

    from promises.templatetags.portal import data_text

    promise = Promise(title="Helgsamverkan", title_en="Weekend collaboration")
    untranslated = Promise(title="Trygghetsvandring", title_en="")
    with translation.override("en"):
        assert data_text(promise, "title") == "Weekend collaboration"
        assert data_text(untranslated, "title") == '<span lang="sv">Trygghetsvandring</span>'
        assert data_text("Lampan <byts>") == '<span lang="sv">Lampan &lt;byts&gt;</span>'
        assert data_text({"title": "Helgsamverkan", "title_lang": "sv"}, "title") == (
            '<span lang="sv">Helgsamverkan</span>'
        )
    with translation.override("sv"):
        assert data_text(untranslated, "title") == "Trygghetsvandring"
        assert data_text("Lampan") == "Lampan"
