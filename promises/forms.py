from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """The staff login form, rendered by crispy-forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Användarnamn")
        self.fields["password"].label = _("Lösenord")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", _("Logga in")))


class NarrativesForm(forms.Form):
    """Staff's narrative for each promise of a year's follow-up, one text field per promise."""

    MAX_LENGTH = 5000

    def __init__(self, *args, promises, **kwargs):
        super().__init__(*args, **kwargs)
        self.promises = list(promises)
        for promise in self.promises:
            existing = getattr(promise, "narrative", None)
            self.fields[self.field_name(promise)] = forms.CharField(
                label=promise.title,
                required=False,
                max_length=self.MAX_LENGTH,
                initial=existing.text if existing else "",
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=_(
                    "Vad som gjordes, vad som fungerade, varför ett mål inte nåddes och vad som "
                    "händer nu. Skriv för allmänheten: inga namn eller kontaktuppgifter."
                ),
            )

    @staticmethod
    def field_name(promise) -> str:
        return f"narrative_{promise.kind}"

    def texts(self) -> list[tuple]:
        return [(p, self.cleaned_data[self.field_name(p)]) for p in self.promises]
