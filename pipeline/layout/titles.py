"""Titles: lines set well above the body size, grouped into one stack per article (kicker,
headline, subheadline), and characters stacked vertically beside an article.

Phrases set apart on one title line (a two-part headline) come from the lines stage as separate
lines; they are one title when the whole line is centred over the columns below it, unless each
phrase is centred over columns of its own (two articles side by side, their titles level).

A title line that fills the width its article gives it and goes on in the next line is one
wrapped phrase (joined without a space); lines that leave room at their ends are phrases of
their own (joined with a space).
"""
from __future__ import annotations

from typing import Optional

from pipeline.document import ArticleDraft, Box, Line, Piece
from pipeline.layout.elements import union
from pipeline.layout.geometry import box_of

TITLE_RATIO = 1.3  # size over body size from which a line belongs to a title
VERTICAL_TITLE_RATIO = 1.15
HEADLINE_SHARE = 0.85  # of the largest size in a stack: the headline's lines
ROW_GAP = 3.0  # of the size: the widest gap inside a two-part title line
CENTRED = 0.6  # of the body size: how far a centred title may stand off its columns' centre
FIRST_ROW = 5.0  # of the body size: elements starting this close below the first are columns' tops
ALONE_GAP = 2.5  # of the size: phrases closer than this are one title unless columns say otherwise
STACK_GAP = 1.0  # of the size: the widest gap between two lines of one title
FULL = 0.9  # a line this share of the available width (plus a character and a half) is full
FULL_SLACK = 2.2  # characters: the room left, and one more where a mark that cannot begin a line took its predecessor down


def is_title_line(line: Line, body: float) -> bool:
    size = line.size or 0.0
    if line.vertical:
        return len(line.text) >= 2 and size >= VERTICAL_TITLE_RATIO * body
    return size >= TITLE_RATIO * body


def merge_rows(titles: list[Line], below: list[Box], walls: list[Box], body: float) -> list[Line]:
    """Phrases of one title line, set apart by a wide gap, joined with a space."""
    rows: list[list[Line]] = []
    for line in sorted((l for l in titles if not l.vertical), key=lambda l: (box_of(l)[3], box_of(l)[0])):
        b = box_of(line)
        for row in rows:
            last = row[-1]
            lb = box_of(last)
            size = last.size or body
            if abs(b[3] - lb[3]) < 0.15 * size and abs((line.size or body) / size - 1) < 0.06 \
                    and lb[2] <= b[0] + 0.1 * size:
                row.append(line)
                break
        else:
            rows.append([line])
    out = [l for l in titles if l.vertical]
    for row in rows:
        row.sort(key=lambda l: box_of(l)[0])
        current = [row[0]]
        for line in row[1:]:
            if _one_title(current, line, titles, below, walls, body):
                current.append(line)
            else:
                out.append(_joined(current))
                current = [line]
        out.append(_joined(current))
    return out


def _one_title(left: list[Line], right: Line, titles: list[Line], below: list[Box], walls: list[Box],
               body: float) -> bool:
    """Whether two phrases of one title row are one title (see the module docstring)."""
    a, b = union([box_of(l) for l in left]), box_of(right)
    size = right.size or body
    if b[0] - a[2] > ROW_GAP * size:
        return False
    mid = (a[1] + a[3]) / 2
    if any(w[0] >= a[2] - 1 and w[2] <= b[0] + 1 and w[1] <= mid <= w[3] for w in walls):
        return False
    # Title lines just above or below: one centred under a single phrase makes the phrases two
    # titles (each wrapped onto lines of its own); one centred under both makes them one.
    for other in titles:
        o = box_of(other)
        if other.vertical or not (-0.3 * size < o[1] - a[3] < STACK_GAP * size
                                  or -0.3 * size < a[1] - o[3] < STACK_GAP * size):
            continue
        centre = (o[0] + o[2]) / 2
        if abs(centre - (a[0] + b[2]) / 2) <= CENTRED * body:
            return True
        for piece, rest in ((a, b), (b, a)):
            if abs(centre - (piece[0] + piece[2]) / 2) <= CENTRED * body and not min(o[2], rest[2]) > max(o[0], rest[0]):
                return False
    columns = _first_below((a[0], b[2]), a[3], below, body)
    whole = _cover((a[0], b[2]), columns)
    if whole and _centred((a[0], b[2]), whole, body):
        return True
    left_cover, right_cover = _cover((a[0], a[2]), columns), _cover((b[0], b[2]), columns)
    if left_cover and right_cover and left_cover[1] < right_cover[0] \
            and _centred((a[0], a[2]), left_cover, body) and _centred((b[0], b[2]), right_cover, body):
        return False  # each phrase over columns of its own: two titles side by side
    return b[0] - a[2] <= ALONE_GAP * size


def _first_below(span: tuple[float, float], level: float, below: list[Box], body: float) -> list[Box]:
    """The elements met first going down from `level` under `span`: the tops of its columns."""
    under = [e for e in below if e[1] >= level and e[2] > span[0] and e[0] < span[1]]
    if not under:
        return []
    first = min(e[1] for e in under)
    return [e for e in under if e[1] <= first + FIRST_ROW * body]


def _cover(span: tuple[float, float], columns: list[Box]) -> Optional[tuple[float, float]]:
    """The extent of the columns `span` overlaps."""
    over = [c for c in columns if c[2] > span[0] and c[0] < span[1]]
    if not over:
        return None
    return min(c[0] for c in over), max(c[2] for c in over)


def _centred(span: tuple[float, float], cover: tuple[float, float], body: float) -> bool:
    return abs((span[0] + span[1]) / 2 - (cover[0] + cover[1]) / 2) <= CENTRED * body


def _joined(lines: list[Line]) -> Line:
    if len(lines) == 1:
        return lines[0]
    text = " ".join(l.text for l in lines)
    boxes: list[Optional[Box]] = []
    for i, l in enumerate(lines):
        if i:
            boxes.append(None)
        boxes.extend(l.boxes or [None] * len(l.text))
    return Line(text, lines[0].page, boxes, lines[0].size, any(l.bold for l in lines),
                confidence=min((l.confidence for l in lines if l.confidence is not None), default=None))


def title_stacks(titles: list[Line], body: float) -> list[list[Line]]:
    """Title lines grouped into one title each: vertically close and horizontally aligned."""
    stacks: list[list[Line]] = []
    for line in sorted((l for l in titles if not l.vertical), key=lambda l: box_of(l)[1]):
        x0, top, x1, _ = box_of(line)
        for stack in stacks:
            last = box_of(stack[-1])
            centre, last_centre = (x0 + x1) / 2, (last[0] + last[2]) / 2
            overlap = min(x1, last[2]) - max(x0, last[0])
            size = max(line.size or body, stack[-1].size or body)
            if -0.3 * size < top - last[3] < STACK_GAP * size and (
                    overlap > 0.5 * min(x1 - x0, last[2] - last[0]) or abs(centre - last_centre) < 2 * size):
                stack.append(line)
                break
        else:
            stacks.append([line])
    stacks += [[l] for l in titles if l.vertical]
    return stacks


def title_draft(stack: list[Line], available: float) -> ArticleDraft:
    """Kicker, headline and subheadline of a title stack; `available` is the width the title
    is set in (its article's)."""
    page = stack[0].page
    if stack[0].vertical:
        return ArticleDraft(headline=Piece.from_lines(stack), pages=[page])
    largest = max(l.size or 0 for l in stack)
    head = [i for i, l in enumerate(stack) if (l.size or 0) >= HEADLINE_SHARE * largest]
    first, last = head[0], head[-1]
    kicker, sub = stack[:first], stack[last + 1:]
    return ArticleDraft(
        headline=join_title(stack[first:last + 1], available),
        kicker=join_title(kicker, available) if kicker else None,
        subheadline=join_title(sub, available) if sub else None,
        pages=[page],
    )


def join_title(lines: list[Line], available: float) -> Piece:
    """A wrapped title joins without a space; phrases set on lines of their own keep one."""
    pieces: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        x0, _, x1, _ = box_of(prev)
        size = prev.size or 10.0
        if x1 - x0 + FULL_SLACK * size >= FULL * available:
            pieces[-1].append(line)
        else:
            pieces.append([line])
    return concat([Piece.from_lines(p) for p in pieces], " ")


def concat(pieces: list[Piece], sep: str) -> Piece:
    text = sep.join(p.text for p in pieces)
    boxes: list[Optional[Box]] = []
    repairs = []
    offset = 0
    for i, p in enumerate(pieces):
        if i:
            boxes.extend([None] * len(sep))
            offset += len(sep)
        boxes.extend(p.boxes if p.boxes is not None else [None] * len(p.text))
        repairs.extend(r.shifted(offset) for r in p.repairs)
        offset += len(p.text)
    return Piece(text, pieces[0].page if pieces else 1, boxes, repairs)
