"""The weekend promise's template tags: geometry for its server-rendered SVG charts (no
JavaScript), the public strip of the year's weekends and the officers' evening grid, and an
evening's state in words. Presentation only: the figures come
from the tracker and the year view; these helpers turn them into coordinates."""

from collections import Counter

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

STRIP_HEIGHT = 40
STATE_HEIGHTS = {"full": 40, "partly": 20, "none": 3, "upcoming": 40}


@register.simple_tag
def weekend_strip(weekends: list[dict]) -> dict:
    """One column per weekend of the year: full, half, a baseline, or an outline if to come."""
    columns = [
        {
            "x": index * 10 + 1,
            "y": STRIP_HEIGHT - STATE_HEIGHTS[w["state"]] + 2,
            "height": STATE_HEIGHTS[w["state"]],
            "state": w["state"],
            "friday": w["friday"],
        }
        for index, w in enumerate(weekends)
    ]
    counts = Counter(w["state"] for w in weekends)
    return {"columns": columns, "width": len(weekends) * 10 + 2, "counts": counts}


@register.simple_tag
def evening_grid(rows) -> dict:
    """Two rows of squares, Friday over Saturday, one column per weekend (the live year view)."""
    cells = []
    counts: Counter = Counter()
    for index, row in enumerate(rows):
        for line, state in enumerate((row.friday_state, row.saturday_state)):
            cells.append({"x": index * 10 + 1, "y": line * 10 + 1, "state": str(state)})
            counts[str(state)] += 1
    return {"cells": cells, "width": len(rows) * 10 + 2, "counts": counts}


# The weekend year view: each evening's state in words, with a symbol that only repeats it.
EVENING_LABELS = {
    "covered": ("✓", _("Täckt"), "evening-covered"),
    "planned": ("◷", _("Planerat"), "evening-planned"),
    "missing": ("✕", _("Saknas"), "evening-missing"),
    "upcoming": ("·", _("Kommer"), "evening-upcoming"),
}


@register.inclusion_tag("weekend_ops/_evening_state.html")
def evening_state(state: str):
    icon, label, css = EVENING_LABELS[str(state)]
    return {"icon": icon, "label": label, "css": css}
