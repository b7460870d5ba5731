"""Geometry for server-rendered SVG charts (no JavaScript). Presentation only: the figures
come from the trackers; these helpers turn them into coordinates."""

from collections import Counter

from django import template

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
def district_bars(table, *keys: str) -> dict:
    """Horizontal bars, one group per district, one bar per column named in ``keys``."""
    indexes = [i for i, c in enumerate(table.columns) if c["key"] in keys]
    series = [table.columns[i] for i in indexes]
    # Districts with nothing in these series are left out (the table names them).
    rows = [r for r in table.active_rows if any(r["values"][i] for i in indexes)]
    largest = max([row["values"][i] for row in rows for i in indexes] + [1])
    # Narrow enough that a 375 px phone shows the labels at about their own size.
    bar, gap, label_width, chart_width = 14, 8, 115, 170
    groups = []
    y = 0
    for row in rows:
        bars = []
        for n, i in enumerate(indexes):
            value = row["values"][i]
            bars.append(
                {
                    "y": y + n * bar,
                    "width": round(chart_width * value / largest, 1),
                    "value": value,
                    "series": n,
                    "text_x": label_width + round(chart_width * value / largest, 1) + 4,
                    "text_y": y + n * bar + 11,
                }
            )
        groups.append(
            {
                "district": row.get("label", row["district"]),
                "y": y,
                "label_y": y + bar + 1,
                "bars": bars,
            }
        )
        y += bar * len(indexes) + gap
    return {
        "groups": groups,
        "series": series,
        "height": y,
        "label_width": label_width,
        "width": label_width + chart_width + 36,
    }


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
