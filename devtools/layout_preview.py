"""Draw a layout driver's JSON (the component bounds Amazon's APL core engine computed) as a PNG.

A *layout preview*, not a device render, and every picture says so on a banner: boxes are where the
engine put each component; text is drawn in DejaVu Sans inside its box with the line breaks the
driver estimated; vector graphics are the paths the engine evaluated; colours are the document's
where the driver reports them. Adapted from the team's groundwork (apl-explore/preview).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Final

from PIL import Image, ImageDraw, ImageFont

_FONTS: Final = Path("/usr/share/fonts/truetype/dejavu")
_BACKGROUND: Final = (14, 26, 36)
_PROBLEM: Final = (255, 70, 70)
_BANNER: Final = (250, 220, 60)
_TEXT: Final = (240, 240, 240)
_ARGS: Final = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
XY = tuple[float, float]


@lru_cache(maxsize=64)
def _font(size: int, bold: bool = False) -> Font:
    path = _FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.is_file():
        return ImageFont.truetype(str(path), max(6, size))
    return ImageFont.load_default()


def _color(value: object) -> tuple[int, int, int, int] | None:
    """ "#RRGGBBAA" (as the engine reports colours) → RGBA; None for transparent or unknown."""
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9a-fA-F]{8}", value):
        return None
    rgba = tuple(int(value[k : k + 2], 16) for k in (1, 3, 5, 7))
    return (rgba[0], rgba[1], rgba[2], rgba[3]) if rgba[3] else None


def _advance(kind: str, relative: bool, values: list[float], at: XY) -> XY:
    """Where a path command (H, V, or any with an end point) leaves the pen."""
    x, y = at
    if kind == "H":
        return (x + values[0] if relative else values[0]), y
    if kind == "V":
        return x, (y + values[0] if relative else values[0])
    return (x + values[-2], y + values[-1]) if relative else (values[-2], values[-1])


def _subpaths(path: str) -> list[tuple[list[XY], bool]]:
    """M/L/H/V/Z (absolute and relative); curves and arcs as straight lines to their end point."""
    tokens = re.findall(r"[A-Za-z]|-?\d*\.?\d+(?:[eE][-+]?\d+)?", path or "")
    out: list[tuple[list[XY], bool]] = []
    current: list[XY] = []
    x = y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                if current:
                    out.append((current, True))
                    x, y = current[0]
                current = []
                continue
        if not command:
            break
        n = _ARGS.get(command.upper(), 2)
        values = [float(v) for v in tokens[i : i + n]]
        if len(values) < n:
            break
        i += n
        kind = command.upper()
        x, y = _advance(kind, command.islower(), values, (x, y))
        if kind == "M":
            if current:
                out.append((current, False))
            current = [(x, y)]
            command = "l" if command.islower() else "L"
        else:
            current.append((x, y))
    if current:
        out.append((current, False))
    return out


def _dashed(line: list[XY], dash: list[float]) -> list[list[XY]]:
    """A polyline cut into the dashes of an AVG strokeDashArray (on, off, on, off, ...)."""
    pieces: list[list[XY]] = []
    k, left, on = 0, dash[0], True
    current: list[XY] = [line[0]]
    for (x0, y0), (x1, y1) in pairwise(line):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        done = 0.0
        while length - done > left:
            done += left
            point = (x0 + (x1 - x0) * done / length, y0 + (y1 - y0) * done / length)
            if on:
                pieces.append([*current, point])
            current = [point]
            on = not on
            k = (k + 1) % len(dash)
            left = dash[k]
        left -= length - done
        current.append((x1, y1))
    if on and len(current) >= 2:
        pieces.append(current)
    return pieces


def _placer(
    transform: tuple[float, ...], media: Sequence[float], ratio: XY, scale: float, origin: XY
) -> Callable[[XY], XY]:
    """AVG viewport coordinates → canvas pixels: the item's transform, then the graphic's box."""
    a, b, c, d, e, f = transform

    def place(p: XY) -> XY:
        gx, gy = a * p[0] + c * p[1] + e, b * p[0] + d * p[1] + f
        return (
            origin[0] + (media[0] + gx * ratio[0]) * scale,
            origin[1] + (media[1] + gy * ratio[1]) * scale,
        )

    return place


def _graphic(draw: ImageDraw.ImageDraw, component: Mapping[str, Any], scale: float, origin: XY) -> None:
    media, viewport = component.get("mediaBounds"), component.get("graphicViewport")
    if not media or not viewport or not viewport[0] or not viewport[1]:
        return
    sx, sy = media[2] / viewport[0], media[3] / viewport[1]
    for item in component.get("graphicItems", []):
        if item.get("kind") != "path":
            continue
        transform = tuple(float(v) for v in item.get("transform") or (1, 0, 0, 1, 0, 0))
        place = _placer(transform, media, (sx, sy), scale, origin)
        fill, stroke = _color(item.get("fill")), _color(item.get("stroke"))
        width = max(1, round((item.get("strokeWidth") or 1) * min(sx, sy) * scale))
        dash = [float(d) * min(sx, sy) * scale for d in item.get("strokeDashArray") or []]
        for points, closed in _subpaths(str(item.get("pathData") or "")):
            xy = [place(p) for p in points]
            if fill and len(xy) >= 3:
                draw.polygon(xy, fill=fill)
            if stroke and len(xy) >= 2:
                line = xy + ([xy[0]] if closed else [])
                for piece in _dashed(line, dash) if len(dash) >= 2 and sum(dash) > 0 else [line]:
                    draw.line(piece, fill=stroke, width=width, joint="curve")


def _text(
    draw: ImageDraw.ImageDraw, component: Mapping[str, Any], scale: float, box: Sequence[float]
) -> None:
    x0, y0, _, y1 = box
    size = min(float(component.get("fontSize") or 20), 200.0) * scale
    inner = component.get("innerBounds") or [0, 0, box[2] - box[0], box[3] - box[1]]
    left, top, width = x0 + inner[0] * scale, y0 + inner[1] * scale, inner[2] * scale
    lines = list(component.get("lineTexts") or [component.get("text", "")])
    color = _color(component.get("color")) or (*_TEXT, 255)
    bold = str(component.get("fontWeight", "")) in ("bold", "700")
    for line in lines:
        points = round(size)
        font = _font(points, bold)
        while points > 6 and draw.textlength(line, font=font) > width:  # DejaVu is wider than most
            points -= 1
            font = _font(points, bold)
        used = draw.textlength(line, font=font)
        align = component.get("textAlign", "auto")
        x = (
            left + (width - used) / 2
            if align == "center"
            else left + width - used
            if align in ("right", "end")
            else left
        )
        if top + size > y1 + 1:
            break  # clipped by its box, as on a device
        draw.text((x, top), line, font=font, fill=color)
        top += size * 1.25


def draw(layout: Mapping[str, Any], out: Path, *, title: str = "", scale: float = 1.0) -> Path:
    view = layout["viewport"]
    width, height = round(view["dpWidth"] * scale), round(view["dpHeight"] * scale)
    banner = round(60 * max(scale, 0.7))
    image = Image.new("RGB", (max(width, 480), height + banner), (0, 0, 0))
    canvas = ImageDraw.Draw(image, "RGBA")
    canvas.rectangle((0, 0, width - 1, height - 1), fill=_BACKGROUND)
    for component in layout["components"]:
        if component.get("visible") is False:
            continue
        bx, by, bw, bh = component["bounds"]
        if bw <= 0 or bh <= 0:
            continue
        box = (bx * scale, by * scale, (bx + bw) * scale, (by + bh) * scale)
        kind = component["type"]
        problem = (
            component.get("overflows")
            or component.get("linesOutsideCircle")
            or (component.get("outsideViewport") and not component.get("inScrollable"))
        )
        if background := _color(component.get("backgroundColor")):
            canvas.rounded_rectangle(
                box, radius=float(component.get("borderRadius") or 0) * scale, fill=background
            )
        if kind == "VectorGraphic":
            _graphic(canvas, component, scale, (box[0], box[1]))
        elif kind == "Text":
            _text(canvas, component, scale, box)
        if problem:
            canvas.rectangle(box, outline=_PROBLEM, width=2)
    if view.get("shape") == "round":  # what a round screen cannot show
        mask = Image.new("L", (width, height), 255)
        ImageDraw.Draw(mask).ellipse((0, 0, width - 1, height - 1), fill=0)
        image.paste((0, 0, 0), (0, 0, width, height), mask)
    canvas.rectangle((0, height, image.width, height + banner), fill=_BANNER)
    canvas.text(
        (8, height + 4),
        "LAYOUT PREVIEW - not a device render",
        font=_font(round(banner * 0.3), True),
        fill=(0, 0, 0),
    )
    size = f"{view['dpWidth']:.0f}x{view['dpHeight']:.0f} dp"
    device = (
        f"{view['pixelWidth']}x{view['pixelHeight']} px, {view['dpi']} dpi, {view['shape']}, {view['mode']}"
    )
    detail = f"{title}  {size} ({device}): bounds from Amazon's APL core engine, text in DejaVu Sans"
    canvas.text(
        (8, height + 6 + banner * 0.4), detail.strip(), font=_font(round(banner * 0.2)), fill=(0, 0, 0)
    )
    problems = layout.get("problems") or []
    if problems:
        canvas.text(
            (8, height + banner * 0.72),
            f"{len(problems)} problem(s): red boxes",
            font=_font(round(banner * 0.2)),
            fill=(160, 0, 0),
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    # A palette of 64 colours: the previews are flat shapes and text, and stay small in the repository.
    image.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(out, optimize=True)
    return out
