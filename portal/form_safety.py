"""No control character reaches a query or a stored text through a form (issue 20).

NUL makes PostgreSQL refuse the whole statement (a server error where SQLite stores it), and the
other C0/C1 control characters are invisible in a page and break exports and e-mail headers.
``install()`` (from ``PromisesConfig.ready()``) wraps ``BaseForm.full_clean`` once, so every form
of the portal, allauth's and the admin's alike, refuses them at the field: tab, line feed and
carriage return are allowed in text areas only. The field is not cleaned at all (its value never
reaches a query, a ``clean_<field>`` method or a model); the form shows the text again without
the characters, with a message next to the field, so nothing typed is lost.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.forms.forms import BaseForm
from django.utils.translation import gettext_lazy as _

# Unicode category Cc: U+0000–U+001F and U+007F–U+009F.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The same without tab, line feed and carriage return (a text area's line breaks).
CONTROL_IN_TEXTAREA = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_MISSING = object()
MESSAGE = _(
    "Fältet innehöll osynliga styrtecken (till exempel från en kopierad text). De är borttagna: "
    "kontrollera texten och skicka igen."
)


def _pattern(field: forms.Field) -> re.Pattern:
    return CONTROL_IN_TEXTAREA if isinstance(field.widget, forms.Textarea) else CONTROL


def has_control_characters(value, pattern: re.Pattern) -> bool:
    if isinstance(value, str):
        return pattern.search(value) is not None
    if isinstance(value, list | tuple):
        return any(has_control_characters(v, pattern) for v in value)
    return False  # None, an uploaded file, ...


def _without(value, pattern: re.Pattern):
    if isinstance(value, str):
        return pattern.sub("", value)
    return value


def refused_fields(form: BaseForm) -> dict[str, forms.Field]:
    """The bound form's fields whose posted value holds a control character."""
    found = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        if isinstance(value, UploadedFile):
            continue
        if has_control_characters(value, _pattern(field)):
            found[name] = field
    return found


def _data_without_control_characters(form: BaseForm, refused: dict[str, forms.Field]):
    """A copy of the posted data with the refused fields' characters removed, to show again."""
    data = form.data.copy()
    for name, field in refused.items():
        pattern = _pattern(field)
        for key in list(data.keys()):
            if key == form.add_prefix(name) or key.startswith(form.add_prefix(name) + "_"):
                values = data.getlist(key) if hasattr(data, "getlist") else [data[key]]
                cleaned = [_without(v, pattern) for v in values]
                if hasattr(data, "setlist"):
                    data.setlist(key, cleaned)
                else:
                    data[key] = cleaned[0] if len(cleaned) == 1 else cleaned
    return data


def refuse_control_characters(full_clean):
    def wrapped(self) -> None:
        refused = refused_fields(self) if self.is_bound else {}
        if not refused:
            return full_clean(self)
        # A disabled field is cleaned from its initial value, never from what was posted.
        for field in refused.values():
            field.disabled = True
        try:
            full_clean(self)
        finally:
            for field in refused.values():
                field.disabled = False
        self.data = _data_without_control_characters(self, refused)
        cleaned = getattr(self, "cleaned_data", {})
        for name in refused:
            self._errors.pop(name, None)  # e.g. "required", from the initial value: not the point
            kept = cleaned.get(name, _MISSING)
            self.add_error(name, ValidationError(MESSAGE, code="control_characters"))
            if kept is not _MISSING:
                # What the field was cleaned to from its initial value (a formset's management
                # form counts: 0) stays for code that reads an invalid form's data.
                self.cleaned_data[name] = kept

    wrapped.refuses_control_characters = True
    return wrapped


def install() -> None:
    if not getattr(BaseForm.full_clean, "refuses_control_characters", False):
        BaseForm.full_clean = refuse_control_characters(BaseForm.full_clean)
