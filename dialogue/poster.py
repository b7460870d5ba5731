"""The round's printable poster: A4, its short link in large type and a QR code to it (segno),
made into a PDF by WeasyPrint like the annual report."""

import io

import segno
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def qr_png(link: str, *, scale: int = 10) -> bytes:
    """The link as a QR code (PNG), with error correction that survives a creased poster."""
    buffer = io.BytesIO()
    segno.make(link, error="q", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


def qr_data_uri(link: str) -> str:
    return segno.make(link, error="q", micro=False).png_data_uri(scale=10, border=4)


def poster_pdf(request, *, round, link: str) -> bytes:
    from weasyprint import CSS, HTML  # heavy: loaded only when a poster is asked for

    html = render_to_string(
        "dialogue/poster.html",
        {
            "round": round,
            "link": link,
            "short_link": link.split("://", 1)[-1],
            "qr": qr_data_uri(link),
        },
        request,
    )
    stylesheet = CSS(filename=finders.find("css/dialogue-poster.css"))
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[stylesheet], pdf_tags=True
    )
