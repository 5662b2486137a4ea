"""What a PDF engine gives for one page, whatever the engine: the same plain records.

`PageObjects` holds glyph dicts (pdfplumber's keys: text, x0, top, x1, bottom, size, fontname,
upright), ruling lines, rectangles and image boxes, all in points from the page's top-left
corner. Engines (`pdfplumber_pages`, `pdfium_pages`) fill it; nothing after ingest knows which
engine ran.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from math import isfinite
from typing import Iterable, Optional, Protocol

from pipeline.document import Box

COORD_DECIMALS = 3  # engines agree to this precision; rounding makes their glyphs identical
RULE_THICKNESS = 2.0  # points: a filled or stroked shape thinner than this is a ruling line


@dataclass
class PageObjects:
    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    rules: list[Box] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)


class PdfPages(Protocol):
    """An open PDF, read one page at a time."""

    engine: str
    page_count: int

    def page(self, index: int) -> PageObjects: ...

    def close(self) -> None: ...


def coord(value: float) -> float:
    """A coordinate at COORD_DECIMALS, rounded in two steps so that engines whose values differ
    by float error only (pdfium computes in float32, pdfminer in float64 through the PDF's own
    matrices) land on the same number even when the PDF wrote a value half-way between two
    COORD_DECIMALS steps (412.4535 read as 412.45349 or 412.4535004)."""
    # integer steps: a quarter of the time of round(round(v, 4), 3); half-up, deterministic
    try:
        return (round(value * COORD_FINE) + 5) // 10 / COORD_STEP
    except (ValueError, OverflowError):  # NaN or infinity from a damaged matrix: kept as is
        return float(value)


COORD_STEP = 10.0 ** COORD_DECIMALS
COORD_FINE = COORD_STEP * 10  # one more decimal: the first of `coord`'s two steps


def glyph(text: str, x0: float, top: float, x1: float, bottom: float, size: float,
          fontname: str, upright: bool = True) -> dict:
    """One glyph record, rounded so that engines reading the same PDF give the same dict."""
    return {
        "text": text,
        "x0": coord(x0),
        "top": coord(top),
        "x1": coord(x1),
        "bottom": coord(bottom),
        "size": coord(size),
        "fontname": fontname,
        "upright": bool(upright),
    }


def box(x0: float, top: float, x1: float, bottom: float) -> Box:
    return (coord(x0), coord(top), coord(x1), coord(bottom))


def luminance(colour: Optional[Iterable[float]]) -> Optional[float]:
    """0 (black) to 1 (white) for a gray, RGB or CMYK colour tuple; None when unknown."""
    if colour is None:
        return None
    try:
        values = [float(v) for v in colour]  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return None
    if len(values) == 1:
        return values[0]
    if len(values) == 3:
        r, g, b = values
        return 0.299 * r + 0.587 * g + 0.114 * b
    if len(values) == 4:
        c, m, y, k = values
        return max(0.0, 1.0 - min(1.0, 0.3 * c + 0.59 * m + 0.11 * y + k))
    return None


def shape(x0: float, top: float, x1: float, bottom: float, fill: bool, stroke: bool,
          fill_colour: Optional[Iterable[float]], rules: list[Box], rects: list[dict]) -> None:
    """File a rectangle-like shape as a ruling line (thin) or a rectangle (a box or a tint)."""
    b = box(x0, top, x1, bottom)
    if min(b[2] - b[0], b[3] - b[1]) < RULE_THICKNESS:
        if max(b[2] - b[0], b[3] - b[1]) >= RULE_THICKNESS:
            rules.append(b)
        return
    lum = luminance(fill_colour) if fill else None
    rects.append({"x0": b[0], "top": b[1], "x1": b[2], "bottom": b[3], "fill": bool(fill),
                  "stroke": bool(stroke), "dark": lum is not None and lum < 0.5})


def drop_far_off_page(objects: PageObjects) -> int:
    """Remove the glyphs, rules, rectangles and images lying wholly more than a page's width or
    height beyond its edges (or at no finite place); returns how many glyphs went.

    No reader sees them, and a damaged text matrix puts glyphs at 1e60: kept, they would make
    the page's layout as tall as that. Text just outside the page (bleed, slug lines) stays."""
    w, h = objects.width, objects.height
    if not (isfinite(w) and isfinite(h)) or w <= 0 or h <= 0:
        return 0

    def near(x0: float, top: float, x1: float, bottom: float) -> bool:
        return (all(isfinite(v) for v in (x0, top, x1, bottom))
                and x1 >= -w and x0 <= 2 * w and bottom >= -h and top <= 2 * h)

    before = len(objects.chars)
    # Glyphs by plain comparisons (this runs for every glyph): NaN fails every comparison, so
    # the range tests plus one bound against infinity per coordinate are `near` exactly.
    inf, w2, h2 = float("inf"), 2 * w, 2 * h
    objects.chars = [c for c in objects.chars
                     if -w <= c["x1"] < inf and -inf < c["x0"] <= w2
                     and -h <= c["bottom"] < inf and -inf < c["top"] <= h2]
    objects.rules = [b for b in objects.rules if near(*b)]
    objects.rects = [r for r in objects.rects if near(r["x0"], r["top"], r["x1"], r["bottom"])]
    objects.images = [b for b in objects.images if near(*b)]
    return before - len(objects.chars)
