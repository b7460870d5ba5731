"""How the dialogue's figures read: a suppressed cell in words, a mean with one decimal, and
the server-rendered SVG bars (no script, no inline style: classes and presentation
attributes only)."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

BAR_WIDTH = 300


@register.filter
def figure(cell: dict, threshold: int = 5) -> str:
    """A published count, or why it is not shown."""
    if cell.get("suppressed") == "fewer_than_threshold":
        return _("färre än %(n)s svar") % {"n": threshold}
    if cell.get("suppressed"):
        return _("visas inte")
    return str(cell["count"])


@register.filter
def mean(value) -> str:
    if value is None:
        return _("visas inte")
    return number_format(value, 1)


@register.filter
def signed(value) -> str:
    """A change with its sign: "+0,3", "−0,2", "±0"."""
    if value is None:
        return "–"
    if value == 0:
        return "±0"
    return ("+" if value > 0 else "−") + number_format(abs(value), 1)


@register.simple_tag
def bars(rows: list[dict], *, label_key: str = "label") -> dict:
    """Horizontal bars for a distribution: one per row, hidden cells drawn as none."""
    largest = max([r["count"] or 0 for r in rows] + [1])
    height = 28
    return {
        "height": height * len(rows) + 8,
        "width": BAR_WIDTH + 190,
        "rows": [
            {
                "label": r[label_key],
                "count": r["count"],
                "y": i * height + 4,
                "text_y": i * height + 22,
                "width": round(BAR_WIDTH * (r["count"] or 0) / largest),
                "value_x": 180 + round(BAR_WIDTH * (r["count"] or 0) / largest) + 6,
            }
            for i, r in enumerate(rows)
        ],
    }
