"""Remove duplicated glyphs by position, before anything else reads the page.

Fake-bold headlines (and some shadowed text) draw each character 2-3 times: copies coincide or
are shifted by a small shadow offset. Copies have the same text and (nearly) the same size and
lie within a tolerance of each other; genuine neighbours such as `谢谢` are a full advance
apart. The tolerance is a fraction of the font size, at least 2.5 pt, but never more than 45%
of the size, so neighbours can't merge even in small type.

Unlike pdfplumber's `dedupe_chars` (pairwise, quadratic on dense pages), chars are grouped by
text and sorted by position, so each char is compared with a handful of candidates.
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


def duplicate_ids(chars: list[dict]) -> set[int]:
    """Ids (`id(char)`) of chars that are copies of another char placed above or left of them.

    Chars are grouped by text; within a group, sorted by (top, x0), each char is compared only
    with the earlier chars whose top is within its tolerance: a short backward scan.
    """
    groups: dict[str, list[dict]] = {}
    for char in chars:
        groups.setdefault(char["text"], []).append(char)
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=_position)
        placed: list[tuple[float, float, float]] = []  # (top, x0, size), copies included
        for char in members:
            top, x0 = char["top"], char["x0"]
            size = float(char.get("size") or (char["bottom"] - top) or 1.0)
            tol = tolerance(size)
            j = len(placed) - 1
            while j >= 0 and top - placed[j][0] <= tol:
                ptop, px0, psize = placed[j]
                if abs(px0 - x0) <= tol and abs(psize - size) <= SIZE_MISMATCH * max(psize, size):
                    dropped.add(id(char))
                    break
                j -= 1
            # Copies stay placed: a third copy two shadow steps away still finds the second.
            placed.append((top, x0, size))
    return dropped


def _position(char: dict) -> tuple[float, float]:
    return (char["top"], char["x0"])


def dedupe(chars: Iterable[dict]) -> list[dict]:
    """The chars without their duplicated copies, in their original order."""
    chars = list(chars)
    dropped = duplicate_ids(chars)
    return [c for c in chars if id(c) not in dropped]


def dedupe_page(page):
    """A pdfplumber page view without duplicated glyphs (other objects untouched)."""
    dropped = duplicate_ids(page.chars)
    return page.filter(lambda obj: obj.get("object_type") != "char" or id(obj) not in dropped)
