"""Response headers and sign-in rules that apply to every page."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from promises.accounts import mfa_required_for

# Pages an officer without a second factor may still reach: signing in and out, setting up the
# factor, and the health checks.
MFA_SETUP_ALLOWED = ("login", "logout", "health", "readiness")
MFA_SETUP_PREFIXES = ("account_", "mfa_")
# The API answers every refusal in JSON, also those made before its views.
API_PREFIX = "/api/"


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
            from promises.errors import bad_request

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


class MfaRequiredMiddleware:
    """Officers and admins without a second factor are sent to set one up before any other page
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

        return mfa_required_for(user) and not is_mfa_enabled(user)
