import time

from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from promises.public_text import validate_public_text
from promises.validators import LineBreakTextField

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


class NarrativesForm(forms.Form):
    """Staff's narrative for each promise of a year's follow-up, one text field per promise."""

    MAX_LENGTH = 5000

    def __init__(self, *args, promises, **kwargs):
        super().__init__(*args, **kwargs)
        self.promises = list(promises)
        for promise in self.promises:
            existing = getattr(promise, "narrative", None)
            self.fields[self.field_name(promise)] = LineBreakTextField(
                label=promise.title,
                required=False,
                max_length=self.MAX_LENGTH,
                # Published with the approved report: the same guard as every public text.
                validators=[validate_public_text],
                initial=existing.text if existing else "",
                # A live count instead of the browser's maxlength, which cut text off silently.
                widget=forms.Textarea(attrs={"rows": 6, "data-max-chars": self.MAX_LENGTH}),
                help_text=_(
                    "Vad som gjordes, vad som fungerade, varför ett mål inte nåddes och vad som "
                    "händer nu. Skriv för allmänheten: inga namn eller kontaktuppgifter."
                ),
            )
            self.fields[self.field_name(promise)].widget.attrs.pop("maxlength", None)

    @staticmethod
    def field_name(promise) -> str:
        return f"narrative_{promise.kind}"

    def texts(self) -> list[tuple]:
        return [(p, self.cleaned_data[self.field_name(p)]) for p in self.promises]


class SignOffForm(forms.Form):
    """What the approver confirms when signing off a year: for each promise without a
    narrative, the explicit choice "Ingen kommentar" (without it the sign-off is refused)."""

    def __init__(self, *args, promises, **kwargs):
        super().__init__(*args, **kwargs)
        self.promises = list(promises)
        for promise in self.without_narrative:
            self.fields[self.field_name(promise)] = forms.BooleanField(
                label=_("Ingen kommentar om ”%(title)s”") % {"title": promise.title},
                help_text=_(
                    "Löftet har ingen berättelse. Kryssa i för att publicera det utan, eller be "
                    "en kommunpolis skriva en först."
                ),
                required=True,
                error_messages={
                    "required": _(
                        "Kryssa i ”Ingen kommentar” för ”%(title)s”, eller skriv en berättelse "
                        "först."
                    )
                    % {"title": promise.title}
                },
            )

    @property
    def without_narrative(self) -> list:
        return [p for p in self.promises if not getattr(getattr(p, "narrative", None), "text", "")]

    @staticmethod
    def field_name(promise) -> str:
        return f"no_comment_{promise.kind}"

    def no_comment(self) -> list[str]:
        return [p.kind for p in self.without_narrative if self.cleaned_data.get(self.field_name(p))]
