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

    def add(self, line: Line) -> None:
        self.lines.append(line)
        b = box_of(line)
        self.box = (min(self.box[0], b[0]), min(self.box[1], b[1]), max(self.box[2], b[2]),
                    max(self.box[3], b[3]))
        self.widest = max(self.widest, b[2] - b[0])

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
    open_blocks: list[Block] = []
    for line in sorted(lines, key=lambda l: (box_of(l)[1], box_of(l)[0])):
        x0, top, x1, bottom = box_of(line)
        size = line.size or 10.0
        best = None
        for block in open_blocks:
            last = block.lines[-1]
            lx0, ltop, lx1, lbottom = box_of(last)
            gap = top - lbottom
            if gap < -0.3 * size or gap > LINE_PITCH * size:
                continue
            ratio = size / (last.size or size)
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
                best = (gap, block)
        if best is not None:
            best[1].add(line)
        else:
            block = Block([line], box_of(line), x1 - x0)
            blocks.append(block)
            open_blocks.append(block)
        open_blocks = [b for b in open_blocks if b.box[3] > top - 3 * size]
    return blocks
