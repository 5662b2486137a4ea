"""Sets of character spans with logarithmic look-ups."""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

Span = tuple[int, int]


def disjoint(spans: Iterable[Span]) -> list[Span]:
    """Merge overlapping spans into sorted, non-overlapping ones."""
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


class SpanSet:
    """Sorted, non-overlapping (start, end) spans with O(log n) membership."""

    def __init__(self, spans: Iterable[Span]):
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]

    def __bool__(self) -> bool:
        return bool(self.starts)

    def encloses(self, start: int, end: int) -> bool:
        """A span strictly enclosing [start, end)."""
        i = bisect_right(self.starts, start - 1) - 1
        return i >= 0 and self.starts[i] < start and end < self.ends[i]

    def containing(self, pos: int) -> int | None:
        """Index of the span containing `pos`, else None."""
        i = bisect_right(self.starts, pos) - 1
        return i if i >= 0 and pos < self.ends[i] else None
