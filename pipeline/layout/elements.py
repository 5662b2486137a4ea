"""What a page region is made of once titles are set apart: column blocks of lines, photos and
tables, and the box helpers every layout step uses."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from pipeline.document import Box, Line
from pipeline.layout.geometry import box_of
from pipeline.layout.tables import Table

SAME_SIZE = 1.06  # lines of one block differ in size by less than this ratio
LINE_PITCH = 1.6  # of the size: the widest white gap between two lines of one block


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


@dataclass
class Block:
    """Lines of one column read one after another (no gutter, photo or title between)."""

    lines: list[Line]
    box: Box
    widest: float = 0.0

    @property
    def size(self) -> float:
        return self.lines[0].size or 10.0


@dataclass
class Photo:
    box: Box


Element = Union[Block, Photo, Table]


def element_box(e: Element) -> Box:
    return e.bbox if isinstance(e, Table) else e.box


def make_blocks(lines: list[Line], obstacles: list[Box]) -> list[Block]:
    """Runs of lines down one column: each line joins the block whose last line is just above
    it, overlaps it and is of the same size, unless it would widen the block across a gutter
    or an obstacle (photo, table) lies between."""
    blocks: list[Block] = []
    open_blocks: list[tuple[Block, Box, float]] = []  # block, its last line's box and size
    placed = sorted(((box_of(l), l) for l in lines), key=lambda p: (p[0][1], p[0][0]))
    for (x0, top, x1, bottom), line in placed:
        size = line.size or 10.0
        best = None
        for k, (block, (lx0, ltop, lx1, lbottom), lsize) in enumerate(open_blocks):
            gap = top - lbottom
            if gap < -0.3 * size or gap > LINE_PITCH * size:
                continue
            ratio = size / lsize
            if ratio > SAME_SIZE or ratio < 1 / SAME_SIZE:
                continue
            bx0, _, bx1, _ = block.box
            overlap = min(x1, bx1) - max(x0, bx0)
            if overlap < 0.5 * min(x1 - x0, bx1 - bx0):
                continue
            if x0 < bx0 - 1.5 * size or x1 > bx1 + 1.5 * size:
                if (x1 - x0) > 1.25 * block.widest or len(block.lines) > 1 and (x0 < bx0 - 3 * size or x1 > bx1 + 3 * size):
                    continue
            if any(o[1] >= lbottom - 1 and o[3] <= top + 1 and min(o[2], x1) > max(o[0], x0) for o in obstacles):
                continue
            if best is None or gap < best[0]:
                best = (gap, k)
        box = (x0, top, x1, bottom)
        if best is not None:
            block = open_blocks[best[1]][0]
            block.lines.append(line)
            block.box = (min(block.box[0], x0), block.box[1], max(block.box[2], x1), max(block.box[3], bottom))
            block.widest = max(block.widest, x1 - x0)
            open_blocks[best[1]] = (block, box, size)
        else:
            block = Block([line], box, x1 - x0)
            blocks.append(block)
            open_blocks.append((block, box, size))
        open_blocks = [o for o in open_blocks if o[0].box[3] > top - 3 * size]
    return blocks
