"""How the dialogue's figures read: a suppressed cell in words, a mean with one decimal, and
the server-rendered SVG bars (no script, no inline style: classes and presentation
attributes only)."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()

BAR_WIDTH = 320


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
    """Horizontal bars for a distribution: each row's label on a line of its own and its bar
    under it, so that long labels are never cut; hidden cells draw no bar."""
    largest = max([r["count"] or 0 for r in rows] + [1])
    row_height = 46
    return {
        "height": row_height * len(rows) + 4,
        "width": BAR_WIDTH + 80,
        "rows": [
            {
                "label": r[label_key],
                "count": r["count"],
                "label_y": i * row_height + 14,
                "y": i * row_height + 20,
                "text_y": i * row_height + 35,
                "width": round(BAR_WIDTH * (r["count"] or 0) / largest),
                "value_x": round(BAR_WIDTH * (r["count"] or 0) / largest) + 6,
            }
            for i, r in enumerate(rows)
        ],
    }
