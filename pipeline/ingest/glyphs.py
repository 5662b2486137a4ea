"""Remove duplicated glyphs by position, before anything else reads the page.

Fake-bold headlines (and some shadowed text) draw each character 2-3 times: copies coincide or
are shifted by a small shadow offset. Copies have the same text and (nearly) the same size and
lie within a tolerance of each other; genuine neighbours such as `谢谢` are a full advance
apart. The tolerance is a fraction of the font size, at least 2.5 pt, but never more than 45%
of the size, so neighbours can't merge even in small type.

The rule: taking the chars in reading position order (top, then x0), a char is a copy when an
earlier char with the same text and a compatible size lies at most its tolerance above it and
at most its tolerance left or right of it. Copies stay candidates themselves, so a third copy
two shadow steps away still finds the second. Within a group of copies the top-left one is
kept, whatever the drawing order, so the result does not depend on how the PDF was written.

Unlike pdfplumber's `dedupe_chars` (pairwise, quadratic on dense pages), earlier chars are kept
in a grid per text and size band whose cells are one tolerance wide, so each char looks only at
the few cells around it: near-linear for any mix (a row of 20k identical glyphs, a page of 200k
dots, stacked copies).
"""
from __future__ import annotations

from math import floor, isfinite, log
from typing import Iterable

MIN_TOLERANCE = 2.5  # points: shadow offsets seen in e-paper PDFs
SIZE_FRACTION = 0.15
MAX_SIZE_FRACTION = 0.45
SIZE_MISMATCH = 0.2  # relative size difference beyond which two glyphs are not copies
# Size bands of this ratio: two compatible sizes (ratio at most 1 / (1 - SIZE_MISMATCH)) fall in
# the same band or adjacent ones, so a char looks at three bands.
BAND_RATIO = 1.5
SMALL_GROUP = 24  # chars of one text below which a plain backward scan is cheapest

Placed = tuple[float, float, float]  # (top, x0, size) of an earlier char
Grid = dict[tuple[int, int], list[Placed]]


def tolerance(size: float) -> float:
    return min(max(MIN_TOLERANCE, SIZE_FRACTION * size), MAX_SIZE_FRACTION * size)


def _size(char: dict) -> float:
    return float(char.get("size") or (char["bottom"] - char["top"]) or 1.0)


def _band(size: float) -> int:
    return floor(log(size) / log(BAND_RATIO))


def _finite(value: float) -> float:
    return value if isfinite(value) else float("inf")


def _find_copy(grids: dict[int, tuple[float, Grid]], band: int, top: float, x0: float, size: float,
               tol: float) -> Placed | None:
    """An earlier char this one copies: at most `tol` above, at most `tol` left or right."""
    for near in (band, band - 1, band + 1):
        found = grids.get(near)
        if found is None:
            continue
        cell, grid = found
        row_first, row_last = floor((top - tol) / cell), floor(top / cell)
        column_first, column_last = floor((x0 - tol) / cell), floor((x0 + tol) / cell)
        for row in range(row_first, row_last + 1):
            for column in range(column_first, column_last + 1):
                placed = grid.get((row, column))
                if not placed:
                    continue
                # Newest first: tops only grow, so stop once they are too far above.
                for j in range(len(placed) - 1, -1, -1):
                    ptop, px0, psize = placed[j]
                    if top - ptop > tol:
                        break
                    if abs(px0 - x0) <= tol and abs(psize - size) <= SIZE_MISMATCH * max(psize, size):
                        return placed[j]
    return None


def _scan_small_group(members: list[tuple]) -> list[int]:
    """The same rule by a backward scan, cheaper than a grid for the few copies of most texts."""
    found: list[int] = []
    placed: list[Placed] = []
    for (top, x0, _, _, size, _), ident in members:
        tol = tolerance(size)
        for ptop, px0, psize in reversed(placed):
            if top - ptop > tol:
                break
            if abs(px0 - x0) <= tol and abs(psize - size) <= SIZE_MISMATCH * max(psize, size):
                found.append(ident)
                break
        placed.append((top, x0, size))
    return found


def duplicate_ids(chars: list[dict]) -> set[int]:
    """Ids (`id(char)`) of chars that are copies of another char placed above or left of them.

    A char with a non-finite position or a non-positive size is never a copy nor copied.
    """
    by_text: dict[str, list[dict]] = {}
    for char in chars:
        same = by_text.get(char["text"])
        if same is None:
            by_text[char["text"]] = [char]
        else:
            same.append(char)
    inf = float("inf")
    groups: list[list[tuple]] = []
    for same in by_text.values():
        if len(same) < 2:  # a text drawn once has no copy: no key needed
            continue
        members: list[tuple] = []
        for char in same:
            top, x0, size = float(char["top"]), float(char["x0"]), _size(char)
            if not (-inf < top < inf and -inf < x0 < inf and 0 < size < inf):
                continue
            bottom, x1 = float(char["bottom"]), float(char["x1"])
            # Reading position, then the rest of the glyph, so drawing order never decides.
            key = (top, x0, bottom if -inf < bottom < inf else inf, x1 if -inf < x1 < inf else inf,
                   size, str(char.get("fontname", "")))
            members.append((key, id(char)))
        groups.append(members)
    dropped: set[int] = set()
    bands: dict[float, int] = {}
    for members in groups:
        if len(members) < 2:
            continue
        members.sort(key=lambda member: member[0])
        if len(members) <= SMALL_GROUP:
            dropped.update(_scan_small_group(members))
            continue
        grids: dict[int, tuple[float, Grid]] = {}
        for (top, x0, _, _, size, _), ident in members:
            tol = tolerance(size)
            band = bands.get(size)
            if band is None:
                band = bands[size] = _band(size)
            copied = _find_copy(grids, band, top, x0, size, tol) if grids else None
            if copied is not None:
                dropped.add(ident)
                if copied == (top, x0, size):
                    continue  # an exact copy adds nothing as a candidate (stacked glyphs)
            if band not in grids:
                # One cell per tolerance of the band's largest size: a char's own window spans
                # at most two cells of its band each way.
                grids[band] = (tolerance(BAND_RATIO ** (band + 1)), {})
            cell, grid = grids[band]
            grid.setdefault((floor(top / cell), floor(x0 / cell)), []).append((top, x0, size))
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
