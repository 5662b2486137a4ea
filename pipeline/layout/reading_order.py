"""Reading order of page elements by recursive XY-cut, columns first.

Elements are boxes (column blocks of lines, photos, tables). A region is cut at a vertical white
gap that runs through all of it (a gutter) whenever there is one, left part first; otherwise at
horizontal gaps, top first. Blocks are whole runs of lines of one column, so aligned baselines in
neighbouring columns never produce a horizontal cut between two lines of a column.
"""
from __future__ import annotations

from typing import Callable, Sequence, TypeVar

from pipeline.document import Box

T = TypeVar("T")


def xy_order(items: Sequence[T], box: Callable[[T], Box]) -> list[T]:
    out: list[T] = []
    _cut(list(items), box, out, depth=0)
    return out


def _split(items: list, box: Callable, axis: int) -> list[list]:
    lo, hi = (0, 2) if axis == 0 else (1, 3)
    ordered = sorted(items, key=lambda it: box(it)[lo])
    groups: list[list] = []
    reach = float("-inf")
    for it in ordered:
        b = box(it)
        if groups and b[lo] < reach:
            groups[-1].append(it)
            reach = max(reach, b[hi])
        else:
            groups.append([it])
            reach = b[hi]
    return groups


def _cut(items: list, box: Callable, out: list, depth: int) -> None:
    if len(items) <= 1 or depth > 60:
        out.extend(sorted(items, key=lambda it: (box(it)[1], box(it)[0])))
        return
    for axis in (0, 1):
        groups = _split(items, box, axis)
        if len(groups) > 1:
            for g in groups:
                _cut(g, box, out, depth + 1)
            return
    out.extend(sorted(items, key=lambda it: (box(it)[1], box(it)[0])))
