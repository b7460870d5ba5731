"""Staff sign-in through django-allauth: no public sign-up, one client-address rule (trusted
proxies), and a limit on failed sign-ins per address whatever the usernames tried. Who must set
up a second factor is the domain's rule: ``settings.PORTAL_MFA_REQUIRED_FOR`` names it."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal import throttle
from portal.client_ip import client_ip

# django-axes keeps usernames in a 255-character column.
AXES_USERNAME_LENGTH = 255
LOGIN_FAILURES_SCOPE = "login-failures"


def axes_username(request, credentials: dict | None) -> str | None:
    """The username axes records: from the credentials allauth authenticates with, else the
    posted form; cut to the column's length (a longer one would fail on PostgreSQL)."""
    username = (credentials or {}).get("username")
    if username is None and request is not None:
        data = getattr(request, "POST", {})
        username = data.get("login") or data.get("username")
    if username is None:
        return None
    return str(username).replace("\0", "")[:AXES_USERNAME_LENGTH]


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Staff accounts are made by an administrator; nobody signs up."""
        return False

    def get_client_ip(self, request) -> str:
        return client_ip(request) or "0.0.0.0"  # noqa: S104  (a key only, never bound)

    def pre_authenticate(self, request, **credentials) -> None:
        """Refuse an address that has failed too many sign-ins, whichever usernames it tried
        (password spraying): the per-username lockout of axes does not see that."""
        limit, window = settings.PORTAL_LOGIN_FAILURES_PER_ADDRESS
        if throttle.exceeded(request, scope=LOGIN_FAILURES_SCOPE, limit=limit):
            raise forms.ValidationError(
                _("För många misslyckade inloggningar från din adress. Försök igen om en timme.")
            )
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        limit, window = settings.PORTAL_LOGIN_FAILURES_PER_ADDRESS
        throttle.allow(request, scope=LOGIN_FAILURES_SCOPE, limit=limit, window=window)


class PortalMfaAdapter(DefaultMFAAdapter):
    pass
