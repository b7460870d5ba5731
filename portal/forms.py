"""The staff sign-in forms (allauth's, with the portal's labels), named in
``settings.ACCOUNT_FORMS``."""

import time

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

# Django's username column holds 150 characters; a longer one cannot be anybody's.
USERNAME_MAX_LENGTH = 150
# A password reset answers after at least this long, with an account or without (queueing the
# mail takes some 20 ms; an unknown address nothing).
RESET_MIN_SECONDS = 0.1


class LoginForm(AllauthLoginForm):
    """The staff login form (allauth's, with the portal's labels); a too long username is
    refused at the field, before anything is authenticated or recorded."""

    def __init__(self, *args, **kwargs):
        data = kwargs.get("data")
        if data is not None and "login" not in data and "username" in data:
            # The field was called "username" before allauth: scripts and password managers
            # that still post it keep working.
            data = data.copy()
            data["login"] = data["username"]
            kwargs["data"] = data
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Användarnamn")
        login.max_length = USERNAME_MAX_LENGTH
        login.validators.append(MaxLengthValidator(USERNAME_MAX_LENGTH))
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs["autocomplete"] = "username"
        self.fields["password"].label = _("Lösenord")
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""  # the page has its own "forgot" link


class ResetPasswordForm(AllauthResetPasswordForm):
    """allauth's password reset form with the portal's label and no placeholder ("Epost-adress"
    repeated the label, spelt differently)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = _("E-postadress")
        email.widget.attrs.pop("placeholder", None)
        email.widget.attrs["autocomplete"] = "email"

    def save(self, request, **kwargs) -> str:
        """Queue the reset mail (``PortalAccountAdapter.send_mail``) when the address has an
        account, and take as long either way: the answer's time does not tell whether it has."""
        started = time.monotonic()
        try:
            return super().save(request, **kwargs)
        finally:
            time.sleep(max(0.0, RESET_MIN_SECONDS - (time.monotonic() - started)))
