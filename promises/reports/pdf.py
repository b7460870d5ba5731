"""The annual report as PDF (WeasyPrint): made once for a signed report, kept for a draft, and
never more than ``PORTAL_PDF_RENDERS`` made at the same time by the whole portal.

- A signed (approved) report's PDF is made in each of the portal's languages when it is signed
  off (``signed_report_pdfs_store``, one function the sign-off calls) and stored in the database
  (``SignedReportPdf``); it is served from there, never made again. A report signed before
  PDFs were stored gets its PDFs the first time one is asked for.
- A draft's (preliminary) PDF is kept in the cache per area, year and language under the public
  cache's version and day (``public_cache``): any change to the data behind it, a new day or a
  deploy makes it anew, nothing else does.
- Making a PDF takes a slot of a semaphore kept in the shared cache; when every slot is taken
  for ``PORTAL_PDF_WAIT_SECONDS``, ``RendersBusy`` is raised and the page answers 503 with
  ``Retry-After``.
"""

import logging
import secrets
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from portal import public_cache
from promises.models import AnnualReport, PolicingArea, SignedReportPdf
from promises.reports import annual as annual_report

logger = logging.getLogger(__name__)

SLOT_KEY = "report-pdf:slot:{}"
# A slot whose holder died (a killed worker) is free again after this long; a PDF takes ~1 s.
SLOT_SECONDS = 120


class RendersBusy(Exception):
    """Every slot for making PDFs stayed taken: try again in a moment."""


@contextmanager
def render_slot(*, wait: float | None = None):
    """Hold one of ``PORTAL_PDF_RENDERS`` slots shared by every process (``cache.add`` is
    atomic in Redis and in the local cache) while the block runs; ``RendersBusy`` when none
    came free within ``wait`` seconds (``PORTAL_PDF_WAIT_SECONDS``)."""
    wait = settings.PORTAL_PDF_WAIT_SECONDS if wait is None else wait
    token = secrets.token_hex(8)
    deadline = time.monotonic() + wait
    while True:
        for slot in range(settings.PORTAL_PDF_RENDERS):
            key = SLOT_KEY.format(slot)
            if cache.add(key, token, timeout=SLOT_SECONDS):
                try:
                    yield
                finally:
                    if cache.get(key) == token:
                        cache.delete(key)
                return
        if time.monotonic() >= deadline:
            raise RendersBusy
        time.sleep(0.05)


def report_context(report: AnnualReport | None, figures: dict) -> dict:
    """What every rendering of a report needs besides its figures: the date it speaks for,
    whether it is preliminary, and who approved it."""
    approval = None
    if report is not None and report.is_approved:
        approved_on = timezone.localdate(report.approved_at)
        approval = {"name": report.approved_by_name, "date": formats.date_format(approved_on)}
        report_date = formats.date_format(approved_on)
    else:
        report_date = formats.date_format(timezone.localdate())
    return {
        "report": figures,
        "report_row": report,
        "approval": approval,
        "report_date": report_date,
        "preliminary": annual_report.is_preliminary(figures["year"]),
    }


def render_report_pdf(report: AnnualReport | None, figures: dict, *, language: str) -> bytes:
    """The report as a tagged PDF in ``language`` (WeasyPrint). Takes no slot: callers do."""
    from weasyprint import CSS, HTML  # heavy: loaded only when a PDF is made

    with translation.override(language):
        context = report_context(report, figures) | {"LANGUAGE_CODE": language}
        html = render_to_string("promises/report/pdf.html", context)
    stylesheet = CSS(filename=finders.find("css/report.css"))
    return HTML(string=html, base_url=settings.PORTAL_BASE_URL).write_pdf(
        stylesheets=[stylesheet], pdf_tags=True, presentational_hints=True
    )


def _language(language: str | None) -> str:
    codes = [code for code, _name in settings.LANGUAGES]
    language = (language or translation.get_language() or codes[0]).split("-")[0]
    return language if language in codes else codes[0]


def signed_report_pdfs_store(*, report: AnnualReport) -> None:
    """Make the signed ``report``'s PDF in each of the portal's languages and store it: what
    sign-off calls once the approval is saved. Making it again replaces nothing that exists."""
    for code, _name in settings.LANGUAGES:
        _signed_pdf_made(report, code)


def _signed_pdf_made(report: AnnualReport, language: str) -> bytes:
    with render_slot():
        stored = SignedReportPdf.objects.filter(report=report, language=language).first()
        if stored is not None:  # made by another request while this one waited
            return bytes(stored.content)
        content = render_report_pdf(report, report.figures(language), language=language)
        with transaction.atomic():
            stored, _created = SignedReportPdf.objects.get_or_create(
                report=report, language=language, defaults={"content": content}
            )
        return bytes(stored.content)


def signed_pdf(*, report: AnnualReport, language: str | None = None) -> bytes:
    """The signed report's PDF in ``language`` (the active one), as stored at sign-off."""
    language = _language(language)
    stored = (
        SignedReportPdf.objects.filter(report=report, language=language)
        .values_list("content", flat=True)
        .first()
    )
    if stored is not None:
        return bytes(stored)
    return _signed_pdf_made(report, language)


def preliminary_pdf(*, area: PolicingArea, year: int, language: str | None = None) -> bytes:
    """A draft report's PDF, kept per area, year and language until the data behind it, the
    day or the release changes; made under a slot, and only once however many ask at once."""
    language = _language(language)
    current = public_cache.version(fresh=True)
    key = public_cache._key("report-pdf", str(area.pk), str(year), language=language)
    entry = cache.get(key)
    if entry is not None and entry[0] == current:
        return entry[1]
    with render_slot():
        entry = cache.get(key)  # made by another request while this one waited
        if entry is not None and entry[0] == current:
            return entry[1]
        with translation.override(language):
            report, figures = annual_report.report_for(area=area, year=year)
        content = render_report_pdf(report, figures, language=language)
        cache.set(key, (current, content), public_cache.TIMEOUT)
    return content


def store_after_sign_off(report: AnnualReport) -> None:
    """Once the sign-off has committed, make and store its PDFs. A failure here never undoes
    the sign-off: the PDF is then made the first time someone asks for it."""

    def store():
        try:
            signed_report_pdfs_store(report=report)
        except Exception:  # noqa: BLE001 (logged; the PDF is made on first request instead)
            logger.exception("signed report PDF not stored", extra={"report": report.pk})

    transaction.on_commit(store)
