"""Vertical white-space channels: the gutters between columns, found from the whole page.

The page is cut into thin horizontal strips; in each strip the free x-intervals are those no
text fragment or image covers. A channel is an x-interval that stays free through consecutive
strips (the running intersection of their free intervals, as in whitespace-cover methods after
Breuel); one that stays open over several text lines and is wide enough is a gutter. A gutter
ends where a headline, photo or table spans across it, so columns are found per page region.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

from pipeline.document import Box

MIN_WIDTH = 0.22  # of the body size: gutters from 0.3 em up, less glyph-box slack
MIN_HEIGHT = 2.6  # of the body size: about two lines of text
STRIP = 0.4  # of the body size
SHRINK = 0.2  # of a fragment's height, off its top and bottom: leading never closes a strip


def find_channels(boxes: Iterable[Box], x0: float, x1: float, body: float) -> list[Box]:
    """Maximal white channels (x0, top, x1, bottom) between `boxes` (text fragments, images)."""
    items = []
    for b in boxes:
        h = b[3] - b[1]
        top, bottom = b[1] + SHRINK * h, b[3] - SHRINK * h
        if bottom > top:
            items.append((top, bottom, b[0], b[2]))
    if not items:
        return []
    items.sort()
    step = STRIP * body
    min_width = MIN_WIDTH * body
    min_height = MIN_HEIGHT * body
    start_y = items[0][0]
    end_y = max(i[1] for i in items)
    strips = int((end_y - start_y) / step) + 2
    # Per strip, the x-intervals covered: each item is added to the strips it overlaps.
    covered: list[list[tuple[float, float]]] = [[] for _ in range(strips)]
    for top, bottom, a, b in items:
        first = int((top - start_y) / step)
        last = int((bottom - start_y) / step)
        for s in range(first, min(last, strips - 1) + 1):
            covered[s].append((a, b))
    active: dict[tuple[float, float], int] = {}
    found: list[Box] = []

    def close(key: tuple[float, float], start: int, end: int) -> None:
        if (end - start) * step >= min_height:
            found.append((key[0], start_y + start * step, key[1], start_y + end * step))

    previous: list[tuple[float, float]] = []
    for s in range(strips):
        free = _free(covered[s], x0, x1, min_width)
        if free == previous:
            continue  # the same white intervals as the strip above: every channel runs on
        previous = free
        ends = [fb for _, fb in free]
        nxt: dict[tuple[float, float], int] = {}
        for (a, b), start in active.items():
            # Only the free intervals that overlap [a, b] (they are sorted and disjoint).
            for fa, fb in free[bisect_right(ends, a):]:
                if fa >= b:
                    break
                na, nb = (a if a > fa else fa), (b if b < fb else fb)
                if nb - na >= min_width:
                    key = (na, nb)
                    if key not in nxt or nxt[key] > start:
                        nxt[key] = start
        for key in free:
            nxt.setdefault(key, s)
        for key, start in active.items():
            if nxt.get(key) != start:
                close(key, start, s)
        active = nxt
    for key, start in active.items():
        close(key, start, strips)
    return _drop_contained(found)


def _free(covered: list[tuple[float, float]], x0: float, x1: float, min_width: float) -> list[tuple[float, float]]:
    covered.sort()
    free = []
    cursor = x0
    for a, b in covered:
        if a - cursor >= min_width:
            free.append((cursor, a))
        if b > cursor:
            cursor = b
    if x1 - cursor >= min_width:
        free.append((cursor, x1))
    return free


def _drop_contained(channels: list[Box]) -> list[Box]:
    """Drop a channel lying inside a taller one of the same x-range or a wider one."""
    channels.sort(key=lambda c: (c[0], -c[2], c[1]))
    kept: list[Box] = []
    for c in channels:
        if any(k[0] <= c[0] and c[2] <= k[2] and k[1] <= c[1] and c[3] <= k[3] for k in kept[-12:]):
            continue
        kept.append(c)
    return kept
