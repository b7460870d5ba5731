"""Small reusable validators for what people type into the portal's forms."""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible, and
# one of them turns the rest of a text around on the officer's screen ("Trojan Source").
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_bidi_controls(value: str) -> str:
    """``value`` without the invisible characters that reorder how the text is shown."""
    return value.translate(_BIDI_CONTROLS) if value else value


def validate_single_line(value: str) -> None:
    """Refuse control characters (line breaks, tabs, NUL, ...) in a single-line text.

    A title with a line break breaks every e-mail subject it is put in; nobody types one into a
    one-line field, so it is refused at the field rather than silently changed."""
    if value and any(unicodedata.category(char) == "Cc" for char in value):
        raise ValidationError(
            _("Skriv texten på en rad, utan radbrytningar eller andra styrtecken."),
            code="control_characters",
        )


class SingleLineFieldsMixin:
    """For every one-line text field of a form (a CharField shown as a text input, e-mail
    included): refuse control characters at the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.Textarea):
                continue
            if validate_single_line not in field.validators:
                field.validators = [validate_single_line, *field.validators]


class LineBreakTextField(forms.CharField):
    """A text area's text with its line breaks as one character each, as the live count sees
    them: browsers send a line break as CR LF, which counted twice against the limit, so a
    text the count said fitted was refused."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return super().to_python(value)
