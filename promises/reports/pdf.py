"""The annual follow-up as a tagged PDF (WeasyPrint), for staff and for the public archive."""

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import pgettext

from portal.exporter import download_name, file_response, file_word


def report_pdf(request: HttpRequest, context: dict, *, year: int, area) -> HttpResponse:
    """The report of ``context`` (what the report's pages render) as a PDF file, named after
    ``area``."""
    from weasyprint import CSS, HTML  # heavy: loaded only when a PDF is asked for

    html = render_to_string("promises/report/pdf.html", context, request)
    stylesheet = CSS(filename=finders.find("css/report.css"))
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[stylesheet], pdf_tags=True, presentational_hints=True
    )
    stem = f"{file_word(pgettext('file name', 'uppfoljning'))}-{year}"
    return file_response(
        pdf, content_type="application/pdf", filename=f"{download_name(stem, area=area)}.pdf"
    )
