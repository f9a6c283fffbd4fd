"""The trend chart: server-rendered SVG geometry for a health history (a step line over the
three bands, month labels on the date axis). The template draws it and adds a table with the
same figures as its text equivalent."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format

from .scoring import DEFAULT_POLICY, Policy

WIDTH, HEIGHT = 640, 180
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 10, 26
MAX_TICKS = 7


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Band:
    y: float
    height: float
    band: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    path: str
    points: list[tuple[float, float]]
    ticks: list[Tick]
    bands: list[Band]
    y_ticks: list[tuple[float, int]]
    left: int
    right: float
    bottom: float


def _y(score: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - score / 100)


def _month_starts(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months = []
    cursor = datetime.date(first.year, first.month, 1)
    while cursor <= last:
        if cursor >= first:
            months.append(cursor)
        cursor = datetime.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    step = max(1, -(-len(months) // MAX_TICKS))
    return months[::step]


def build_chart(
    points: Sequence[tuple[datetime.date, int]], policy: Policy = DEFAULT_POLICY
) -> Chart | None:
    """Geometry of a step chart of (day, score); None with fewer than two points."""
    if len(points) < 2:
        return None
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)
    inner = WIDTH - LEFT - RIGHT

    def x(day: datetime.date) -> float:
        return round(LEFT + inner * (day - first).days / span, 1)

    coordinates: list[tuple[float, float]] = []
    for index, (day, score) in enumerate(points):
        if index:
            coordinates.append((x(day), coordinates[-1][1]))  # step: hold until the change
        coordinates.append((x(day), round(_y(score), 1)))
    path = "M" + " L".join(f"{px},{py}" for px, py in coordinates)
    bands_rules = policy["bands"]
    healthy, attention = bands_rules["healthy_from"], bands_rules["attention_from"]
    bands = [
        Band(y=_y(100), height=_y(healthy) - _y(100), band="healthy"),
        Band(y=_y(healthy), height=_y(attention) - _y(healthy), band="attention"),
        Band(y=_y(attention), height=_y(0) - _y(attention), band="at_risk"),
    ]
    ticks = [Tick(x=x(day), label=date_format(day, "M Y")) for day in _month_starts(first, last)]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        path=path,
        points=coordinates,
        ticks=ticks,
        bands=bands,
        y_ticks=[(round(_y(v), 1), v) for v in (0, attention, healthy, 100)],
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=HEIGHT - BOTTOM,
    )
