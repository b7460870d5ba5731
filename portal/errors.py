"""Error pages that cannot fail themselves: no form data is read again (a body Django could not
decode stays unread), no database query of ours, a plain template.

The site's apps may add to a refused request what its page shows (``register_request_context``:
the domain's area taken from the address) and refuse with a reason the 403 page shows
(``RefusedWithReason``); the platform knows nothing of them."""

import contextlib
import re
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.template.exceptions import TemplateDoesNotExist
from django.utils.translation import gettext

API_PREFIX = "/api/"


class RefusedWithReason(PermissionDenied):
    """A refusal whose message is ours and is shown on the 403 page (no other refusal's is)."""


# Callables ``fn(request)`` that fill in what a page refused before its view ran still needs
# (the domain's area of the address); each must answer without raising, or be caught here.
_request_context: list[Callable[[HttpRequest], None]] = []


def register_request_context(fn: Callable[[HttpRequest], None]) -> None:
    if fn not in _request_context:
        _request_context.append(fn)


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
    reason = str(exception) if isinstance(exception, RefusedWithReason) else ""
    return _render("403.html", 403, "Du har inte behörighet", request, {"reason": reason})


def _fill_request_context(request) -> None:
    """What the registered apps add to a refused request (an error page must answer)."""
    for fn in _request_context:
        with contextlib.suppress(Exception):  # an error page must answer
            fn(request)


def csrf_failure(request, reason: str = "") -> HttpResponse:
    """A form sent without its security token (cookies blocked, or a page left open too long):
    the portal's own page says how to send it again; the API answers 405, GET only."""
    if request.path_info.startswith(API_PREFIX):  # it takes no forms: the method is wrong
        return method_not_allowed(request, "GET, HEAD")
    _fill_request_context(request)
    return _render("403_csrf.html", 403, "Formuläret kunde inte skickas", request)


def server_error(request) -> HttpResponse:
    return _render("500.html", 500, "Något gick fel")


def too_many_requests(request, exception=None) -> HttpResponse:
    """allauth's rate limits (password reset, sign-in) answer with this (``handler429``)."""
    return _render("429.html", 429, "För många försök", request)


def method_not_allowed(request, allowed: str) -> HttpResponse:
    """An address that takes only a form sent from its page (POST), opened as a link: a page
    that says so, in place of Django's empty 405; the API answers in JSON."""
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse({"error": "the API answers GET requests only"}, status=405)
    else:
        response = _render("405.html", 405, "Adressen tar emot formulär", request)
    response["Allow"] = allowed
    return response


def too_busy(request) -> HttpResponse:
    """The portal is making as many files as it makes at once (report PDFs): try again soon."""
    return _render("503.html", 503, "Försök igen om en stund", request)


DJANGO_NOT_FOUND = re.compile(r"^No \w+ matches the given query\.$")


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 page; shows the reason when one of our views gave one (not for unknown URLs)."""
    if request.path_info.startswith(API_PREFIX):  # the API answers in JSON, also here
        return JsonResponse({"error": "no such address in the API"}, status=404)
    message = None
    if type(exception) is Http404 and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    if message and DJANGO_NOT_FOUND.match(message):
        # get_object_or_404's "No Flag matches the given query.": developer English that names
        # a model. Say what a reader can use instead.
        message = gettext(
            "Det du letar efter finns inte, eller hör till ett annat lokalpolisområde."
        )
    return render(request, "404.html", {"message": message}, status=404)
