"""Remove duplicated glyphs by position, before anything else reads the page.

Fake-bold headlines (and some shadowed text) draw each character 2-3 times: copies coincide or
are shifted by a small shadow offset. Copies have the same text and (nearly) the same size and
lie within a tolerance of each other; genuine neighbours such as `谢谢` are a full advance
apart. The tolerance is a fraction of the font size, at least 2.5 pt, but never more than 45%
of the size, so neighbours can't merge even in small type.

Unlike pdfplumber's `dedupe_chars` (pairwise, quadratic on dense pages), chars are bucketed on a
grid keyed by text, so each char is compared with a handful of candidates: linear time.
Within a group of copies the top-left one is kept, whatever the drawing order, so the result
does not depend on how the PDF was written.
"""
from __future__ import annotations

from typing import Iterable

MIN_TOLERANCE = 2.5  # points: shadow offsets seen in e-paper PDFs
SIZE_FRACTION = 0.15
MAX_SIZE_FRACTION = 0.45
SIZE_MISMATCH = 0.2  # relative size difference beyond which two glyphs are not copies


def tolerance(size: float) -> float:
    return min(max(MIN_TOLERANCE, SIZE_FRACTION * size), MAX_SIZE_FRACTION * size)


CELL = 5.0  # grid cell (points): most copies are found in the 3x3 cells around a char
_NEAR = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


def duplicate_ids(chars: list[dict]) -> set[int]:
    """Ids (`id(char)`) of chars that are copies of an earlier-placed char."""
    order = sorted(range(len(chars)), key=lambda i: (chars[i]["top"], chars[i]["x0"], i))
    grid: dict[tuple[str, int, int], list[tuple[float, float, float]]] = {}
    dropped: set[int] = set()
    for i in order:
        char = chars[i]
        text, x0, top = char["text"], char["x0"], char["top"]
        size = float(char.get("size") or (char["bottom"] - top) or 1.0)
        tol = tolerance(size)
        cx, cy = int(x0 // CELL), int(top // CELL)
        reach = 1 if tol <= CELL else int(tol // CELL) + 1
        neighbours = _NEAR if reach == 1 else [(dx, dy) for dx in range(-reach, reach + 1)
                                               for dy in range(-reach, reach + 1)]
        is_copy = any(
            abs(kx - x0) <= tol and abs(ktop - top) <= tol
            and abs(ksize - size) <= SIZE_MISMATCH * max(ksize, size)
            for dx, dy in neighbours
            for kx, ktop, ksize in grid.get((text, cx + dx, cy + dy), ())
        )
        if is_copy:
            dropped.add(id(char))
        # Copies stay on the grid too: a third copy two shadow steps away still finds the second.
        grid.setdefault((text, cx, cy), []).append((x0, top, size))
    return dropped


def dedupe(chars: Iterable[dict]) -> list[dict]:
    """The chars without their duplicated copies, in their original order."""
    chars = list(chars)
    dropped = duplicate_ids(chars)
    return [c for c in chars if id(c) not in dropped]


def dedupe_page(page):
    """A pdfplumber page view without duplicated glyphs (other objects untouched)."""
    dropped = duplicate_ids(page.chars)
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) not in dropped)
