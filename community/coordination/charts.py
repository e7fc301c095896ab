"""Drawing bar charts for the coordinators' dashboard: pure geometry, no database.

A chart is a list of labelled counts. ``column_chart`` stands them up side by
side (months, the 1–5 scores); ``bar_chart`` lays them down one under another,
for long labels such as event titles. Both return positions in SVG user units
and the round axis steps (``nice_ticks``); the template
(templates/community/admin/chart.html) draws them, gives each bar a <title>
with its full label and puts the same numbers in a table, so nobody has to
read the drawing. Labels stay plain text here: the template escapes them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Sizes in SVG units, about the pixels the dashboard's half-width panels give
# them, so the 12–13px labels stay that size on screen.
# Column charts: the plot sits between the tick labels on the left and the bar
# labels (two short lines) underneath.
COLUMN_WIDTH, COLUMN_HEIGHT = 460, 240
COLUMN_MARGIN = {"left": 36, "right": 6, "top": 22, "bottom": 46}
COLUMN_LABEL_CHARS = 9
# Bar charts: one row per item, its label (and second line) above its bar.
BAR_WIDTH = 460
BAR_ROW = 46
BAR_MARGIN = {"left": 8, "right": 40, "top": 4, "bottom": 28}
BAR_LABEL_CHARS = 34


@dataclass(frozen=True)
class Point:
    """One labelled count: ``label`` is the full text (the table, the <title>);
    ``short`` what fits under a column (default: ``label``, truncated); ``sub``
    an optional second line (the year under January)."""

    label: str
    value: int
    short: str = ""
    sub: str = ""
    note: str = ""  # said in words next to the label, e.g. "upcoming"


@dataclass(frozen=True)
class Tick:
    """A step on the value axis: its grid line and where its number goes."""

    value: int
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Bar:
    label: str  # full label
    short: str  # what the drawing shows
    sub: str
    note: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    sub_y: float  # the second line of the label, when there is one
    value_x: float
    value_y: float


@dataclass(frozen=True)
class Chart:
    kind: str  # "columns" or "bars"
    width: int
    height: int
    left: float  # the plot area
    top: float
    right: float
    bottom: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)

    @property
    def highest(self) -> Bar | None:
        """The first of the largest bars, None when all are 0."""
        best = max(self.bars, key=lambda bar: bar.value, default=None)
        return best if best is not None and best.value > 0 else None

    @property
    def is_empty(self) -> bool:
        """Nothing to draw: no items at all."""
        return not self.bars

    @property
    def all_zero(self) -> bool:
        return bool(self.bars) and self.highest is None


def truncate(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, ending in "…" when it was longer."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 1)].rstrip() + "…"


def nice_ticks(maximum: float, *, steps: int = 5) -> list[int]:
    """Axis ticks from 0 to at least ``maximum`` in round whole steps (1, 2 or 5
    times a power of ten), about ``steps`` of them. An empty axis (``maximum``
    0) still reaches 1, so it has a scale to draw."""
    if maximum <= 0:
        return [0, 1]
    raw = maximum / steps
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, round(step))  # counts: no half people
    top = math.ceil(maximum / step) * step
    return list(range(0, top + 1, step))


def column_chart(
    points: Sequence[Point],
    *,
    width: int = COLUMN_WIDTH,
    height: int = COLUMN_HEIGHT,
    label_chars: int = COLUMN_LABEL_CHARS,
) -> Chart:
    """Upright columns, left to right in the order given; negative values
    count as 0."""
    margin = COLUMN_MARGIN
    left, top = margin["left"], margin["top"]
    right, bottom = width - margin["right"], height - margin["bottom"]
    values = [max(int(point.value), 0) for point in points]
    ticks = nice_ticks(max(values, default=0))
    scale = (bottom - top) / ticks[-1]
    slot = (right - left) / max(len(points), 1)
    bar_width = min(slot * 0.64, 56)
    bars = []
    for number, (point, value) in enumerate(zip(points, values, strict=True)):
        bar_height = value * scale
        x = left + number * slot + (slot - bar_width) / 2
        centre = x + bar_width / 2
        bars.append(
            Bar(
                label=point.label,
                short=truncate(point.short or point.label, label_chars),
                sub=point.sub,
                note=point.note,
                value=value,
                x=round(x, 1),
                y=round(bottom - bar_height, 1),
                width=round(bar_width, 1),
                height=round(bar_height, 1),
                label_x=round(centre, 1),
                label_y=bottom + 18,
                sub_y=bottom + 34,
                value_x=round(centre, 1),
                value_y=round(bottom - bar_height - 6, 1),
            )
        )
    return Chart(
        kind="columns",
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        bars=tuple(bars),
        ticks=tuple(
            Tick(tick, left, y, right, y, left - 8, y + 4)
            for tick in ticks
            for y in [round(bottom - tick * scale, 1)]
        ),
    )


def bar_chart(
    points: Sequence[Point],
    *,
    width: int = BAR_WIDTH,
    row: int = BAR_ROW,
    label_chars: int = BAR_LABEL_CHARS,
) -> Chart:
    """Lying bars, top to bottom in the order given, each under its label (the
    second line, ``sub``, follows on the same line, smaller); the drawing grows
    with the number of rows. Negative values count as 0."""
    margin = BAR_MARGIN
    left, top, right = margin["left"], margin["top"], width - margin["right"]
    bottom = top + row * len(points)
    height = bottom + margin["bottom"]
    values = [max(int(point.value), 0) for point in points]
    ticks = nice_ticks(max(values, default=0))
    scale = (right - left) / ticks[-1]
    thickness = round(row * 0.36, 1)
    bars = []
    for number, (point, value) in enumerate(zip(points, values, strict=True)):
        row_top = top + number * row
        label_y = row_top + 14
        y = label_y + 6
        length = value * scale
        bars.append(
            Bar(
                label=point.label,
                short=truncate(point.short or point.label, label_chars),
                sub=point.sub,
                note=point.note,
                value=value,
                x=left,
                y=round(y, 1),
                width=round(length, 1),
                height=thickness,
                label_x=left + 4,
                label_y=round(label_y, 1),
                sub_y=round(label_y, 1),
                value_x=round(left + length + 6, 1),
                value_y=round(y + thickness / 2 + 4.5, 1),
            )
        )
    return Chart(
        kind="bars",
        width=width,
        height=height,
        left=left,
        top=top,
        right=right,
        bottom=bottom,
        bars=tuple(bars),
        ticks=tuple(
            Tick(tick, x, top, x, bottom, x, bottom + 18)
            for tick in ticks
            for x in [round(left + tick * scale, 1)]
        ),
    )
