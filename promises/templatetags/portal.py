"""Presentation helpers for templates (no queries, no rules)."""

from django import template
from django.utils.translation import gettext_lazy as _

from promises.progress import Status

register = template.Library()

# Status is always shown as text; the colour only repeats it.
STATUS_CLASSES = {
    Status.ACHIEVED: "text-bg-success",
    Status.ON_TRACK: "text-bg-success",
    Status.BEHIND: "text-bg-warning",
    Status.UNREACHABLE: "text-bg-danger",
    Status.NOT_ACHIEVED: "text-bg-danger",
}
STATUS_ICONS = {
    Status.ACHIEVED: "✓",
    Status.ON_TRACK: "✓",
    Status.BEHIND: "!",
    Status.UNREACHABLE: "✕",
    Status.NOT_ACHIEVED: "✕",
}


@register.filter
def status_class(status: str) -> str:
    return STATUS_CLASSES.get(Status(status), "text-bg-secondary")


@register.filter
def status_icon(status: str) -> str:
    return STATUS_ICONS.get(Status(status), "")


@register.filter
def status_label(status: str) -> str:
    return Status(status).label


# The weekend year view: each evening's state in words, with a symbol that only repeats it.
EVENING_LABELS = {
    "covered": ("✓", _("Täckt"), "evening-covered"),
    "planned": ("◷", _("Planerat"), "evening-planned"),
    "missing": ("✕", _("Saknas"), "evening-missing"),
    "upcoming": ("·", _("Kommer"), "evening-upcoming"),
}


@register.inclusion_tag("includes/_evening_state.html")
def evening_state(state: str):
    icon, label, css = EVENING_LABELS[str(state)]
    return {"icon": icon, "label": label, "css": css}


# django-simple-history names its record types in English only ("Created", "Changed").
HISTORY_TYPES = {"+": _("Skapat"), "~": _("Ändrat"), "-": _("Borttaget")}


@register.filter
def history_type(record) -> str:
    """A history record's kind in the interface's language."""
    return str(HISTORY_TYPES.get(getattr(record, "history_type", ""), ""))
