"""Forms of the staff pages of the core."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.public_text import validate_public_text
from portal.validators import LineBreakTextField
from promises.models import PromiseNarrative


class AreaChooseForm(forms.Form):
    """The area a member of staff switches to (the header's switcher): a slug, nothing else
    reaches the query."""

    area = forms.SlugField(max_length=50)


class NarrativeField(LineBreakTextField):
    """A narrative: published with the approved report, so the public-text guard checks it,
    once it is within its length (a text too long gets that one message, not two)."""

    def run_validators(self, value):
        super().run_validators(value)
        if value not in self.empty_values:
            validate_public_text(value)


class NarrativesForm(forms.Form):
    """Staff's narrative for each promise of a year's follow-up, one text field per promise."""

    MAX_LENGTH = PromiseNarrative._meta.get_field("text").max_length

    def __init__(self, *args, promises, **kwargs):
        super().__init__(*args, **kwargs)
        self.promises = list(promises)
        for promise in self.promises:
            existing = getattr(promise, "narrative", None)
            self.fields[self.field_name(promise)] = NarrativeField(
                label=promise.title,
                required=False,
                max_length=self.MAX_LENGTH,
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
