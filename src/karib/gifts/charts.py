"""The register's chart: gift totals per recipient, one stacked bar each, a segment per quarter;
geometry here, drawn by `gifts/_recipient_chart.html`, with a table of the same figures."""

from __future__ import annotations

from dataclasses import dataclass

from .formatting import idr
from .selectors import RecipientQuarters

ROW_HEIGHT, BAR_HEIGHT, LABEL_WIDTH, WIDTH = 34, 14, 0, 360
#: Shades of the quarter segments (a legend names each; the table carries every figure).
SHADES = ("#9a3412", "#c2410c", "#ea580c", "#fb923c", "#fdba74", "#fed7aa", "#7c2d12", "#431407")


@dataclass(frozen=True)
class Segment:
    quarter: str
    value: int
    text: str
    x: float
    width: float
    shade: str


@dataclass(frozen=True)
class RecipientBar:
    label: str
    total_text: str
    y: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class RecipientChart:
    quarters: tuple[tuple[str, str], ...]  # (label, shade)
    bars: tuple[RecipientBar, ...]
    width: int
    height: int
    rows: tuple[RecipientQuarters, ...]


def recipient_quarter_chart(
    quarters: list[str], recipients: list[RecipientQuarters]
) -> RecipientChart | None:
    """Stacked bars scaled to the largest recipient total; None when there is nothing."""
    if not recipients:
        return None
    largest = max(entry.total for entry in recipients) or 1
    shades = {quarter: SHADES[index % len(SHADES)] for index, quarter in enumerate(quarters)}
    bars = []
    for index, entry in enumerate(recipients):
        x = 0.0
        segments = []
        for quarter in quarters:
            value = entry.by_quarter.get(quarter, 0)
            if not value:
                continue
            width = WIDTH * value / largest
            segments.append(
                Segment(quarter, value, idr(value), round(x, 1), round(width, 1), shades[quarter])
            )
            x += width
        bars.append(
            RecipientBar(
                label=entry.label,
                total_text=idr(entry.total),
                y=index * ROW_HEIGHT,
                segments=tuple(segments),
            )
        )
    return RecipientChart(
        quarters=tuple((quarter, shades[quarter]) for quarter in quarters),
        bars=tuple(bars),
        width=WIDTH,
        height=len(recipients) * ROW_HEIGHT,
        rows=tuple(recipients),
    )
