"""Flat, calm illustrations for the demo content, drawn with Pillow at seed time.

The demo needs pictures on activity ideas, events and the home page, but stock
photos carry licences and weight. Simple generated scenes (sky, hills, sea, a few
shapes) look deliberate, cost nothing to store and are the same on every run:
each scene is a recipe of named layers and a palette, drawn at twice the size
and scaled down so the edges are smooth.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 800
SCALE = 2  # drawn at 2x, then reduced: cheap anti-aliasing

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    sky_top: RGB
    sky_bottom: RGB
    far: RGB
    near: RGB
    accent: RGB
    light: RGB


PALETTES: dict[str, Palette] = {
    "morning": Palette(
        (196, 224, 240),
        (246, 238, 222),
        (150, 190, 160),
        (96, 150, 112),
        (236, 170, 60),
        (255, 250, 240),
    ),
    "summer": Palette(
        (120, 184, 226),
        (214, 236, 246),
        (132, 186, 120),
        (74, 140, 88),
        (246, 196, 64),
        (255, 255, 250),
    ),
    "sea": Palette(
        (150, 198, 230),
        (236, 244, 246),
        (70, 130, 170),
        (32, 86, 130),
        (244, 186, 72),
        (255, 255, 255),
    ),
    "autumn": Palette(
        (236, 206, 170),
        (248, 236, 214),
        (196, 128, 70),
        (128, 82, 50),
        (214, 90, 48),
        (255, 246, 232),
    ),
    "forest": Palette(
        (206, 226, 214),
        (240, 244, 232),
        (94, 140, 104),
        (46, 94, 70),
        (200, 80, 60),
        (250, 246, 230),
    ),
    "evening": Palette(
        (40, 52, 96),
        (120, 96, 140),
        (64, 60, 104),
        (34, 34, 66),
        (250, 196, 92),
        (255, 236, 190),
    ),
    "winter": Palette(
        (28, 44, 80),
        (84, 108, 150),
        (196, 208, 226),
        (232, 238, 246),
        (246, 178, 70),
        (255, 238, 196),
    ),
    "warm": Palette(
        (246, 226, 200),
        (252, 244, 232),
        (214, 160, 120),
        (168, 96, 72),
        (226, 112, 64),
        (255, 250, 242),
    ),
    "city": Palette(
        (188, 214, 232),
        (240, 240, 236),
        (150, 160, 176),
        (96, 108, 128),
        (226, 122, 84),
        (252, 250, 244),
    ),
}


class Canvas:
    """A drawing surface in 1200x800 coordinates, drawn at ``SCALE``."""

    def __init__(self, palette: Palette, seed: int) -> None:
        self.palette = palette
        self.random = random.Random(seed)
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE))
        self.draw = ImageDraw.Draw(self.image)

    def _xy(self, points: list[tuple[float, float]]) -> list[tuple[int, int]]:
        return [(round(x * SCALE), round(y * SCALE)) for x, y in points]

    def polygon(self, points: list[tuple[float, float]], fill: RGB) -> None:
        self.draw.polygon(self._xy(points), fill=fill)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: RGB) -> None:
        self.draw.rectangle(self._xy([(x0, y0), (x1, y1)]), fill=fill)

    def circle(self, x: float, y: float, r: float, fill: RGB) -> None:
        self.draw.ellipse(self._xy([(x - r, y - r), (x + r, y + r)]), fill=fill)

    def line(self, points: list[tuple[float, float]], fill: RGB, width: float) -> None:
        self.draw.line(self._xy(points), fill=fill, width=round(width * SCALE))

    def jpeg(self) -> bytes:
        small = self.image.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
        buffer = BytesIO()
        small.save(buffer, format="JPEG", quality=86, optimize=True)
        return buffer.getvalue()


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


# --- Layers: each draws one part of a scene --------------------------------------


def sky(c: Canvas) -> None:
    p = c.palette
    for y in range(0, HEIGHT, 4):
        c.rect(0, y, WIDTH, y + 4, mix(p.sky_top, p.sky_bottom, y / HEIGHT))


def sun(c: Canvas) -> None:
    c.circle(930, 190, 120, mix(c.palette.accent, c.palette.sky_bottom, 0.7))
    c.circle(930, 190, 80, c.palette.accent)


def moon(c: Canvas) -> None:
    c.circle(960, 160, 56, c.palette.light)
    c.circle(985, 145, 50, c.palette.sky_top)
    for _ in range(40):
        x, y = c.random.uniform(0, WIDTH), c.random.uniform(0, 380)
        c.circle(x, y, c.random.uniform(1.2, 2.6), c.palette.light)


def _ridge(c: Canvas, base: float, amp: float, waves: float, fill: RGB) -> None:
    phase = c.random.uniform(0, math.tau)
    points = [(0.0, float(HEIGHT))]
    for i in range(0, 61):
        x = WIDTH * i / 60
        wave = math.sin(x / WIDTH * math.tau * waves + phase)
        wave2 = 0.35 * math.sin(x / WIDTH * math.tau * waves * 2.3 + phase * 1.7)
        points.append((x, base - amp * (wave + wave2)))
    points.append((float(WIDTH), float(HEIGHT)))
    c.polygon(points, fill)


def hills(c: Canvas) -> None:
    p = c.palette
    _ridge(c, 520, 46, 1.2, p.far)
    _ridge(c, 620, 36, 0.8, mix(p.far, p.near, 0.55))
    _ridge(c, 710, 28, 0.6, p.near)


def sea(c: Canvas) -> None:
    p = c.palette
    c.rect(0, 500, WIDTH, HEIGHT, p.far)
    for i, y in enumerate(range(530, HEIGHT, 44)):
        shade = mix(p.far, p.near, min(1.0, i / 5))
        c.rect(0, y, WIDTH, HEIGHT, shade)
        for x in range(-40, WIDTH, 160):
            offset = (i % 2) * 80
            c.line([(x + offset, y + 14), (x + offset + 60, y + 14)], p.light, 3)
    _ridge(c, 505, 14, 0.7, mix(p.near, (40, 60, 50), 0.3))


def sailboats(c: Canvas) -> None:
    p = c.palette
    for x, y, s in [(300, 600, 1.2), (620, 560, 0.8), (780, 640, 1.0)]:
        c.polygon(
            [
                (x - 70 * s, y),
                (x + 70 * s, y),
                (x + 50 * s, y + 26 * s),
                (x - 50 * s, y + 26 * s),
            ],
            p.near,
        )
        c.polygon([(x, y - 4), (x, y - 170 * s), (x + 80 * s, y - 8)], p.light)
        c.polygon(
            [(x - 6, y - 10), (x - 6, y - 140 * s), (x - 60 * s, y - 10)],
            mix(p.light, p.accent, 0.5),
        )


def _conifer(c: Canvas, x: float, ground: float, h: float, fill: RGB) -> None:
    c.rect(x - h * 0.04, ground - h * 0.15, x + h * 0.04, ground, (92, 70, 54))
    for i in range(3):
        top = ground - h + i * h * 0.22
        width = h * (0.22 + i * 0.08)
        c.polygon(
            [(x, top), (x + width, top + h * 0.42), (x - width, top + h * 0.42)], fill
        )


def _round_tree(c: Canvas, x: float, ground: float, h: float, fill: RGB) -> None:
    c.rect(x - h * 0.05, ground - h * 0.45, x + h * 0.05, ground, (110, 82, 60))
    c.circle(x, ground - h * 0.65, h * 0.33, fill)
    c.circle(x - h * 0.18, ground - h * 0.5, h * 0.22, fill)
    c.circle(x + h * 0.2, ground - h * 0.52, h * 0.24, fill)


def forest(c: Canvas) -> None:
    p = c.palette
    for i in range(14):
        x = 40 + i * 85 + c.random.uniform(-20, 20)
        h = c.random.uniform(240, 380)
        _conifer(c, x, 720 + c.random.uniform(-10, 20), h, mix(p.near, p.far, 0.3))
    c.rect(0, 730, WIDTH, HEIGHT, p.near)


def park_trees(c: Canvas) -> None:
    p = c.palette
    for x, h in [(140, 300), (260, 220), (1040, 320), (920, 240)]:
        _round_tree(c, x, 700, h, mix(p.near, p.far, 0.2))


def mushrooms(c: Canvas) -> None:
    p = c.palette
    for x, s in [(420, 1.0), (480, 0.7), (760, 0.9)]:
        c.rect(x - 10 * s, 740 - 50 * s, x + 10 * s, 760, p.light)
        c.polygon(
            [(x - 46 * s, 700 - 20 * s), (x + 46 * s, 700 - 20 * s), (x, 650 - 40 * s)],
            p.accent,
        )
        c.circle(x - 10 * s, 690 - 30 * s, 5 * s, p.light)


def picnic(c: Canvas) -> None:
    p = c.palette
    c.polygon([(420, 690), (800, 690), (860, 780), (360, 780)], p.light)
    for x in range(420, 820, 60):
        c.polygon(
            [(x, 690), (x + 30, 690), (x + 24, 780), (x - 12, 780)],
            mix(p.light, p.accent, 0.55),
        )
    c.rect(530, 700, 640, 750, (150, 104, 64))
    c.circle(700, 730, 26, p.accent)
    c.circle(470, 740, 18, mix(p.accent, (200, 60, 60), 0.6))


def buildings(c: Canvas) -> None:
    p = c.palette
    x = 0.0
    while x < WIDTH:
        w = c.random.uniform(90, 170)
        h = c.random.uniform(180, 360)
        shade = mix(p.far, p.near, c.random.uniform(0, 1))
        c.rect(x, 720 - h, x + w - 8, 720, shade)
        roof = c.random.random() < 0.5
        if roof:
            c.polygon(
                [(x, 720 - h), (x + w - 8, 720 - h), (x + (w - 8) / 2, 670 - h)],
                mix(p.accent, shade, 0.4),
            )
        for wy in range(int(740 - h), 690, 46):
            for wx in range(int(x + 16), int(x + w - 30), 36):
                c.rect(wx, wy, wx + 18, wy + 24, p.light)
        x += w
    c.rect(0, 720, WIDTH, HEIGHT, mix(p.near, (60, 60, 60), 0.4))


def museum(c: Canvas) -> None:
    p = c.palette
    c.rect(300, 420, 900, 700, p.light)
    c.polygon([(270, 420), (930, 420), (600, 300)], mix(p.light, p.far, 0.25))
    for x in range(340, 880, 90):
        c.rect(x, 450, x + 34, 690, mix(p.light, p.far, 0.35))
    c.rect(270, 690, 930, 720, mix(p.light, p.far, 0.45))
    c.rect(0, 720, WIDTH, HEIGHT, p.near)


def ferris_wheel(c: Canvas) -> None:
    p = c.palette
    cx, cy, r = 780, 400, 230
    c.line([(cx, cy), (cx - 120, 720)], p.far, 14)
    c.line([(cx, cy), (cx + 120, 720)], p.far, 14)
    for i in range(16):
        a = math.tau * i / 16
        c.line([(cx, cy), (cx + r * math.cos(a), cy + r * math.sin(a))], p.far, 4)
        c.circle(
            cx + r * math.cos(a),
            cy + r * math.sin(a),
            16,
            p.accent if i % 2 else p.light,
        )
    c.circle(cx, cy, 22, p.accent)
    for i in range(30):
        x = 40 + i * 40
        c.circle(x, 300 + 30 * math.sin(i / 2), 6, p.accent if i % 3 else p.light)
    c.rect(0, 720, WIDTH, HEIGHT, p.near)


def table(c: Canvas) -> None:
    p = c.palette
    c.rect(0, 0, WIDTH, 520, mix(p.sky_bottom, p.far, 0.15))
    c.rect(120, 120, 420, 380, p.sky_top)
    c.line([(270, 120), (270, 380)], p.light, 10)
    c.line([(120, 250), (420, 250)], p.light, 10)
    c.polygon([(0, 520), (WIDTH, 520), (WIDTH, HEIGHT), (0, HEIGHT)], p.near)
    c.polygon([(60, 560), (1140, 560), (1200, 800), (0, 800)], p.light)
    for x, y in [(300, 640), (600, 620), (900, 640)]:
        c.circle(x, y, 90, mix(p.light, p.far, 0.2))
        c.circle(x, y, 62, p.light)
        c.circle(x - 14, y - 8, 24, p.accent)
        c.circle(x + 22, y + 12, 16, mix(p.accent, p.far, 0.5))
    c.rect(720, 380, 880, 520, p.far)
    c.rect(700, 370, 900, 392, mix(p.far, (0, 0, 0), 0.2))
    for i, x in enumerate((760, 800, 840)):
        c.line([(x, 350), (x + 10, 290 - i * 10)], p.light, 6)


def candles(c: Canvas) -> None:
    p = c.palette
    c.rect(0, 560, WIDTH, HEIGHT, mix(p.sky_top, (0, 0, 0), 0.3))
    for radius, t in [(330, 0.2), (240, 0.34), (160, 0.5)]:
        c.circle(590, 400, radius, mix(p.sky_top, p.accent, t))
    for x, h in [(420, 200), (520, 150), (620, 240), (720, 170)]:
        c.rect(x, 560 - h, x + 40, 580, p.light)
        c.polygon(
            [(x + 20, 560 - h - 60), (x + 34, 560 - h - 18), (x + 6, 560 - h - 18)],
            p.accent,
        )
    for _ in range(40):
        x, y = c.random.uniform(0, WIDTH), c.random.uniform(0, 520)
        c.circle(x, y, c.random.uniform(2, 5), p.light)


def bookshelf(c: Canvas) -> None:
    p = c.palette
    c.rect(0, 0, WIDTH, HEIGHT, mix(p.sky_bottom, p.light, 0.5))
    colours = [p.accent, p.far, p.near, mix(p.accent, p.near, 0.5), p.sky_top]
    for shelf in range(4):
        top = 90 + shelf * 170
        c.rect(80, top + 150, 1120, top + 166, mix(p.near, (0, 0, 0), 0.2))
        x = 100.0
        while x < 1090:
            w = c.random.uniform(24, 46)
            h = c.random.uniform(100, 148)
            c.rect(
                x,
                top + 150 - h,
                x + w - 4,
                top + 150,
                colours[c.random.randrange(len(colours))],
            )
            x += w


def speech(c: Canvas) -> None:
    p = c.palette
    c.rect(0, 560, WIDTH, HEIGHT, p.near)
    for x, y, w, fill in [(220, 180, 340, p.light), (640, 260, 320, p.accent)]:
        c.draw.rounded_rectangle(
            c._xy([(x, y), (x + w, y + 170)]), radius=60 * SCALE, fill=fill
        )
        c.polygon([(x + 60, y + 160), (x + 120, y + 160), (x + 50, y + 230)], fill)
        for i in range(3):
            c.rect(
                x + 50,
                y + 40 + i * 36,
                x + w - 50 - i * 40,
                y + 56 + i * 36,
                mix(fill, p.far, 0.5),
            )
    for x in range(200, 1000, 110):
        c.circle(x + 40, 600, 34, p.far)
        c.rect(x + 6, 630, x + 74, 720, p.far)


def network(c: Canvas) -> None:
    p = c.palette
    nodes = [
        (c.random.uniform(120, 1080), c.random.uniform(120, 680)) for _ in range(14)
    ]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            if math.dist(a, b) < 360:
                c.line([a, b], mix(p.sky_bottom, p.far, 0.5), 4)
    for i, (x, y) in enumerate(nodes):
        c.circle(x, y, 40 if i % 4 == 0 else 26, [p.accent, p.far, p.near][i % 3])
        c.circle(x, y, 12, p.light)


def running_path(c: Canvas) -> None:
    p = c.palette
    c.polygon([(560, 560), (640, 560), (980, 800), (260, 800)], p.light)
    for i, (x, y) in enumerate([(610, 600), (680, 680)]):
        c.circle(x, y - 70, 16 + i * 4, p.accent)
        c.line([(x, y - 50), (x - 10, y + 10)], p.accent, 10 + i * 2)
        c.line([(x - 10, y + 10), (x - 40, y + 60)], p.accent, 10 + i * 2)
        c.line([(x - 10, y + 10), (x + 26, y + 56)], p.accent, 10 + i * 2)


def houses(c: Canvas) -> None:
    p = c.palette
    for x, w, fill in [(180, 150, p.accent), (360, 120, p.light), (860, 140, p.light)]:
        c.rect(x, 600, x + w, 700, fill)
        c.polygon(
            [(x - 14, 600), (x + w + 14, 600), (x + w / 2, 530)],
            mix(p.near, (60, 40, 40), 0.4),
        )
        c.rect(x + w / 2 - 16, 640, x + w / 2 + 16, 700, mix(fill, p.near, 0.6))


def shore(c: Canvas) -> None:
    """A green strip of land in front of the sea, for houses to stand on."""
    _ridge(c, 690, 14, 0.5, (96, 150, 112))


def giraffe(c: Canvas) -> None:
    body, spot = (232, 176, 84), (176, 110, 52)
    for x, s in [(560, 1.0), (820, 0.7)]:
        ground = 700
        for dx in (-50, -25, 25, 50):
            c.rect(
                x + dx * s - 6 * s, ground - 120 * s, x + dx * s + 6 * s, ground, body
            )
        c.draw.ellipse(
            c._xy([(x - 75 * s, ground - 170 * s), (x + 75 * s, ground - 100 * s)]),
            fill=body,
        )
        c.polygon(
            [
                (x + 40 * s, ground - 150 * s),
                (x + 70 * s, ground - 150 * s),
                (x + 120 * s, ground - 330 * s),
                (x + 98 * s, ground - 336 * s),
            ],
            body,
        )
        c.draw.ellipse(
            c._xy([(x + 92 * s, ground - 360 * s), (x + 160 * s, ground - 326 * s)]),
            fill=body,
        )
        c.line(
            [(x + 104 * s, ground - 356 * s), (x + 100 * s, ground - 380 * s)],
            spot,
            5 * s,
        )
        for sx, sy in [
            (-40, -140),
            (0, -150),
            (35, -128),
            (-10, -120),
            (80, -210),
            (95, -270),
        ]:
            c.circle(x + sx * s, ground + sy * s, 9 * s, spot)


def snow(c: Canvas) -> None:
    for _ in range(120):
        x, y = c.random.uniform(0, WIDTH), c.random.uniform(0, HEIGHT)
        c.circle(x, y, c.random.uniform(2, 5), (255, 255, 255))


LAYERS: dict[str, Callable[[Canvas], None]] = {
    "sky": sky,
    "sun": sun,
    "moon": moon,
    "hills": hills,
    "sea": sea,
    "sailboats": sailboats,
    "forest": forest,
    "park_trees": park_trees,
    "mushrooms": mushrooms,
    "picnic": picnic,
    "buildings": buildings,
    "museum": museum,
    "ferris_wheel": ferris_wheel,
    "table": table,
    "candles": candles,
    "bookshelf": bookshelf,
    "speech": speech,
    "network": network,
    "running_path": running_path,
    "houses": houses,
    "shore": shore,
    "giraffe": giraffe,
    "snow": snow,
}


def render(layers: list[str], palette: str, seed: int = 1) -> bytes:
    """Draw the named layers, in order, with the named palette; return JPEG bytes."""
    canvas = Canvas(PALETTES[palette], seed)
    for name in layers:
        LAYERS[name](canvas)
    return canvas.jpeg()
