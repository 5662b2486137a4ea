"""Glyphs to printed lines: the geometry step between ingest and repair.

1. Characters stacked in a narrow column (a vertical headline) become vertical lines.
2. The other glyphs are chained into tight fragments: same baseline and size, next to each
   other (a gap under 0.2 em). A fragment never crosses a gutter.
3. Gutters are found from the whole page: white channels running down several lines
   (`gutters.find_channels`). A channel is a gutter only when the lines beside it say so: in
   most rows where text stands on both sides, the gap across it is wider than the spacing of
   the characters next to it. (A justified line spread wide leaves gaps as wide as a narrow
   gutter; where such gaps happen to line up with white space above and below, the channel
   they make is not a gutter: the line's own spacing is as wide.) Printed column rules, box
   edges and photos separate too.
4. Fragments of one row are joined into a line unless a gutter or separator lies between them
   or the gap is wider than text ever leaves inside a line. Large type (titles, display type)
   joins only across a gap narrower than a character: phrases set apart on one title line stay
   separate lines, and layout, which knows the articles, decides whether they are one title.

Every line keeps one box per character, its dominant size, a bold flag and, for OCR glyphs,
its lowest confidence.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from operator import itemgetter
from collections import Counter, defaultdict
from statistics import median
from typing import Optional

from pipeline.document import Box, Line, RawPage
from pipeline.layout.gutters import find_channels

FRAGMENT_GAP = 0.2  # of the size: a wider gap between two glyphs ends a fragment
ROW_BUCKET = 4.0  # points: rows are looked up in bands this high
ROW_OVERLAP = 0.5  # share of the smaller height two glyphs of one row overlap by
SIZE_RATIO = 1.3  # glyphs more different in size are not one line
LINE_GAP = 1.3  # of the size: body text never leaves a wider gap inside a line
TITLE_RATIO = 1.3  # of the body size: large type
LARGE_GAP = 0.6  # of the size: large type joins across narrower gaps only
SPACE_GAP = 0.6  # of the size: a gap this wide inside a line reads as a space...
SPACE_OVER = 0.3  # ... and, in a line of three joints or more, this much wider than most
SPREAD_JOINTS = 3
LATIN_SPACE_GAP = 0.15  # between two Latin letters or digits
NEIGHBOUR_SPACING = 1.0  # of the size: a closer neighbour in the row sets a line's spacing...
SHORT = 4  # ... for fragments of fewer glyphs (the pieces of a widely spread line)
GUTTER_SPACING = 1.25  # a gutter is this much wider than the spacing beside it...
GUTTER_MARGIN = 0.05  # ... plus this share of the size
SAME_SPACING = 1.05  # a gap no wider than this times its line's spacing is that spacing
ALIGNED = 0.05  # of the size: text this close to a channel's edge is aligned on it
EDGE_ROWS = 3  # rows aligned on both edges of a channel make it a column edge
TOUCH = 0.3  # of the size: text this close to a channel's edge comes up to it
STACK_GAP = 0.25  # of the size: stacked characters closer than this are vertical text
STACK_ALIGN = 0.2  # of the size: how far the characters of a vertical line may wander
BOLD_HINTS = ("bold", "heavy", "black", "hei", "demi")


def page_lines(page: RawPage) -> list[Line]:
    """The page's lines: as ingested for text input, else built from its glyphs."""
    if not page.glyphs:
        return page.lines
    return glyphs_to_lines(page.glyphs, page.number, page.rules, page.rects, page.images,
                           page.width)


class _Fragment:
    __slots__ = ("glyphs", "x0", "top", "x1", "bottom", "size", "spacing")

    def __init__(self, glyph: dict, size: float):
        self.glyphs = [glyph]
        self.x0, self.top, self.x1, self.bottom = glyph["x0"], glyph["top"], glyph["x1"], glyph["bottom"]
        self.size = size
        self.spacing = 0.0  # the widest gap between two of its glyphs

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


def _body_size(fragments: list[_Fragment]) -> float:
    """The size most glyphs are set in (to the half point)."""
    counts: Counter = Counter()
    for f in fragments:
        counts[round(f.size * 2) / 2] += len(f.glyphs)
    return float(counts.most_common(1)[0][0]) if counts else 10.0


def glyphs_to_lines(glyphs: list[dict], page_number: int, rules: Optional[list[Box]] = None,
                    rects: Optional[list[dict]] = None, images: Optional[list[Box]] = None,
                    width: Optional[float] = None) -> list[Line]:
    glyphs = [g for g in glyphs if g["text"]]
    fragments = _fragments(glyphs)
    if not fragments:
        return []
    body = _body_size(fragments)
    vertical, fragments = _vertical_stacks(fragments)
    obstacles = [f.box for f in fragments] + list(images or [])
    left = min(f.x0 for f in fragments) if fragments else 0.0
    right = max(f.x1 for f in fragments) if fragments else 0.0
    channels = find_channels(obstacles, left - body, right + body, body)
    walls = _walls(rules or [], rects or [], images or [])
    rows = [(round(top), x0, glyphs, False) for top, x0, glyphs in _join_rows(fragments, channels, walls, body)]
    rows += [(round(stack[0]["top"]), stack[0]["x0"], stack, True) for stack in vertical]
    rows.sort(key=lambda r: (r[0], r[1]))  # in reading position: by top, then left
    lines = [make_line(glyphs, page_number, vertical=v) for _, _, glyphs, v in rows]
    return [line for line in lines if line.text]


def _fragments(glyphs: list[dict]) -> list[_Fragment]:
    """Runs of glyphs on one baseline (same top and size), cut where a gap opens. Glyphs of one
    line set in several fonts make several fragments; `_join_rows` puts them together again."""
    rows: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for g in glyphs:
        size = g.get("size") or (g["bottom"] - g["top"]) or 1.0
        rows[(round(g["top"] * 10), round(size * 10))].append(g)
    fragments: list[_Fragment] = []
    x0_of = itemgetter("x0")
    for key in sorted(rows):
        current: Optional[_Fragment] = None
        row = rows[key]
        row.sort(key=x0_of)
        size = float(row[0].get("size") or (row[0]["bottom"] - row[0]["top"]) or 1.0)  # one size a row
        low, high = -0.6 * size, FRAGMENT_GAP * size
        for g in row:
            if current is not None and low <= g["x0"] - current.x1 <= high:
                gap = g["x0"] - current.x1
                if gap > current.spacing:
                    current.spacing = gap
                current.glyphs.append(g)
                if g["x1"] > current.x1:
                    current.x1 = g["x1"]
                if g["top"] < current.top:
                    current.top = g["top"]
                if g["bottom"] > current.bottom:
                    current.bottom = g["bottom"]
                continue
            if not g["text"].strip():
                current = None  # a space only ever continues a fragment (a word space)
                continue
            current = _Fragment(g, size)
            fragments.append(current)
    return fragments


def _vertical_stacks(fragments: list[_Fragment]) -> tuple[list[list[dict]], list[_Fragment]]:
    """Single characters stacked tightly in a column, 3 or more: vertical text."""
    singles = [f for f in fragments if len(f.glyphs) == 1]
    columns: dict[int, list[_Fragment]] = defaultdict(list)
    for f in singles:
        columns[int(f.x0 // 4)].append(f)
    for members in columns.values():
        members.sort(key=lambda f: f.top)
    below: dict[int, _Fragment] = {}
    above: set[int] = set()
    for f in sorted(singles, key=lambda f: f.top):
        best: Optional[_Fragment] = None
        for key in (int(f.x0 // 4) - 1, int(f.x0 // 4), int(f.x0 // 4) + 1):
            for g in columns.get(key, ()):
                if g.top <= f.top or id(g) in above:
                    continue
                gap = g.top - f.bottom
                if gap > STACK_GAP * f.size:
                    break
                if abs(g.x0 - f.x0) <= STACK_ALIGN * f.size and gap >= -0.2 * f.size \
                        and 0.85 < g.size / f.size < 1.18 and (best is None or g.top < best.top):
                    best = g
        if best is not None:
            below[id(f)] = best
            above.add(id(best))
    stacks: list[list[_Fragment]] = []
    for f in singles:
        if id(f) in above or id(f) not in below:
            continue
        stack = [f]
        while id(stack[-1]) in below:
            stack.append(below[id(stack[-1])])
        if len(stack) >= 3:
            stacks.append(stack)
    used = {id(s) for stack in stacks for s in stack}
    return ([[s.glyphs[0] for s in stack] for stack in stacks],
            [f for f in fragments if id(f) not in used])


def _walls(rules: list[Box], rects: list[dict], images: list[Box]) -> list[Box]:
    """Printed vertical separators: column rules, the side edges of boxes, photos."""
    walls = [r for r in rules if (r[3] - r[1]) > 2 * (r[2] - r[0])]
    for r in rects:
        walls.append((r["x0"], r["top"], r["x0"], r["bottom"]))
        walls.append((r["x1"], r["top"], r["x1"], r["bottom"]))
    walls.extend(images)
    return walls


class _Channels:
    """Channels indexed by their left edge, to find those lying in a gap quickly."""

    def __init__(self, channels: list[Box]):
        self.items = sorted(channels)
        self.lefts = [c[0] for c in self.items]
        self.widest = max((c[2] - c[0] for c in self.items), default=0.0)

    def between(self, a: _Fragment, b: _Fragment) -> list[int]:
        """Indexes of the channels inside the gap from `a` to `b`, covering their row."""
        mid = (max(a.top, b.top) + min(a.bottom, b.bottom)) / 2
        lo, hi = a.x1 - 0.5, b.x0 + 0.5
        found = []
        for i in range(bisect_left(self.lefts, lo), len(self.items)):
            c = self.items[i]
            if c[0] > hi:
                break
            if c[2] <= hi and c[1] <= mid <= c[3]:
                found.append(i)
        return found


def _walled(a: _Fragment, b: _Fragment, walls: list[Box]) -> bool:
    mid = (max(a.top, b.top) + min(a.bottom, b.bottom)) / 2
    for w in walls:
        if w[2] >= a.x1 - 0.5 and w[0] <= b.x0 + 0.5 and w[1] <= mid <= w[3] and \
                (w[0] >= a.x1 - 1.0 or w[2] <= b.x0 + 1.0):
            return True
    return False


def _nearest_beside(a: _Fragment, keys: range,
                    index: dict[int, tuple[list[float], list[_Fragment]]],
                    rightward: bool) -> Optional[_Fragment]:
    """The nearest fragment sharing a's row on one side: scanning up from a's right edge
    (`index` by x0) or down from its left edge (`index` by x1), stopping once farther."""
    height = a.bottom - a.top
    best = None
    for key in keys:
        if key not in index:
            continue
        xs, members = index[key]
        if rightward:
            order = range(bisect_left(xs, a.x1 - 0.3 * a.size), len(xs))
        else:
            order = range(bisect_right(xs, a.x0 + 0.3 * a.size) - 1, -1, -1)
        for j in order:
            b = members[j]
            distance = round(b.x0 - a.x1 if rightward else a.x0 - b.x1, 1)
            if best is not None and distance > best[0][0]:
                break
            overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
            if b is not a and overlap >= ROW_OVERLAP * min(height, b.bottom - b.top):
                if best is None or (distance, -overlap) < best[0]:
                    best = ((distance, -overlap), b)
    return None if best is None else best[1]


def _row_neighbours(fragments: list[_Fragment]) -> dict[int, _Fragment]:
    """Each fragment's neighbour to the right in its row: the nearest fragment on the right
    whose nearest fragment on the left it is (lines of neighbouring columns set on other
    baselines overlap a row too, and must not take a neighbour from it)."""
    buckets: dict[int, list[_Fragment]] = defaultdict(list)
    for f in fragments:
        buckets[int(((f.top + f.bottom) / 2) // ROW_BUCKET)].append(f)
    by_x0: dict[int, tuple[list[float], list[_Fragment]]] = {}
    by_x1: dict[int, tuple[list[float], list[_Fragment]]] = {}
    for key, members in buckets.items():
        members.sort(key=lambda f: f.x0)
        by_x0[key] = ([f.x0 for f in members], members)
        ordered = sorted(members, key=lambda f: f.x1)
        by_x1[key] = ([f.x1 for f in ordered], ordered)
    right: dict[int, _Fragment] = {}
    left: dict[int, _Fragment] = {}
    for a in fragments:
        centre = (a.top + a.bottom) / 2
        keys = range(int((centre - 0.5 * a.size) // ROW_BUCKET), int((centre + 0.5 * a.size) // ROW_BUCKET) + 1)
        found = _nearest_beside(a, keys, by_x0, rightward=True)
        if found is not None:
            right[id(a)] = found
        found = _nearest_beside(a, keys, by_x1, rightward=False)
        if found is not None:
            left[id(a)] = found
    nxt: dict[int, _Fragment] = {}
    for a in fragments:
        b = right.get(id(a))
        if b is not None and left.get(id(b)) is a and 1 / SIZE_RATIO <= a.size / b.size <= SIZE_RATIO:
            nxt[id(a)] = b
    return nxt


def _gutters(fragments: list[_Fragment], nxt: dict[int, _Fragment], channels: _Channels,
             body: float) -> tuple[dict[int, list[int]], set[int], set[int], set[int]]:
    """For each neighbour pair (keyed by its left fragment) the channels between them; which
    channels are gutters; which of those are column edges (lines end exactly at their left
    and begin exactly at their right, row after row); and the pairs spaced like the rest of
    their line, split only at a column edge."""
    prev = {id(b): a for a in fragments if id(a) in nxt for b in (nxt[id(a)],)}
    between: dict[int, list[int]] = {}
    inside: set[int] = set()
    votes: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # channel -> [for, against]
    aligned: dict[int, list[int]] = defaultdict(lambda: [0, 0])  # rows ending / beginning on it
    for a in fragments:
        b = nxt.get(id(a))
        if b is None:
            continue
        found = channels.between(a, b)
        if not found:
            continue
        between[id(a)] = found
        size = min(a.size, b.size)
        gap = b.x0 - a.x1
        spacing = max(a.spacing, b.spacing)
        # A line spread wider than a fragment allows falls apart into short fragments: their
        # spacing is the gap to their neighbour in the row.
        before = prev.get(id(a))
        if before is not None and len(a.glyphs) < SHORT and a.x0 - before.x1 < NEIGHBOUR_SPACING * size:
            spacing = max(spacing, a.x0 - before.x1)
        after = nxt.get(id(b))
        if after is not None and len(b.glyphs) < SHORT and after.x0 - b.x1 < NEIGHBOUR_SPACING * size:
            spacing = max(spacing, after.x0 - b.x1)
        wide = gap > GUTTER_SPACING * spacing + GUTTER_MARGIN * size
        if gap <= SAME_SPACING * spacing + 0.02 * size:
            inside.add(id(a))
        for i in found:
            c = channels.items[i]
            # Only rows whose text comes up to the channel speak for it (a row with a wider
            # white gap around it says nothing about it); against it, only a row that fills
            # it from edge to edge.
            left, right = c[0] - a.x1 < TOUCH * size, b.x0 - c[2] < TOUCH * size
            if wide and (left or right):
                votes[i][0] += 1
            elif not wide and left and right:
                votes[i][1] += 1
            aligned[i][0] += c[0] - a.x1 < ALIGNED * size
            aligned[i][1] += b.x0 - c[2] < ALIGNED * size
    gutters = {i for i, (yes, no) in votes.items() if yes > 2 * no}
    # (Characters of widely spread lines, all spread alike, align too: their rows speak
    # against the channel.)
    edges = {i for i, (ends, begins) in aligned.items() if ends >= EDGE_ROWS and begins >= EDGE_ROWS
             and votes[i][0] >= votes[i][1]}
    return between, gutters | edges, edges, inside


def _join_rows(fragments: list[_Fragment], channels: list[Box], walls: list[Box],
               body: float) -> list[tuple[float, float, list[dict]]]:
    """Join each fragment to its right-hand neighbour in the same row when nothing separates
    them; a joint with a wide gap carries a space. Returns (top, left, glyphs) per line."""
    index = _Channels(channels)
    nxt = _row_neighbours(fragments)
    between, gutters, edges, inside = _gutters(fragments, nxt, index, body)
    joined: dict[int, _Fragment] = {}
    for a in fragments:
        b = nxt.get(id(a))
        if b is None:
            continue
        gap = b.x0 - a.x1
        size = min(a.size, b.size)
        if max(a.size, b.size) >= TITLE_RATIO * body:
            same_line = abs(a.bottom - b.bottom) < 0.15 * size and abs(a.size / b.size - 1) < 0.06
            if not same_line or gap > LARGE_GAP * size:
                continue
        elif gap > LINE_GAP * size:
            continue
        found = between.get(id(a), ())
        if any(i in (edges if id(a) in inside else gutters) for i in found) or _walled(a, b, walls):
            continue
        joined[id(a)] = b
    has_prev = {id(b) for b in joined.values()}
    groups: list[tuple[float, float, list[dict]]] = []
    for f in fragments:
        if id(f) in has_prev:
            continue
        chain = [f]
        while id(chain[-1]) in joined:
            chain.append(joined[id(chain[-1])])
        gaps = sorted(b.x0 - a.x1 for a, b in zip(chain, chain[1:]))
        # A line spread wide falls apart at every character: gaps like most of its others
        # are its spacing, not word spaces.
        usual = gaps[len(gaps) // 2] if len(gaps) >= SPREAD_JOINTS else None
        glyphs: list[dict] = []
        for prev, current in zip([None] + chain, chain):
            if prev is not None:
                gap = current.x0 - prev.x1
                size = min(prev.size, current.size)
                last, first = prev.glyphs[-1]["text"][-1:], current.glyphs[0]["text"][:1]
                latin = last.isascii() and last.isalnum() and first.isascii() and first.isalnum()
                wide = gap >= SPACE_GAP * size and (usual is None or gap >= usual + SPACE_OVER * size)
                if wide or (latin and gap >= LATIN_SPACE_GAP * prev.size):
                    glyphs.append({"text": " ", "x0": prev.x1, "top": prev.top, "x1": current.x0,
                                   "bottom": prev.bottom, "size": prev.size, "fontname": "", "space": True})
            glyphs.extend(current.glyphs)  # already in x order
        groups.append((min(c.top for c in chain), f.x0, glyphs))
    return groups


_BOLD: dict[str, bool] = {}


def _bold(fontname: str) -> bool:
    hit = _BOLD.get(fontname)
    if hit is None:
        hit = _BOLD[fontname] = any(h in fontname.lower() for h in BOLD_HINTS)
    return hit


def make_line(glyphs: list[dict], page_number: int, vertical: bool = False) -> Line:
    texts = [g["text"] for g in glyphs]
    text = "".join(texts)
    if len(text) == len(glyphs):  # one character a glyph: the usual case
        boxes: list[Optional[Box]] = [None if "space" in g else (g["x0"], g["top"], g["x1"], g["bottom"])
                                      for g in glyphs]
    else:
        boxes = []
        for g, t in zip(glyphs, texts):
            boxes.extend([None if "space" in g else (g["x0"], g["top"], g["x1"], g["bottom"])] * len(t))
    sizes = [float(g.get("size") or 0) for g in glyphs if "space" not in g]
    bold = any(_bold(str(name)) for name in {g.get("fontname", "") for g in glyphs if "space" not in g})
    confidences = [float(g["conf"]) for g in glyphs if g.get("conf") is not None] if "conf" in glyphs[0] else []
    # Strip surrounding spaces, keeping boxes aligned.
    stripped = text.strip()
    if len(stripped) != len(text):
        lead = len(text) - len(text.lstrip())
        boxes = boxes[lead : lead + len(stripped)]
    size = round(median(sizes), 2) if sizes else None
    confidence = round(min(confidences), 3) if confidences else None
    return Line(stripped, page_number, boxes, size, bold, confidence=confidence, vertical=vertical)
