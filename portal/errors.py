"""Error pages that cannot fail themselves: no form data is read again (a body Django could not
decode stays unread), no database query, a plain template."""

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.template.exceptions import TemplateDoesNotExist

FALLBACK = "<!doctype html><html lang=sv><title>{title}</title><h1>{title}</h1></html>"


def _render(
    template_name: str, status: int, title: str, request=None, context=None
) -> HttpResponse:
    try:
        body = loader.get_template(template_name).render(context or {}, request)
    except (TemplateDoesNotExist, Exception):  # noqa: BLE001 (an error page must answer)
        body = FALLBACK.format(title=title)
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None) -> HttpResponse:
    return _render("400.html", 400, "Felaktig begäran")


def permission_denied(request, exception=None) -> HttpResponse:
    # A signed-in user keeps the menu; the request's body is never read here. Only our own
    # reasons are shown (no other refusal's message reaches the page).
    from .permissions import NoArea

    reason = str(exception) if isinstance(exception, NoArea) else ""
    return _render("403.html", 403, "Du har inte behörighet", request, {"reason": reason})


def _area_of_the_address(request) -> None:
    """Refused before its view ran, a page at an area's address (``/skarholmen/tipsa/``) still
    speaks for that area; an unknown one (or a database that does not answer) leaves it be."""
    from .models import PolicingArea

    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("area") if match is not None else None
    if isinstance(slug, str):
        try:
            area = PolicingArea.objects.filter(slug=slug).first()
        except Exception:  # noqa: BLE001 (an error page must answer)
            area = None
        if area is not None:
            request.area = area


def csrf_failure(request, reason: str = "") -> HttpResponse:
    """A form sent without its security token (cookies blocked, or a page left open too long):
    the portal's own page says how to send it again; the API says it answers GET only."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"error": "the API answers GET requests only"}, status=403)
    _area_of_the_address(request)
    return _render("403_csrf.html", 403, "Formuläret kunde inte skickas", request)


def server_error(request) -> HttpResponse:
    return _render("500.html", 500, "Något gick fel")


def too_many_requests(request, exception=None) -> HttpResponse:
    """allauth's rate limits (password reset, sign-in) answer with this (``handler429``)."""
    return _render("429.html", 429, "För många försök", request)
