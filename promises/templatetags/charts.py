"""Geometry for the district chart (server-rendered SVG, no JavaScript). Presentation only:
the figures and the columns come from the trackers; this turns them into coordinates. Charts of
one kind of promise live in its app (its own ``templatetags``)."""

from django import template

register = template.Library()


@register.simple_tag
def district_bars(table) -> dict:
    """Horizontal bars, one group per district, one bar per column its kind registered for the
    chart (``Column(chart=True)``)."""
    indexes = [i for i, c in enumerate(table.columns) if c.get("chart")]
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
