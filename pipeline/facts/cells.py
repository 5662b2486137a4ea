"""Table cells: the text is read region by region so no number crosses a cell edge.

A caller that knows the table layout passes `cells` as (start, end, subject)
spans of the text.  Each cell is read on its own characters only (two adjacent
cells never merge into one number, whatever separates them), and the prose
between cells is read as its own regions.  Cells that overlap an earlier cell,
are empty or fall outside the text are ignored.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Iterable, NamedTuple

from .mention import Token

Cell = tuple[int, int, str]


class Region(NamedTuple):
    start: int
    end: int
    subject: str | None  # the cell's headers; None for prose or a cell without headers
    is_cell: bool


def regions(length: int, cells: Iterable[Cell]) -> list[Region]:
    """Cells and the gaps between them, in text order, tiling [0, length)."""
    clean: list[Cell] = []
    for cell in sorted(((int(s), int(e), subj) for s, e, subj in cells), key=lambda c: (c[0], c[1])):
        s, e, subj = max(0, cell[0]), min(length, cell[1]), cell[2]
        if s >= e or (clean and s < clean[-1][1]):
            continue
        clean.append((s, e, subj))
    out: list[Region] = []
    pos = 0
    for s, e, subj in clean:
        if s > pos:
            out.append(Region(pos, s, None, False))
        out.append(Region(s, e, subj if isinstance(subj, str) and subj.strip() else None, True))
        pos = e
    if pos < length or not out:
        out.append(Region(pos, length, None, False))
    return out


def clip_tokens(tokens: list[Token], starts: list[int], start: int, end: int) -> list[Token]:
    """Tokens of [start, end), cut at its edges and shifted to start at 0."""
    i = max(0, bisect_left(starts, start) - 1)
    out: list[Token] = []
    while i < len(tokens) and tokens[i][0] < end:
        s, e, pos = tokens[i]
        s, e = max(s, start), min(e, end)
        if s < e:
            out.append((s - start, e - start, pos))
        i += 1
    return out
