"""Every middleware of the portal: response headers, refusals before any view, the public
cache's fast path, request attributes the site's apps compute lazily, and sign-in rules.

The platform names nothing of the domain: the apps' callables are named in settings
(``PORTAL_REQUEST_ATTRIBUTES``, ``PORTAL_MFA_REQUIRED_FOR``)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string
from django.utils.translation import get_language_from_path
from django.utils.translation import gettext as _

from portal import public_cache
from portal.errors import API_PREFIX

# Pages an officer without a second factor may still reach: signing in and out, setting up the
# factor, and the health checks.
MFA_SETUP_ALLOWED = ("login", "logout", "health", "readiness")
MFA_SETUP_PREFIXES = ("account_", "mfa_")


class RejectNulBytesMiddleware:
    """A NUL byte in the path or the query string is never a real request, and PostgreSQL refuses
    it in any text it is asked to compare: answer 400 before any view or query runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path_info
            or "\x00" in request.META.get("QUERY_STRING", "")
            or any("\x00" in value for values in request.GET.lists() for value in values[1])
        ):
            from portal.errors import bad_request

            if request.path_info.startswith(API_PREFIX):
                return JsonResponse({"error": "NUL byte in the address"}, status=400)
            return bad_request(request)
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Turns off the browser features the portal does not use (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class MethodNotAllowedPageMiddleware:
    """A view that refuses the request's method (``require_POST``: a sign-off or a cancel link
    opened in the address bar) answers with an empty 405; the reader gets a page that says what
    the address is for (``errors.method_not_allowed``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, "content", b"x"):
            from portal.errors import method_not_allowed

            return method_not_allowed(request, response.get("Allow", ""))
        return response


class MfaRequiredMiddleware:
    """Users the domain's rule names (``settings.PORTAL_MFA_REQUIRED_FOR``: officers and admins)
    without a second factor are sent to set one up before any other page
    (settings.PORTAL_REQUIRE_MFA; off in the local demo)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PORTAL_REQUIRE_MFA and self._must_enrol(request):
            messages.warning(
                request,
                _(
                    "Ditt konto behöver en andra inloggningsfaktor innan du kan fortsätta: "
                    "aktivera en autentiseringsapp eller lägg till en säkerhetsnyckel."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)

    @staticmethod
    def _must_enrol(request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return False
        try:
            name = resolve(request.path_info).view_name or ""
        except Resolver404:
            return False
        if name in MFA_SETUP_ALLOWED or name.startswith(MFA_SETUP_PREFIXES):
            return False
        if request.path_info.startswith(settings.STATIC_URL):
            return False
        from allauth.mfa.utils import is_mfa_enabled

        required_for = import_string(settings.PORTAL_MFA_REQUIRED_FOR)
        return required_for(user) and not is_mfa_enabled(user)


class RequestAttributesMiddleware:
    """Sets each attribute of ``settings.PORTAL_REQUEST_ATTRIBUTES`` (name -> dotted path of a
    callable taking the request) on the request, lazily: a page that never asks costs nothing,
    one that asks twice costs once (``request.area``). Goes after the authentication middleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.attributes = {
            name: import_string(path)
            for name, path in getattr(settings, "PORTAL_REQUEST_ATTRIBUTES", {}).items()
        }

    def __call__(self, request):
        for name, compute in self.attributes.items():
            setattr(request, name, SimpleLazyObject(lambda compute=compute: compute(request)))
        return self.get_response(request)


class PublicCacheMiddleware:
    """Answers a GET for a page this process has just served from the public cache before the
    session, locale, CSRF, authentication, messages, history, account and area middleware run:
    a hit then costs what the health check costs, or less. Goes right after WhiteNoise, so that
    the security, CSP and permissions headers are still added to it.

    Only a request with neither a session nor a message cookie (so anonymous, with nothing
    waiting for it) is answered here; its language comes from the address as LocaleMiddleware
    takes it (i18n_patterns without a prefix for the default language). The response is the one
    the view's cache gave, with the headers the inner middleware added (Vary, Content-Language,
    X-Frame-Options), kept only when no cookie was set, and only under the version it was made
    under: any change makes the next request go through the view again. Only a page's own
    address is kept here (``/?year=2024``, not ``/?year=2024&x=1``): other addresses of the
    page are served from the view's cache, and add nothing to this process's memory."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is not None:
            entry = public_cache._recent.get(key)
            if entry is not None and entry[0] == public_cache.version():
                _version, status, headers, content = entry
                response = HttpResponse(content, status=status)
                for header, value in headers:
                    response.headers[header] = value
                return response
        response = self.get_response(request)
        served = getattr(request, "_public_cache", None)
        if (
            key is not None
            and served is not None
            and served[1]  # the page's own address, not one with parameters it does not read
            and response.status_code == 200
            and not response.cookies
            and not response.streaming
        ):
            public_cache._remember(key, (served[0], 200, list(response.items()), response.content))
        return response

    @staticmethod
    def _key(request) -> str | None:
        if (
            request.method != "GET"
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or CookieStorage.cookie_name in request.COOKIES
        ):
            return None
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        return "whole:" + public_cache._key(request.get_full_path(), language=language)
