"""Printed ink the OCR detector left without a line box, found on the page image.

The detector misses two kinds of print that matter to an article:
- large type it sees only shrunk (detection runs on a scaled-down page): a fake-bold headline
  drawn several times a few points apart becomes a comb of thin strokes that, shrunk, reads as
  texture. `large_regions` gives such areas, to be detected again at full resolution;
- a mark standing alone on a line: the last line of a paragraph holding only `。` (or `”`).
  `lone_marks` gives, for each small ink blob lying on the next row of a line of text, the box
  of the line it would be: its row and roughly one em from its left edge, to be recognised as
  is.

Everything is measured in the page's own text size (`row`: the median line box height), and
ink already covered by a line box, a photo or a ruling line is left out first, so photos and
rules give no lines.
"""
from __future__ import annotations

import math
from statistics import median
from typing import Callable, Sequence

import numpy as np

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in image pixels

INK = 160  # grey level under which a pixel is ink (anti-aliased strokes of small type included)
MARK_INK = 200  # the same, blurred, for small marks (a full stop at 100 dpi is a grey smudge)
COVER_PAD = 0.15  # rows: margin around a line box whose ink is the line's
PHOTO_PAD = 0.3  # rows: margin around a photo whose ink is the photo's
LARGE = 1.5  # rows: uncovered ink this tall and this wide may be large type
LARGE_MARGIN = 0.8  # rows: margin added around a large region before detecting in it (the
# detector's box reaches beyond the ink; cut by the crop, it reads worse)
MARK_MAX = 1.1  # rows: a lone mark is no taller or wider than this...
MARK_MIN = 0.12  # ...and no smaller than this (scanner specks are)
MARK_CLEAR = 0.15  # rows: and keeps this far from every line box
MARK_ROW = 0.55  # rows: its centre lies within this of the next row's centre
MARK_SIDE = 0.3  # rows: margin added left and right of a mark's ink to recognise it (its box
# reaches a row right of the ink's left edge: wider crops read the mark less surely)


def row_height(rects: Sequence[Rect]) -> float:
    """The page's text size: the median line box height (short side, so vertical lines count)."""
    return float(median(min(r[2] - r[0], r[3] - r[1]) for r in rects))


def uncovered_ink(gray: np.ndarray, lines: Sequence[Rect], covered: Sequence[Rect],
                  row: float, faint: bool = False) -> np.ndarray:
    """Ink pixels (uint8 0/1) outside every line box and every `covered` box (photos, rules).
    `faint`: ink as small marks show at a low resolution, blurred grey rather than black
    (darker than MARK_INK once a 3x3 blur has evened out scanner noise)."""
    import cv2

    h, w = gray.shape[:2]
    if faint:
        ink = (cv2.GaussianBlur(np.ascontiguousarray(gray), (3, 3), 0) < MARK_INK).astype(np.uint8)
    else:
        ink = (gray < INK).astype(np.uint8)
    for boxes, pad in ((lines, COVER_PAD * row), (covered, PHOTO_PAD * row)):
        for x0, y0, x1, y1 in boxes:
            ink[max(0, int(y0 - pad)):min(h, int(y1 + pad) + 1),
                max(0, int(x0 - pad)):min(w, int(x1 + pad) + 1)] = 0
    return ink


def _components(ink: np.ndarray, close: tuple[int, int]) -> list[Rect]:
    import cv2

    if close[0] > 1 or close[1] > 1:
        ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, close))
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    return [(float(x), float(y), float(x + bw), float(y + bh)) for x, y, bw, bh, _ in stats[1:count]]


def large_regions(ink: np.ndarray, row: float) -> list[Rect]:
    """Areas of uncovered ink at least LARGE rows tall and wide (characters of one line joined
    by closing over half a row), widened by LARGE_MARGIN and merged where they meet."""
    h, w = ink.shape[:2]
    step = max(1, int(0.5 * row))
    pad = LARGE_MARGIN * row
    found = [(max(0.0, x0 - pad), max(0.0, y0 - pad), min(float(w), x1 + pad), min(float(h), y1 + pad))
             for x0, y0, x1, y1 in _components(ink, (step, step))
             if y1 - y0 >= LARGE * row and x1 - x0 >= LARGE * row]
    return merge_rects(found, lambda a, b: min(a[2], b[2]) > max(a[0], b[0])
                       and min(a[3], b[3]) > max(a[1], b[1]))


def merge_rects(rects: list[Rect], joins: Callable[[Rect, Rect], bool]) -> list[Rect]:
    """Rectangles that `joins` pairs (it must need them to overlap vertically) replaced by
    their union until no pair joins, sorted top to bottom, then left to right."""
    rects = list(rects)
    merged = True
    while merged:
        merged = False
        rects.sort(key=lambda r: (r[1], r[0]))
        for i in range(len(rects)):
            for j in range(i + 1, len(rects)):
                a, b = rects[i], rects[j]
                if b[1] > a[3]:  # this one and every later one start below a
                    break
                if joins(a, b):
                    rects[i] = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
                    del rects[j]
                    merged = True
                    break
            if merged:
                break
    return rects


def _overlap_x(a: Rect, b: Rect) -> float:
    return min(a[2], b[2]) - max(a[0], b[0])


def row_pitch(lines: Sequence[Rect], row: float) -> float:
    """The page's line pitch: the median distance from a line to the next one below it in its
    column (sharing half its width), among lines of about the page's text size."""
    body = [r for r in lines if 0.7 * row <= r[3] - r[1] <= 1.4 * row]
    steps = []
    for a in body:
        below = [b[1] + b[3] - a[1] - a[3] for b in body
                 if b[1] > a[1] and _overlap_x(a, b) >= 0.5 * min(a[2] - a[0], b[2] - b[0])]
        if below:
            step = min(below) / 2
            if step <= 3 * row:
                steps.append(step)
    return float(median(steps)) if steps else 1.5 * row


def lone_marks(ink: np.ndarray, lines: Sequence[Rect], row: float) -> list[Rect]:
    """For each small uncovered blob on the row after a line of body text (the line above it
    in its column, one pitch further down, with no line box there), the box to recognise: the
    row's height, from MARK_SIDE left of the blob to a row right of its left edge."""
    body = [r for r in lines if 0.7 * row <= r[3] - r[1] <= 1.4 * row and r[2] - r[0] > r[3] - r[1]]
    if not body:
        return []
    pitch = row_pitch(body, row)
    join = max(1, int(0.3 * row))
    out: list[Rect] = []
    for blob in _components(ink, (join, max(1, join // 2))):
        bx0, by0, bx1, by1 = blob
        if max(bx1 - bx0, by1 - by0) > MARK_MAX * row or max(bx1 - bx0, by1 - by0) < MARK_MIN * row:
            continue
        clear = MARK_CLEAR * row
        if any(r[0] - clear < bx1 and bx0 < r[2] + clear and r[1] - clear < by1 and by0 < r[3] + clear
               for r in lines):
            continue
        cy = (by0 + by1) / 2
        above = [r for r in body if r[3] <= cy and r[0] - 0.5 * row <= bx0 <= r[2]]
        if not above:
            continue
        line = max(above, key=lambda r: r[1])
        top, bottom = line[1] + pitch, line[3] + pitch
        if abs(cy - (top + bottom) / 2) > MARK_ROW * row:
            continue
        side = MARK_SIDE * row
        out.append((max(0.0, bx0 - side), top, max(bx1 + side, bx0 + row), bottom))
    return sorted(out, key=lambda r: (r[1], r[0]))


def widened(gray: np.ndarray, rect: Rect, others: Sequence[Rect], gap: float = 0.5) -> Rect:
    """A line box grown left and right over the ink of its middle half (blanks of at most `gap`
    of its height crossed), stopping at any other line box reaching into that half: the
    detector's box of a smeared line can leave out a character at an end."""
    h, w = gray.shape[:2]
    x0, y0, x1, y1 = rect
    height = y1 - y0
    top, bottom = y0 + 0.25 * height, y1 - 0.25 * height
    band = gray[max(0, int(top)):min(h, int(bottom)) + 1]
    if band.size == 0:
        return rect
    ink = (band < INK).any(axis=0)
    beside = [r for r in others if r != rect and r[1] < bottom and r[3] > top]
    left_stop = max([int(math.ceil(r[2])) for r in beside if r[2] <= x0 + 1] + [0])
    right_stop = min([int(r[0]) for r in beside if r[0] >= x1 - 1] + [w])
    reach = gap * height
    new_x0 = x = int(x0)
    while x - 1 >= left_stop and new_x0 - (x - 1) <= reach:
        x -= 1
        if ink[x]:
            new_x0 = x
    new_x1 = x = min(w, int(math.ceil(x1)))
    while x < right_stop and x - new_x1 <= reach:
        if ink[x]:
            new_x1 = x + 1
        x += 1
    pad = 0.1 * height if (new_x0 < x0 or new_x1 > x1) else 0.0
    return (max(float(left_stop), new_x0 - pad), y0, min(float(right_stop), new_x1 + pad), y1)
