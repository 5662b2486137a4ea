"""A line's bounding box, computed once per line: layout asks for it many times."""
from __future__ import annotations

from pipeline.document import Box, Line

_CACHE: dict[int, tuple[Line, Box]] = {}


def box_of(line: Line) -> Box:
    hit = _CACHE.get(id(line))
    if hit is not None and hit[0] is line:
        return hit[1]
    box = _union(line)
    if len(_CACHE) > 200_000:
        _CACHE.clear()
    _CACHE[id(line)] = (line, box)
    return box


def forget() -> None:
    """Drop cached boxes (at the end of a page: the lines may be garbage collected)."""
    _CACHE.clear()


def _union(line: Line) -> Box:
    """The union of a line's character boxes, in one pass (layout's hottest loop)."""
    x0 = top = float("inf")
    x1 = bottom = float("-inf")
    for b in line.boxes or ():
        if b is None:
            continue
        if b[0] < x0:
            x0 = b[0]
        if b[1] < top:
            top = b[1]
        if b[2] > x1:
            x1 = b[2]
        if b[3] > bottom:
            bottom = b[3]
    if x0 == float("inf"):
        raise ValueError("a line without boxes has no place on the page")
    return (x0, top, x1, bottom)
