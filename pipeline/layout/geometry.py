"""A line's bounding box, computed once per line: layout asks for it many times."""
from __future__ import annotations

from pipeline.document import Box, Line

_CACHE: dict[int, tuple[Line, Box]] = {}


def box_of(line: Line) -> Box:
    hit = _CACHE.get(id(line))
    if hit is not None and hit[0] is line:
        return hit[1]
    box = line.bbox
    assert box is not None
    if len(_CACHE) > 200_000:
        _CACHE.clear()
    _CACHE[id(line)] = (line, box)
    return box


def forget() -> None:
    """Drop cached boxes (at the end of a page: the lines may be garbage collected)."""
    _CACHE.clear()
