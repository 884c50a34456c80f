"""Bar-chart geometry for the picture of the result set, drawn as inline SVG.

Server-rendered so it works without JavaScript and under a CSP without inline
styles: the template writes rectangles and text with plain SVG attributes and
``style.css`` colours them by class. Bars are links that filter on their value;
the same data is in a table beside each chart (the text alternative, and the
keyboard route to the same links).
"""

from __future__ import annotations

import math

WIDTH = 260
ROW = 30           # one horizontal bar: its label above, the bar below
LABEL_CHARS = 40   # a label longer than this is cut (the table and the tooltip have it whole)
COUNT_ROOM = 30    # room for the count right of the longest bar
COLUMN_HEIGHT = 96
AXIS = 18


def _truncate(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def horizontal(bars: list[dict]) -> dict:
    """Rows of labelled bars (regions, programme areas), in the order given; each
    label gets the whole width above its bar, so long programme names stay legible.

    >>> chart = horizontal([{"label": "Stockholm", "count": 4}, {"label": "Västsverige",
    ...                                                         "count": 2}])
    >>> [(b["y"], b["width"]) for b in chart["bars"]], chart["height"]
    ([(15, 230.0), (45, 115.0)], 60)
    """
    top = max((b["count"] for b in bars), default=0) or 1
    span = WIDTH - COUNT_ROOM
    out = []
    for row, bar in enumerate(bars):
        width = max(round(span * bar["count"] / top, 1), 1.0)
        y = row * ROW
        out.append({**bar, "x": 0, "y": y + 15, "width": width, "height": 10,
                    "row_y": y, "text_y": y + 11, "count_y": y + 24,
                    "short_label": _truncate(bar["label"]), "count_x": width + 4})
    return {"kind": "horizontal", "width": WIDTH, "height": max(ROW, ROW * len(bars)),
            "bars": out}


def vertical(bars: list[dict]) -> dict:
    """Columns over a time axis (start years), every few years labelled.

    >>> chart = vertical([{"label": "2008", "count": 2}, {"label": "2009", "count": 1}])
    >>> [(b["height"], b["axis_label"]) for b in chart["bars"]]
    [(80.0, '2008'), (40.0, '2009')]
    """
    top = max((b["count"] for b in bars), default=0) or 1
    slot = WIDTH / max(1, len(bars))
    every = max(1, math.ceil(len(bars) / 7))
    plot = COLUMN_HEIGHT - 16  # room for a count above the tallest column
    out = []
    for index, bar in enumerate(bars):
        height = round(plot * bar["count"] / top, 1)
        x = round(index * slot + slot * 0.12, 1)
        out.append({**bar, "x": x, "width": round(slot * 0.76, 1),
                    "y": round(COLUMN_HEIGHT - height, 1), "height": height,
                    "centre": round(index * slot + slot / 2, 1),
                    "axis_label": bar["label"] if index % every == 0 else "",
                    "show_count": bool(bar["count"]) and len(bars) <= 16,
                    "count_y": round(COLUMN_HEIGHT - height - 4, 1)})
    return {"kind": "vertical", "width": WIDTH, "height": COLUMN_HEIGHT + AXIS,
            "axis_y": COLUMN_HEIGHT + 13, "baseline": COLUMN_HEIGHT, "bars": out}


def chart(view: dict) -> dict:
    """Geometry for one chart view of ``SearchResult.chart_views``."""
    bars = view["bars"]
    return vertical(bars) if view["name"] == "year" else horizontal(bars)
