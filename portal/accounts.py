"""Staff sign-in through django-allauth: no public sign-up, one client-address rule (trusted
proxies), limits on failed sign-ins and failed second-factor codes, and second-factor secrets
encrypted at rest. Who must set up a second factor is the domain's rule:
``settings.PORTAL_MFA_REQUIRED_FOR`` names it."""

import ipaddress
import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from axes.handlers.proxy import AxesProxyHandler
from django import forms
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext_lazy as _
from fido2.webauthn import RegistrationResponse

from portal import mail_queue, mfa_secrets, throttle
from portal.client_ip import client_ip

logger = logging.getLogger(__name__)

# django-axes keeps usernames in a 255-character column.
AXES_USERNAME_LENGTH = 255
LOGIN_FAILURES_SCOPE = "login-failures"
LOGIN_FAILURES_USER_SCOPE = "login-failures-user"
MFA_FAILURES_SCOPE = "mfa-failures"


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


def _address_and_username(request, credentials: dict) -> str:
    username = str(credentials.get("username") or credentials.get("email") or "").lower()
    return f"{client_ip(request)}\n{username}"


class PortalAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """Staff accounts are made by an administrator; nobody signs up."""
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mail (password reset, address verification, notices) goes through the
        durable queue like all mail of the portal: rendered now, in the request's language, and
        sent by the worker, so a request never waits for (or fails with) the mail server."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)}
            | context,
        )
        mail_queue.enqueue_message(message)

    def get_client_ip(self, request) -> str:
        return client_ip(request) or "0.0.0.0"  # noqa: S104  (a key only, never bound)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """allauth's per-key limit of failed passwords ("5/5m/key") counts per username *and
        address*: per username alone, anyone who knows an officer's username could keep them
        out from everywhere. The second-factor step keeps allauth's key per account
        (``mfa-auth-user-<id>``): only someone who knows the password reaches it."""
        return (
            f"{super()._get_login_attempts_cache_key(request, **credentials)}:{client_ip(request)}"
        )

    def pre_authenticate(self, request, **credentials) -> None:
        """Password spraying: once an address has failed ``PORTAL_LOGIN_FAILURES_PER_ADDRESS``
        sign-ins in the hour, whichever usernames it tried, a username that has itself failed
        from that address is refused for the rest of the hour. Colleagues behind the same
        address (an office's NAT) who type their password right still get in (README). A username
        that axes has locked out from this address gets axes' lockout page first."""
        if settings.AXES_ENABLED and AxesProxyHandler.is_locked(request, credentials):
            # axes' lockout (username + address) answers first, with its own page (429), even
            # though allauth's per-key limit would refuse the same attempt with a form error.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            raise forms.ValidationError(_("Inloggningen är tillfälligt spärrad"))
        limit, _window = settings.PORTAL_LOGIN_FAILURES_PER_ADDRESS
        if throttle.exceeded(request, scope=LOGIN_FAILURES_SCOPE, limit=limit) and throttle.used(
            scope=LOGIN_FAILURES_USER_SCOPE, identity=_address_and_username(request, credentials)
        ):
            raise forms.ValidationError(
                _("För många misslyckade inloggningar från din adress. Försök igen om en timme.")
            )
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        super().authentication_failed(request, **credentials)
        limit, window = settings.PORTAL_LOGIN_FAILURES_PER_ADDRESS
        throttle.allow(request, scope=LOGIN_FAILURES_SCOPE, limit=limit, window=window)
        throttle.count(
            scope=LOGIN_FAILURES_USER_SCOPE,
            identity=_address_and_username(request, credentials),
            limit=limit,
            window=window,
        )


class PortalMfaAdapter(DefaultMFAAdapter):
    """Second-factor secrets are stored encrypted with ``PORTAL_MFA_KEY`` (portal.mfa_secrets)."""

    def encrypt(self, text: str) -> str:
        return mfa_secrets.encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return mfa_secrets.decrypt_secret(encrypted_text)


class SecondFactorLimitMixin:
    """The code step of a sign-in (TOTP or recovery code): besides allauth's sliding limit per
    account (``ACCOUNT_RATE_LIMITS["login_failed"]``, its ``key`` part), the account is refused
    for the rest of the window once it has failed ``PORTAL_MFA_FAILURES_PER_USER`` codes, from
    whatever addresses. Every failure is logged with the account's id, never the code."""

    step = "authenticate"

    def clean_code(self) -> str:
        limit, window = settings.PORTAL_MFA_FAILURES_PER_USER
        identity = str(self.user.pk)
        if throttle.used(scope=MFA_FAILURES_SCOPE, identity=identity) >= limit:
            logger.warning(
                "second factor refused: account locked",
                extra={"user_id": self.user.pk, "step": self.step},
            )
            raise forms.ValidationError(
                _(
                    "För många felaktiga koder för det här kontot. Försök igen om en timme, "
                    "eller be en administratör om hjälp."
                ),
                code="too_many_codes",
            )
        try:
            return super().clean_code()
        except forms.ValidationError as error:
            throttle.count(scope=MFA_FAILURES_SCOPE, identity=identity, limit=limit, window=window)
            logger.warning(
                "second factor refused",
                extra={
                    "user_id": self.user.pk,
                    "step": self.step,
                    "reason": ",".join(sorted({e.code or "invalid" for e in error.error_list})),
                    "failures": throttle.used(scope=MFA_FAILURES_SCOPE, identity=identity),
                },
            )
            raise


class SecondFactorForm(SecondFactorLimitMixin, AuthenticateForm):
    step = "authenticate"


class SecondFactorReauthenticateForm(SecondFactorLimitMixin, ReauthenticateForm):
    step = "reauthenticate"


PASSKEY_NAME_LABEL = _("Namn på nyckeln")
PASSKEY_NAME_HELP = _(
    "Till exempel ”Telefonen” eller ”Nyckel i plånboken”, så att du känner igen den."
)


class PasskeyAddForm(AddWebAuthnForm):
    """allauth's form for adding a passkey checks the posted credential only when it is truthy
    (65.22): ``credential=0`` or ``{}`` was stored as a passkey, after which every passkey page
    of the account answered 500. Only a complete registration response passes here; the rest is
    a form error (docs/upstream.md, for a report to allauth)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = PASSKEY_NAME_LABEL
        self.fields["name"].help_text = PASSKEY_NAME_HELP

    def clean_credential(self):
        credential = self.cleaned_data.get("credential")
        try:
            if not isinstance(credential, dict) or not credential:
                raise TypeError("not a registration response")
            RegistrationResponse.from_dict(credential)
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            raise forms.ValidationError(
                _(
                    "Säkerhetsnyckeln kunde inte läggas till: webbläsaren skickade inget svar från "
                    "nyckeln. Försök igen och följ webbläsarens anvisningar."
                ),
                code="not_a_registration",
            ) from error
        return credential


class PasskeyEditForm(EditWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = PASSKEY_NAME_LABEL
        self.fields["name"].help_text = PASSKEY_NAME_HELP


def passkeys_possible(*, secure: bool, host: str) -> bool:
    """Whether a browser lets this address create and use passkeys (WebAuthn): the relying
    party is a domain name (never an IP address), reached over HTTPS, or ``localhost`` (which
    browsers treat as secure over plain HTTP). ``host`` without its port."""
    name = host.strip("[]").rstrip(".").lower()
    try:
        ipaddress.ip_address(name)
    except ValueError:
        pass
    else:
        return False  # an address like 127.0.0.1 cannot be a WebAuthn relying party
    if name == "localhost" or name.endswith(".localhost"):
        return True
    return secure and "." in name
