"""Drawing the conversation wheel: pure geometry, no database.

Each life area is one equal slice of a circle, starting at the top and going
clockwise; a slice reaches out as far as the area matters (0–3), over a faint
full-size outline, so two wheels side by side show at a glance what fills each
life. The template (templates/components/wheel.html) adds the words: a title, a
description and a table with every area, for people who do not see the drawing.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from community.models import Importance, LifeArea

# The drawing is wider than tall: the labels sit left and right of the circle.
WIDTH, HEIGHT = 440, 330
RADIUS = 120
# Short names for the drawing; the table beside it uses the full ones.
SHORT_LABELS = {
    LifeArea.FAMILY: _("Family"),
    LifeArea.WORK: _("Work"),
    LifeArea.FRIENDS: _("Friends"),
    LifeArea.LEISURE: _("Leisure"),
    LifeArea.HOME_COUNTRY: _("Home country"),
    LifeArea.LANGUAGE: _("Languages"),
    LifeArea.HOME: _("Home life"),
    LifeArea.FOOD: _("Food"),
}


@dataclass(frozen=True)
class Slice:
    area: str
    label: str
    short_label: str
    importance: int
    importance_label: str
    note: str
    outline: str  # SVG path of the full-size slice
    filled: str  # SVG path of the part that matters ("" when 0)
    label_x: float
    label_y: float
    anchor: str  # text-anchor: start, middle or end


def _point(radius: float, angle: float) -> tuple[float, float]:
    return WIDTH / 2 + radius * math.cos(angle), HEIGHT / 2 + radius * math.sin(angle)


def _slice_path(radius: float, start: float, end: float) -> str:
    if radius <= 0:
        return ""
    x1, y1 = _point(radius, start)
    x2, y2 = _point(radius, end)
    return (
        f"M{WIDTH / 2:.1f},{HEIGHT / 2:.1f} L{x1:.1f},{y1:.1f} "
        f"A{radius:.1f},{radius:.1f} 0 0 1 {x2:.1f},{y2:.1f} Z"
    )


def wheel_slices(answers: dict[str, tuple[int, str]]) -> list[Slice]:
    """``answers`` maps a LifeArea value to (importance 0–3, note); areas not
    answered count as 0. Returns one Slice per area, in wheel order."""
    areas = list(LifeArea)
    step = 2 * math.pi / len(areas)
    outer = RADIUS
    slices = []
    for number, area in enumerate(areas):
        importance, note = answers.get(area.value, (0, ""))
        importance = min(max(int(importance), 0), Importance.MOST)
        start = -math.pi / 2 + number * step
        end = start + step
        middle = start + step / 2
        label_x, label_y = _point(outer + 10, middle)
        offset = label_x - WIDTH / 2
        anchor = "middle" if abs(offset) < 8 else ("start" if offset > 0 else "end")
        slices.append(
            Slice(
                area=area.value,
                label=str(area.label),
                short_label=str(SHORT_LABELS[area]),
                importance=importance,
                importance_label=str(Importance(importance).label),
                note=note,
                outline=_slice_path(outer, start, end),
                filled=_slice_path(outer * importance / Importance.MOST, start, end),
                label_x=round(label_x, 1),
                label_y=round(label_y + (4 if abs(offset) >= 8 else 0), 1),
                anchor=anchor,
            )
        )
    return slices


def wheel_is_filled(answers: dict[str, tuple[int, str]]) -> bool:
    return any(importance for importance, _note in answers.values())
