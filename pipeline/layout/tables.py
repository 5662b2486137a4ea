"""Table regions: found from ruling lines (grids, three-line tables) or from aligned numeric cells,
kept out of paragraphs and read as rows of cells (a line never crosses a cell: the lines stage
splits rows at the white channels between cells)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from pipeline.layout.geometry import box_of
from pipeline.document import Box, Line, Piece, TableDraft

NUMERIC = regex.compile(r"^[-+−－]?[0-9０-９][0-9０-９,，.．%％‰]*$|^[-－—]$")
ROW_TOLERANCE = 0.4  # of the size: cells whose centres differ less share a row
ROW_PITCH = 2.6  # of the size: the widest distance between two rows of one table
CELL_GAP = 4.0  # of the size: the widest gap between two cells of one row
LABEL_WIDTH = 9.0  # of the size: the widest label cell
LABEL_REACH = 30.0  # of the size: how far left of the numbers a row's label may stand (a wide table)
MIN_NUMBERS = 4


@dataclass
class Table:
    bbox: Box
    lines: list[Line] = field(default_factory=list)


def _box(line: Line) -> Box:
    return box_of(line)


def _centre(line: Line) -> float:
    b = _box(line)
    return (b[1] + b[3]) / 2


def is_number(text: str) -> bool:
    return bool(NUMERIC.match(text.strip().replace(" ", "")))


def find_tables(lines: list[Line], rules: list[Box], body: float) -> list[Table]:
    tables = _ruled(lines, rules, body)
    taken = {id(l) for t in tables for l in t.lines}
    tables += _numeric(
        [l for l in lines if id(l) not in taken and not l.vertical], body)
    return tables


def _inside(line: Line, box: Box, slack: float) -> bool:
    x0, top, x1, bottom = _box(line)
    cy = (top + bottom) / 2
    return x0 >= box[0] - slack and x1 <= box[2] + slack and box[1] - slack <= cy <= box[3] + slack


def _ruled(lines: list[Line], rules: list[Box], body: float) -> list[Table]:
    """Three or more horizontal rules of one width, close together, with cells between."""
    horizontal = sorted((r for r in rules if r[3] - r[1] < 2.5 and r[2] - r[0] > 3 * body),
                        key=lambda r: (round(r[0]), round(r[2]), r[1]))
    groups: list[list[Box]] = []
    for r in horizontal:
        for g in groups:
            if abs(g[0][0] - r[0]) < 3 and abs(g[0][2] - r[2]) < 3 and r[1] - g[-1][1] < 12 * body:
                g.append(r)
                break
        else:
            groups.append([r])
    tables = []
    for g in groups:
        if len(g) < 3:
            continue
        box = (g[0][0], g[0][1], g[0][2], g[-1][3])
        if box[3] - box[1] > 40 * body:
            continue
        inside = [l for l in lines if _inside(l, box, 1.0)]
        rows = _rows(inside)
        if len(rows) < 2 or sum(1 for r in rows if len(r) >= 2) < 2:
            continue
        tables.append(Table(box, inside))
    return tables


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in sorted(lines, key=_centre):
        size = line.size or 10.0
        if rows and abs(_centre(line) - _centre(rows[-1][0])) <= ROW_TOLERANCE * size:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(r, key=lambda l: _box(l)[0]) for r in rows]


def _numeric(lines: list[Line], body: float) -> list[Table]:
    """Numbers aligned in rows and columns, with the label cells and header row beside them."""
    numbers = [l for l in lines if is_number(l.text) and (l.size or body) < 1.3 * body]
    if len(numbers) < 3:
        return []
    # Connected components: two numbers are linked when they share a row (close) or a column.
    parent = list(range(len(numbers)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    boxes = [_box(l) for l in numbers]
    order = sorted(range(len(numbers)), key=lambda i: boxes[i][1])
    for ai, i in enumerate(order):
        a = boxes[i]
        size = numbers[i].size or body
        for j in order[ai + 1 :]:
            b = boxes[j]
            if b[1] - a[3] > ROW_PITCH * size:
                break
            same_row = abs((a[1] + a[3]) / 2 - (b[1] + b[3]) / 2) <= ROW_TOLERANCE * size and \
                max(a[0], b[0]) - min(a[2], b[2]) <= CELL_GAP * size
            same_col = (min(a[2], b[2]) - max(a[0], b[0]) > 0 or abs(a[2] - b[2]) < 0.6 * size) and \
                b[1] - a[3] <= ROW_PITCH * size
            if same_row or same_col:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(numbers)):
        groups.setdefault(find(i), []).append(i)
    tables = []
    for members in groups.values():
        cells = [numbers[i] for i in members]
        rows = _rows(cells)
        if len(rows) < 2:
            continue
        if len(cells) >= MIN_NUMBERS:
            tables.append(_grow(cells, lines, body))
            continue
        # A single column of numbers (three or more, set flush right) is a table when every
        # one of its rows has a label and a header stands above.
        if len(rows) >= 3 and max(_box(c)[2] for c in cells) - min(_box(c)[2] for c in cells) <= 1.0:
            table = _grow(cells, lines, body)
            if len(_rows(table.lines)) == len(rows) + 1 and all(len(r) >= 2 for r in _rows(table.lines)):
                tables.append(table)
    return tables


def _grow(cells: list[Line], lines: list[Line], body: float) -> Table:
    """Add the row labels left of the numbers and the header row above them.

    Labels are the nearest lines left of a row's numbers that start at one x (a label column
    is set flush left); the header is the row of short lines just above the numbers."""
    ids = {id(c) for c in cells}
    boxes = [_box(c) for c in cells]
    x0, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    size = cells[0].size or body
    centres = sorted({round(_centre(c), 1) for c in cells})
    nearest: dict[float, Line] = {}
    for line in lines:
        if id(line) in ids or (line.size or body) >= 1.3 * body:
            continue
        b = _box(line)
        s = line.size or body
        if b[2] > x0 + 1 or b[2] - b[0] > LABEL_WIDTH * s:
            continue
        for c in centres:
            if abs(_centre(line) - c) <= ROW_TOLERANCE * s and (c not in nearest or _box(nearest[c])[2] < b[2]):
                nearest[c] = line
    members = list(cells)
    if nearest:
        # The label column: the left edge most of the candidates share.
        edges = [round(_box(l)[0]) for l in nearest.values()]
        edge = max(set(edges), key=lambda e: (sum(abs(x - e) <= 1 for x in edges), -e))
        labels = [l for l in nearest.values() if abs(_box(l)[0] - edge) <= 1.5]
        # A label column set far out (a table spread over a wide measure) must label every
        # row, with nothing but white between it and the numbers.
        far = any(x0 - _box(l)[2] > LABEL_REACH * (l.size or body) for l in labels)
        if far and (len(labels) < len(centres) or any(_between(l, x0, lines) for l in labels)):
            labels = []
        if labels and 2 * len(labels) >= len(centres):
            members += labels
    left = min(_box(m)[0] for m in members)
    above = [l for l in lines if id(l) not in ids and _box(l)[3] <= top + 1 and top - _box(l)[3] <= ROW_PITCH * size
             and _box(l)[0] >= left - size and _box(l)[2] <= x1 + size and (l.size or body) < 1.3 * body]
    if above:
        header_centre = max(_centre(l) for l in above)
        members += [l for l in above if abs(_centre(l) - header_centre) <= ROW_TOLERANCE * size]
    bs = [_box(m) for m in members]
    box = (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))
    return Table(box, members)


def _between(label: Line, x0: float, lines: list[Line]) -> bool:
    """Whether any line stands on the label's row between it and `x0`."""
    b = _box(label)
    return any(o is not label and _box(o)[0] >= b[2] - 1 and _box(o)[2] <= x0 + 1
               and _box(o)[1] < b[3] and _box(o)[3] > b[1] for o in lines)


def table_draft(table: Table, page: int) -> TableDraft:
    rows = _rows(table.lines)
    pieces = [[Piece.from_lines([cell]) for cell in row] for row in rows]
    header_rows = 1 if len(rows) > 1 and not any(is_number(c.text) for c in rows[0]) and \
        any(is_number(c.text) for r in rows[1:] for c in r) else 0
    body_rows = rows[header_rows:]
    header_cols = 1 if body_rows and all(len(r) > 1 and not is_number(r[0].text) for r in body_rows) and \
        any(is_number(c.text) for r in body_rows for c in r[1:]) else 0
    return TableDraft(page=page, bbox=table.bbox, rows=pieces, header_rows=header_rows, header_cols=header_cols)


def table_of(line: Line, tables: list[Table]) -> Optional[Table]:
    for t in tables:
        if any(l is line for l in t.lines):
            return t
    return None
