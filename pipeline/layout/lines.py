"""Glyphs to printed lines: the geometry step between ingest and repair.

1. Characters stacked in a narrow column (a vertical headline) become vertical lines.
2. The other glyphs are chained into tight fragments: same baseline and size, next to each
   other (a gap under 0.2 em). A fragment never crosses a gutter.
3. Gutters are found from the whole page: white channels running down several lines
   (`gutters.find_channels`), plus printed column rules, box edges and photos.
4. Fragments of one row are joined into a line unless a gutter or separator lies between them
   or the gap is wider than text ever leaves inside a line. Large type (titles) may keep a wide
   gap inside a line (a two-part headline): it becomes a space.

Every line keeps one box per character, its dominant size, a bold flag and, for OCR glyphs,
its lowest confidence.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from statistics import median
from typing import Optional

from pipeline.document import Box, Line, RawPage
from pipeline.layout.gutters import find_channels

FRAGMENT_GAP = 0.2  # of the size: a wider gap between two glyphs ends a fragment
ROW_OVERLAP = 0.5  # share of the smaller height two glyphs of one row overlap by
SIZE_RATIO = 1.3  # glyphs more different in size are not one fragment
LINE_GAP = 1.3  # of the size: body text never leaves a wider gap inside a line
TITLE_RATIO = 1.3  # of the body size: large type, whose lines may hold a wide gap
TITLE_GAP = 3.2  # of the size: the widest gap inside a two-part headline
SPACE_GAP = 0.6  # of the size: a gap this wide inside a line reads as a space
LATIN_SPACE_GAP = 0.15  # between two Latin letters or digits
STACK_GAP = 0.35  # of the size: stacked characters closer than this are vertical text
STACK_ALIGN = 0.2  # of the size: how far the characters of a vertical line may wander
BOLD_HINTS = ("bold", "heavy", "black", "hei", "demi")


def page_lines(page: RawPage) -> list[Line]:
    """The page's lines: as ingested for text input, else built from its glyphs."""
    if not page.glyphs:
        return page.lines
    return glyphs_to_lines(page.glyphs, page.number, page.rules, page.rects, page.images,
                           page.width)


class _Fragment:
    __slots__ = ("glyphs", "x0", "top", "x1", "bottom", "size")

    def __init__(self, glyph: dict, size: float):
        self.glyphs = [glyph]
        self.x0, self.top, self.x1, self.bottom = glyph["x0"], glyph["top"], glyph["x1"], glyph["bottom"]
        self.size = size

    def add(self, glyph: dict) -> None:
        self.glyphs.append(glyph)
        self.x1 = max(self.x1, glyph["x1"])
        self.top = min(self.top, glyph["top"])
        self.bottom = max(self.bottom, glyph["bottom"])

    @property
    def box(self) -> Box:
        return (self.x0, self.top, self.x1, self.bottom)


def _size(glyph: dict) -> float:
    return float(glyph.get("size") or (glyph["bottom"] - glyph["top"]) or 1.0)


def body_size_of(glyphs: list[dict]) -> float:
    counts: Counter = Counter(round(_size(g) * 2) / 2 for g in glyphs)
    return float(counts.most_common(1)[0][0]) if counts else 10.0


def glyphs_to_lines(glyphs: list[dict], page_number: int, rules: Optional[list[Box]] = None,
                    rects: Optional[list[dict]] = None, images: Optional[list[Box]] = None,
                    width: Optional[float] = None) -> list[Line]:
    glyphs = [g for g in glyphs if g["text"]]
    if not any(g["text"].strip() for g in glyphs):
        return []
    body = body_size_of([g for g in glyphs if g["text"].strip()])
    fragments = _fragments(glyphs)
    vertical, fragments = _vertical_stacks(fragments)
    obstacles = [f.box for f in fragments] + list(images or [])
    left = min(f.x0 for f in fragments) if fragments else 0.0
    right = max(f.x1 for f in fragments) if fragments else 0.0
    channels = find_channels(obstacles, left - body, right + body, body)
    walls = _walls(rules or [], rects or [], images or [])
    lines = [make_line(g, page_number) for g in _join_rows(fragments, channels, walls, body)]
    lines += [make_line(stack, page_number, vertical=True) for stack in vertical]
    lines = [line for line in lines if line.text.strip()]
    lines.sort(key=lambda l: (round(l.bbox[1]), l.bbox[0]))  # type: ignore[index]
    return lines


def _fragments(glyphs: list[dict]) -> list[_Fragment]:
    """Runs of glyphs on one baseline (same top and size), cut where a gap opens. Glyphs of one
    line set in several fonts make several fragments; `_join_rows` puts them together again."""
    # each glyph's row key computed once (round() is slow); the index keeps the sort stable
    keyed = sorted((round(g["top"], 1), round(size, 1), g["x0"], i, size, g)
                   for i, (g, size) in enumerate((g, _size(g)) for g in glyphs))
    fragments: list[_Fragment] = []
    current: Optional[_Fragment] = None
    key = None
    for top, rounded_size, _, _, size, g in keyed:
        k = (top, rounded_size)
        if current is not None and k == key and -0.6 * size <= g["x0"] - current.x1 <= FRAGMENT_GAP * size:
            current.add(g)
            continue
        if not g["text"].strip():
            current = None  # a space only ever continues a fragment (a word space)
            continue
        current = _Fragment(g, size)
        fragments.append(current)
        key = k
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


def _separated(a: _Fragment, b: _Fragment, channels: list[Box], walls: list[Box], body: float) -> bool:
    top = max(a.top, b.top)
    bottom = min(a.bottom, b.bottom)
    mid = (top + bottom) / 2
    for c in channels:
        if c[0] >= a.x1 - 0.5 and c[2] <= b.x0 + 0.5 and c[1] <= mid <= c[3]:
            return True
    for w in walls:
        if w[2] >= a.x1 - 0.5 and w[0] <= b.x0 + 0.5 and w[1] <= mid <= w[3] and \
                (w[0] >= a.x1 - 1.0 or w[2] <= b.x0 + 1.0):
            return True
    return False


def _join_rows(fragments: list[_Fragment], channels: list[Box], walls: list[Box], body: float) -> list[list[dict]]:
    """Join each fragment to its right-hand neighbour in the same row when nothing separates
    them; a joint with a wide gap carries a space."""
    order = sorted(fragments, key=lambda f: f.x0)
    buckets: dict[int, list[_Fragment]] = defaultdict(list)
    for f in order:
        buckets[int(((f.top + f.bottom) / 2) // 4)].append(f)
    nxt: dict[int, _Fragment] = {}
    has_prev: set[int] = set()
    for a in order:
        centre = (a.top + a.bottom) / 2
        height = a.bottom - a.top
        best: Optional[_Fragment] = None
        for key in range(int((centre - 0.5 * a.size) // 4), int((centre + 0.5 * a.size) // 4) + 1):
            for b in buckets.get(key, ()):
                if b is a or b.x0 < a.x1 - 0.3 * a.size or id(b) in has_prev:
                    continue
                overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
                if overlap < ROW_OVERLAP * min(height, b.bottom - b.top):
                    continue
                if best is None or b.x0 < best.x0:
                    best = b
        if best is None:
            continue
        gap = best.x0 - a.x1
        size = min(a.size, best.size)
        ratio = a.size / best.size
        if ratio > SIZE_RATIO or ratio < 1 / SIZE_RATIO:
            continue
        large = size >= TITLE_RATIO * body
        if large:
            same_line = abs(a.bottom - best.bottom) < 0.15 * size and abs(ratio - 1) < 0.06
            if not same_line or gap > TITLE_GAP * size or _walled(a, best, walls) or \
                    _gutter_below(a, best, channels, body):
                continue
        elif gap > LINE_GAP * size or _separated(a, best, channels, walls, body):
            continue
        nxt[id(a)] = best
        has_prev.add(id(best))
    groups: list[list[dict]] = []
    for f in order:
        if id(f) in has_prev:
            continue
        glyphs: list[dict] = []
        current: Optional[_Fragment] = f
        prev: Optional[_Fragment] = None
        while current is not None:
            if prev is not None:
                gap = current.x0 - prev.x1
                last, first = prev.glyphs[-1]["text"][-1:], current.glyphs[0]["text"][:1]
                latin = last.isascii() and last.isalnum() and first.isascii() and first.isalnum()
                if gap >= SPACE_GAP * min(prev.size, current.size) or (latin and gap >= LATIN_SPACE_GAP * prev.size):
                    glyphs.append({"text": " ", "x0": prev.x1, "top": prev.top, "x1": current.x0,
                                   "bottom": prev.bottom, "size": prev.size, "fontname": "", "space": True})
            glyphs.extend(sorted(current.glyphs, key=lambda g: g["x0"]))
            prev, current = current, nxt.get(id(current))
        groups.append(glyphs)
    return groups


def _gutter_below(a: _Fragment, b: _Fragment, channels: list[Box], body: float) -> bool:
    """A body gutter runs up into the gap between two large fragments: two titles side by side
    over their own columns, not one title with a gap."""
    bottom = max(a.bottom, b.bottom)
    for c in channels:
        if c[0] >= a.x1 - 0.5 and c[2] <= b.x0 + 0.5 and c[1] <= bottom and c[3] >= bottom + 3 * body \
                and c[2] - c[0] < 3 * body:
            return True
    return False


def _walled(a: _Fragment, b: _Fragment, walls: list[Box]) -> bool:
    return _separated(a, b, [], walls, 0.0)


def make_line(glyphs: list[dict], page_number: int, vertical: bool = False) -> Line:
    text_parts: list[str] = []
    boxes: list[Optional[Box]] = []
    for glyph in glyphs:
        part = glyph["text"]
        text_parts.append(part)
        box = None if glyph.get("space") else \
            (float(glyph["x0"]), float(glyph["top"]), float(glyph["x1"]), float(glyph["bottom"]))
        if len(part) == 1:
            boxes.append(box)
        else:
            boxes.extend([box] * len(part))
    text = "".join(text_parts)
    # Strip surrounding spaces, keeping boxes aligned.
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    boxes = boxes[lead : lead + len(text)]
    sizes = [float(g.get("size") or 0) for g in glyphs if g["text"].strip()]
    size = round(median(sizes), 2) if sizes else None
    fonts = {str(g.get("fontname", "")).lower() for g in glyphs}  # a line has one or two
    bold = any(hint in font for font in fonts for hint in BOLD_HINTS)
    confidences = [float(g["conf"]) for g in glyphs if g.get("conf") is not None]
    confidence = round(min(confidences), 3) if confidences else None
    return Line(text, page_number, boxes, size, bold, confidence=confidence, vertical=vertical)
