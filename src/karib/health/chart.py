"""The trend chart: server-rendered SVG geometry for a health history (a step line over the
three bands, month labels on the date axis). The template draws it and adds a table with the
same figures as its text equivalent."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format

from .scoring import DEFAULT_POLICY, Policy

WIDTH, HEIGHT = 320, 150
LEFT, RIGHT, TOP, BOTTOM = 24, 8, 8, 22
MAX_TICKS = 4
BAND_FILLS = {"healthy": "#dcfce7", "attention": "#fef3c7", "at_risk": "#fee2e2"}


@dataclass(frozen=True)
class Tick:
    x: float
    label: str

    @property
    def anchor(self) -> str:
        """Labels at the edges grow inwards, so they are not cut off."""
        if self.x < LEFT + 16:
            return "start"
        if self.x > WIDTH - RIGHT - 16:
            return "end"
        return "middle"


@dataclass(frozen=True)
class Band:
    y: float
    height: float
    band: str

    @property
    def fill(self) -> str:
        return BAND_FILLS[self.band]


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
    inner_width: int


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
        Band(y=round(_y(100), 1), height=round(_y(healthy) - _y(100), 1), band="healthy"),
        Band(
            y=round(_y(healthy), 1), height=round(_y(attention) - _y(healthy), 1), band="attention"
        ),
        Band(y=round(_y(attention), 1), height=round(_y(0) - _y(attention), 1), band="at_risk"),
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
        inner_width=inner,
    )


def monthly_table(
    points: Sequence[tuple[datetime.date, int, str]], limit: int = 36
) -> list[tuple[datetime.date, int, str]]:
    """The chart's text equivalent: the figure in force on the first of each month (the latest
    `limit` months), then today's."""
    if not points:
        return []
    rows = []
    for month in _all_months(points):
        in_force = [p for p in points if p[0] <= month]
        if in_force:
            rows.append((month, in_force[-1][1], in_force[-1][2]))
    rows = rows[-limit:]
    if not rows or rows[-1][0] != points[-1][0]:
        rows.append(points[-1])
    return rows


def _all_months(points: Sequence[tuple[datetime.date, int, str]]) -> list[datetime.date]:
    first, last = points[0][0], points[-1][0]
    months = [first]
    cursor = datetime.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    while cursor <= last:
        months.append(cursor)
        cursor = datetime.date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
    return months
