"""Server-rendered SVG charts: geometry computed here, drawn by a template, always with a text
equivalent (a table with the same figures) next to it; drawn by `core/_bar_chart.html`.

    chart = bar_chart(title=_("Kept on time"), items=[("Q1", 75.0, "75%")], maximum=100)
    {% include "core/_bar_chart.html" with chart=chart chart_id="quarters" %}
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: nothing to show for this bar (e.g. nothing was due)
    text: str  # the figure as people read it ("75%", "Rp1.500.000")
    x: float
    y: float
    width: float
    height: float
    label_x: float


@dataclass(frozen=True)
class BarChart:
    """Vertical bars on a fixed 0..maximum scale, in a `width` by `height` viewBox."""

    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    baseline: float
    maximum: float
    gridlines: tuple[tuple[float, str], ...]


PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT = 16, 28, 36


def bar_chart(
    *,
    title: str,
    items: Sequence[tuple[str, float | None, str]],
    maximum: float | None = None,
    width: int = 360,
    height: int = 160,
    grid_labels: Sequence[tuple[float, str]] = (),
) -> BarChart:
    """Bars for `(label, value, text)` items; `maximum` fixes the scale (100 for percentages),
    else the largest value. The SVG scales to its container (a phone's width)."""
    top = maximum if maximum is not None else max((v or 0) for _, v, _ in items) or 1
    plot_height = height - PLOT_TOP - PLOT_BOTTOM
    slot = (width - PLOT_LEFT) / max(len(items), 1)
    bar_width = max(slot * 0.6, 2)
    bars = []
    for index, (label, value, text) in enumerate(items):
        bar_height = 0.0 if value is None else plot_height * min(max(value, 0), top) / top
        x = PLOT_LEFT + index * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                label=label,
                value=value,
                text=text,
                x=round(x, 1),
                y=round(PLOT_TOP + plot_height - bar_height, 1),
                width=round(bar_width, 1),
                height=round(bar_height, 1),
                label_x=round(x + bar_width / 2, 1),
            )
        )
    gridlines = tuple(
        (round(PLOT_TOP + plot_height - plot_height * value / top, 1), text)
        for value, text in grid_labels
    )
    return BarChart(
        title=title,
        bars=tuple(bars),
        width=width,
        height=height,
        baseline=PLOT_TOP + plot_height,
        maximum=top,
        gridlines=gridlines,
    )
