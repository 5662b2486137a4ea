"""Rebuild articles from the printed lines of PDF pages (text layer or OCR alike: geometry only).

Per page:
1. Running head and foot are split off (`furniture`) and parsed into the edition data.
2. Tables are found (`tables`): ruled regions or aligned numeric cells.
3. Boxes: a dark (reversed) box, or a box without running text, is an advertisement, listed
   as a page item; a box with running text is a sidebar, laid out as a page of its own.
4. Titles: stacks of lines set well above the body size (kicker, headline, subheadline), and
   characters stacked vertically beside an article. Lines are grouped into column blocks.
5. Every block, photo and table goes to the title that governs it: a vertical title owns the
   blocks beside it down to the next title; otherwise the nearest title above whose "roof" (the
   white band its title stands in, up to the neighbouring content) covers the block. Blocks
   above every title form an untitled article (text continued from the previous page).
6. Each article's elements are ordered by XY-cut, columns first (`reading_order`), and read as
   byline, jump markers, credits, captions (small type under a photo), section headings
   (centred or larger, without sentence punctuation) and paragraphs (an indent opens one).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional, Union

from pipeline.layout.geometry import box_of, forget
from pipeline.document import (
    ArticleDraft, Box, Line, PageItem, PageLayout, Piece, RawPage, Section, TableDraft,
)
from pipeline.layout import text_rules as rules
from pipeline.layout.furniture import edition_of, furniture_items, split_furniture
from pipeline.layout.reading_order import xy_order
from pipeline.layout.tables import Table, find_tables, table_draft

TITLE_RATIO = 1.3  # size over body size from which a line belongs to a title
VERTICAL_TITLE_RATIO = 1.15
HEADING_RATIO = 1.05
CAPTION_RATIO = 0.97
INDENT = 1.2  # of the size: a first line set in this far opens a paragraph
CENTRED = 1.5  # of the size: margins on both sides of a centred line
LOW_CONFIDENCE = 0.6


def _box(line: Line) -> Box:
    return box_of(line)


def _union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def body_size(lines: list[Line]) -> float:
    """The size most characters are set in."""
    counts: Counter = Counter()
    for line in lines:
        if line.size:
            counts[round(line.size, 1)] += len(line.text)
    return float(counts.most_common(1)[0][0]) if counts else 10.0


@dataclass
class Block:
    """Lines of one column read one after another (no gutter, photo or title between)."""

    lines: list[Line]
    box: Box
    widest: float = 0.0

    def add(self, line: Line) -> None:
        self.lines.append(line)
        b = _box(line)
        self.box = (min(self.box[0], b[0]), min(self.box[1], b[1]), max(self.box[2], b[2]), max(self.box[3], b[3]))
        self.widest = max(self.widest, b[2] - b[0])


@dataclass
class Photo:
    box: Box


Element = Union[Block, Photo, Table]


def _element_box(e: Element) -> Box:
    return e.box if not isinstance(e, Table) else e.bbox


@dataclass
class _Article:
    title: list[Line]
    elements: list[Element] = field(default_factory=list)

    @property
    def title_box(self) -> Box:
        return _union([_box(l) for l in self.title])

    @property
    def box(self) -> Box:
        boxes = [_box(l) for l in self.title] + [_element_box(e) for e in self.elements]
        return _union(boxes)


# ---- titles ---------------------------------------------------------------------------------

def title_stacks(lines: list[Line], body: float) -> list[list[Line]]:
    """Large lines grouped into one title each: vertically close and horizontally aligned."""
    stacks: list[list[Line]] = []
    for line in sorted((l for l in lines if not l.vertical and (l.size or 0) >= TITLE_RATIO * body),
                       key=lambda l: _box(l)[1]):
        x0, top, x1, _ = _box(line)
        for stack in stacks:
            last = _box(stack[-1])
            if stack[-1].vertical:
                continue
            centre, last_centre = (x0 + x1) / 2, (last[0] + last[2]) / 2
            overlap = min(x1, last[2]) - max(x0, last[0])
            size = max(line.size or body, stack[-1].size or body)
            if -0.3 * size < top - last[3] < 1.0 * size and (
                    overlap > 0.5 * min(x1 - x0, last[2] - last[0]) or abs(centre - last_centre) < 2 * size):
                stack.append(line)
                break
        else:
            stacks.append([line])
    stacks += [[l] for l in lines if l.vertical and len(l.text) >= 2 and (l.size or 0) >= VERTICAL_TITLE_RATIO * body]
    return stacks


def _join_title(lines: list[Line], available: float) -> Piece:
    """A wrapped title joins without a space; separately centred phrases keep a space."""
    if len(lines) < 2:
        return Piece.from_lines(lines)
    parts = [lines[0]]
    pieces: list[list[Line]] = [parts]
    for prev, line in zip(lines, lines[1:]):
        x0, _, x1, _ = _box(prev)
        size = prev.size or 10.0
        if x1 - x0 >= available - 1.6 * size:
            pieces[-1].append(line)  # the previous line fills the width: the title wraps on
        else:
            pieces.append([line])
    joined = [Piece.from_lines(p) for p in pieces]
    return _concat(joined, " ")


def _concat(pieces: list[Piece], sep: str) -> Piece:
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


def _title_draft(title: list[Line], available: float) -> ArticleDraft:
    if not title or not title[0].text:
        return ArticleDraft(headline=Piece("", title[0].page if title else 1, []))
    if title[0].vertical:
        return ArticleDraft(headline=Piece.from_lines(title), pages=[title[0].page])
    largest = max(l.size or 0 for l in title)
    head = [i for i, l in enumerate(title) if (l.size or 0) >= 0.88 * largest]
    first, last = head[0], head[-1]
    kicker = title[:first]
    sub = title[last + 1 :]
    return ArticleDraft(
        headline=_join_title(title[first : last + 1], available),
        kicker=_join_title(kicker, available) if kicker else None,
        subheadline=_join_title(sub, available) if sub else None,
        pages=[title[0].page],
    )


# ---- blocks ---------------------------------------------------------------------------------

def make_blocks(lines: list[Line], obstacles: list[Box]) -> list[Block]:
    """Runs of lines down one column: each line joins the block whose last line is just above
    it, overlaps it and is of the same size, unless it would widen the block across a gutter."""
    blocks: list[Block] = []
    open_blocks: list[Block] = []
    for line in sorted(lines, key=lambda l: (_box(l)[1], _box(l)[0])):
        x0, top, x1, bottom = _box(line)
        size = line.size or 10.0
        best = None
        for block in open_blocks:
            last = block.lines[-1]
            lx0, ltop, lx1, lbottom = _box(last)
            gap = top - lbottom
            if gap < -0.3 * size or gap > 1.6 * size:
                continue
            ratio = size / (last.size or size)
            if ratio > 1.06 or ratio < 1 / 1.06:
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
            block = Block([line], _box(line), x1 - x0)
            blocks.append(block)
            open_blocks.append(block)
        open_blocks = [b for b in open_blocks if b.box[3] > top - 3 * size]
    return blocks


# ---- ownership ------------------------------------------------------------------------------

def _roof(title: Box, others: list[Box], walls: list[Box], left: float, right: float) -> tuple[float, float]:
    """The white band a title stands in: from the title sideways to the nearest content beside
    it (or a printed rule, or the region's edge)."""
    x0, top, x1, bottom = title
    h = bottom - top
    band_top, band_bottom = top + 0.2 * h, bottom - 0.2 * h
    lo, hi = left, right
    for o in others:
        if o[3] <= band_top or o[1] >= band_bottom:
            continue
        if o[2] <= x0 + 0.5:
            lo = max(lo, o[2])
        elif o[0] >= x1 - 0.5:
            hi = min(hi, o[0])
    for w in walls:
        if w[1] < band_bottom and w[3] > band_top:
            if w[2] <= x0:
                lo = max(lo, w[2])
            elif w[0] >= x1:
                hi = min(hi, w[0])
    return lo, hi


def _vertical_region(title: Box, elements: list[Box], titles: list[Box], walls: list[Box],
                     left: float, right: float, bottom_edge: float, body: float) -> Optional[Box]:
    """The region a vertical title governs: on the side where text sits close, out to the
    first content that passes by the title's top (a neighbour's column), down to the next title."""
    x0, top, x1, bottom = title
    beside = [e for e in elements if e[1] < bottom and e[3] > top]
    left_gap = min((x0 - e[2] for e in beside if e[2] <= x0 + 1), default=None)
    right_gap = min((e[0] - x1 for e in beside if e[0] >= x1 - 1), default=None)
    if left_gap is None and right_gap is None:
        return None
    to_right = left_gap is None or (right_gap is not None and right_gap <= left_gap)
    edge = right if to_right else left
    for e in elements + titles:
        crosses = e[1] < top - 1.0 * body and e[3] > top + 1.0 * body
        if e in titles and e[1] < bottom and e[3] > top:
            crosses = True
        if not crosses:
            continue
        if to_right and e[0] >= x1 - 1:
            edge = min(edge, e[0])
        elif not to_right and e[2] <= x0 + 1:
            edge = max(edge, e[2])
    for w in walls:
        if w[1] < bottom and w[3] > top and (w[3] - w[1]) > 2 * (bottom - top) and False:
            pass
    rx0, rx1 = (x1, edge) if to_right else (edge, x0)
    below = [t[1] for t in titles if t[1] > top + 1 and min(t[2], rx1) > max(t[0], rx0)]
    return (rx0, top - body, rx1, min(below, default=bottom_edge))


def assign(titles: list[list[Line]], elements: list[Element], walls: list[Box], body: float) -> tuple[list[_Article], list[Element]]:
    """Each element to the title that governs it; returns the articles and the orphans."""
    articles = [_Article(t) for t in titles]
    boxes = [_element_box(e) for e in elements]
    title_boxes = [a.title_box for a in articles]
    if not boxes and not title_boxes:
        return articles, []
    everything = boxes + title_boxes
    left = min(b[0] for b in everything)
    right = max(b[2] for b in everything)
    bottom_edge = max(b[3] for b in everything)
    regions: dict[int, Box] = {}
    roofs: dict[int, tuple[float, float]] = {}
    for i, a in enumerate(articles):
        tb = title_boxes[i]
        others = boxes + [b for j, b in enumerate(title_boxes) if j != i]
        if a.title[0].vertical:
            region = _vertical_region(tb, boxes, [b for j, b in enumerate(title_boxes) if j != i], walls,
                                      left, right, bottom_edge, body)
            if region is not None:
                regions[i] = region
        else:
            roofs[i] = _roof(tb, others, walls, left, right)
    orphans: list[Element] = []
    for e, b in zip(elements, boxes):
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        owner = None
        for i, r in regions.items():
            if r[0] - 1 <= cx <= r[2] + 1 and r[1] <= b[1] and b[1] < r[3]:
                owner = i
                break
        if owner is None:
            best = None
            width = max(b[2] - b[0], 1.0)
            for i, (lo, hi) in roofs.items():
                tb = title_boxes[i]
                if tb[3] > b[1] + 0.5 * body:
                    continue
                if min(b[2], hi) - max(b[0], lo) < 0.3 * width:
                    continue
                if best is None or tb[3] > title_boxes[best][3]:
                    best = i
            owner = best
        if owner is None:
            orphans.append(e)
        else:
            articles[owner].elements.append(e)
    return articles, orphans


# ---- reading an article ---------------------------------------------------------------------

def _columns(lines: list[Line]) -> list[tuple[float, float]]:
    """Column intervals: x-ranges of ordinary-width lines, merged where they overlap."""
    if not lines:
        return []
    widths = sorted(_box(l)[2] - _box(l)[0] for l in lines)
    typical = widths[len(widths) * 3 // 4]
    intervals = sorted((_box(l)[0], _box(l)[2]) for l in lines if _box(l)[2] - _box(l)[0] <= 1.15 * typical + 1)
    columns: list[list[float]] = []
    for x0, x1 in intervals:
        if columns and x0 < columns[-1][1] - 1.0:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def _column_of(box: Box, columns: list[tuple[float, float]]) -> tuple[float, float]:
    if not columns:
        return (box[0], box[2])
    centre = (box[0] + box[2]) / 2
    for c in columns:
        if c[0] - 1 <= box[0] and box[2] <= c[1] + 1:
            return c
    return min(columns, key=lambda c: 0 if c[0] <= centre <= c[1] else min(abs(centre - c[0]), abs(centre - c[1])))


def _caption_blocks(blocks: list[Block], photos: list[Box], body: float) -> set[int]:
    """Blocks in small type set right under (or over) a photo, within its width."""
    found: set[int] = set()
    for block in blocks:
        x0, top, x1, bottom = block.box
        size = block.lines[0].size or body
        if size >= CAPTION_RATIO * body and len(block.lines) > 3:
            continue
        for p in photos:
            under = -1 <= top - p[3] <= 1.6 * body
            over = -1 <= p[1] - bottom <= 1.0 * body
            if (under or over) and x0 >= p[0] - 2 and x1 <= p[2] + 2 and (size < CAPTION_RATIO * body):
                found.add(id(block))
                break
    return found


def read_article(article: _Article, page_number: int, body: float, photos: list[Box]) -> ArticleDraft:
    elements = xy_order(article.elements, _element_box)
    blocks = [e for e in elements if isinstance(e, Block)]
    body_boxes = [_element_box(e) for e in elements]
    available = 1e9
    if body_boxes and article.title and article.title[0].text and not article.title[0].vertical:
        # A title is centred over its article: the span is symmetric about the title's centre
        # and covers the body (which may not fill every column).
        tb = article.title_box
        centre = (tb[0] + tb[2]) / 2
        available = 2 * max(centre - min(b[0] for b in body_boxes), max(b[2] for b in body_boxes) - centre)
    draft = _title_draft(article.title, available)
    draft.pages = [page_number]
    captions = _caption_blocks(blocks, photos, body)
    body_lines = [l for b in blocks if id(b) not in captions for l in b.lines]
    columns = _columns([l for l in body_lines if abs((l.size or body) - body) < 0.15 * body] or body_lines)
    sections = [Section(heading=None)]
    paragraph: list[Line] = []

    def close_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            sections[-1].paragraphs.append(Piece.from_lines(paragraph))
            paragraph = []

    for element in elements:
        if isinstance(element, Table):
            draft.tables.append(table_draft(element, page_number))
            continue
        if isinstance(element, Photo):
            continue
        if id(element) in captions:
            draft.captions.append(Piece.from_lines(element.lines))
            continue
        for line in element.lines:
            text = line.text.strip()
            size = line.size or body
            x0, top, x1, bottom = _box(line)
            column = _column_of((x0, top, x1, bottom), columns)
            jump = rules.jump_marker(text)
            if jump is not None:
                kind, label = jump
                if kind == "to":
                    draft.jump_to = label
                else:
                    draft.jump_from = label
                continue
            if rules.is_credit(text):
                draft.credits.append(Piece.from_lines([line]))
                continue
            if not draft.byline and not any(s.paragraphs for s in sections) and not paragraph \
                    and rules.is_byline(text):
                draft.byline = rules.byline_pieces(line)
                continue
            left_margin, right_margin = x0 - column[0], column[1] - x1
            centred = left_margin > CENTRED * size and right_margin > CENTRED * size and \
                abs(left_margin - right_margin) < 2.0 * size
            if (size >= HEADING_RATIO * body or centred) and rules.is_heading_like(text, 99) and \
                    size < TITLE_RATIO * body:
                close_paragraph()
                sections.append(Section(heading=Piece.from_lines([line])))
                continue
            if left_margin > INDENT * size:
                close_paragraph()
            elif not paragraph and not any(s.paragraphs for s in sections) and len(sections) == 1:
                draft.opens_mid_paragraph = True
            paragraph.append(line)
    close_paragraph()
    draft.sections = [s for s in sections if s.heading is not None or s.paragraphs]
    return draft


# ---- the page -------------------------------------------------------------------------------

@dataclass
class _Container:
    box: Box
    dark: bool
    lines: list[Line] = field(default_factory=list)


def _containers(rects: list[dict], lines: list[Line], tables: list[Table], body: float) -> list[_Container]:
    """Boxes holding text: outermost rectangles at least a few lines big, not table frames."""
    boxes = []
    for r in rects:
        box = (r["x0"], r["top"], r["x1"], r["bottom"])
        if box[2] - box[0] < 4 * body or box[3] - box[1] < 2 * body:
            continue
        boxes.append(_Container(box, bool(r.get("dark"))))
    boxes = [c for c in boxes if not any(o is not c and o.box[0] <= c.box[0] + 1 and o.box[1] <= c.box[1] + 1
                                         and c.box[2] <= o.box[2] + 1 and c.box[3] <= o.box[3] + 1
                                         and o.box != c.box for o in boxes)]
    table_lines = {id(l) for t in tables for l in t.lines}
    found = []
    seen: set[Box] = set()
    for c in boxes:
        if c.box in seen:
            continue
        seen.add(c.box)
        for line in lines:
            x0, top, x1, bottom = _box(line)
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            if c.box[0] <= cx <= c.box[2] and c.box[1] <= cy <= c.box[3]:
                c.lines.append(line)
        if len(c.lines) < 1:
            continue
        if sum(1 for l in c.lines if id(l) in table_lines) * 2 >= len(c.lines):
            continue
        found.append(c)
    return found


def _is_ad(container: _Container, body: float) -> bool:
    """A box is an advertisement unless it holds running text: several body-size lines."""
    if container.dark:
        return True
    running = [l for l in container.lines if abs((l.size or 0) - body) < 0.15 * body and len(l.text) >= 5]
    return len(running) < 3


def region_articles(lines: list[Line], images: list[Box], tables: list[Table], walls: list[Box],
                    body: float, page_number: int) -> list[_Article]:
    table_lines = {id(l) for t in tables for l in t.lines}
    lines = [l for l in lines if id(l) not in table_lines]
    titles = title_stacks(lines, body)
    in_titles = {id(l) for t in titles for l in t}
    rest = [l for l in lines if id(l) not in in_titles]
    obstacles = list(images) + [t.bbox for t in tables]
    elements: list[Element] = list(make_blocks(rest, obstacles))
    elements += [Photo(b) for b in images]
    elements += tables
    articles, orphans = assign(titles, elements, walls, body)
    if orphans and any(isinstance(e, Block) for e in orphans):
        articles.insert(0, _Article([Line("", page_number, [], body)], orphans))
    elif orphans:
        pass  # a photo or table above every title and without text: nothing to read
    return [a for a in articles if a.title[0].text or a.elements]


def _article_box(a: _Article) -> Box:
    boxes = [_box(l) for l in a.title if l.bbox is not None] + [_element_box(e) for e in a.elements]
    return _union(boxes) if boxes else (0.0, 0.0, 0.0, 0.0)


def layout_page(page: RawPage) -> PageLayout:
    """One page's articles in reading order, its furniture, edition data and advertisements."""
    layout = PageLayout(number=page.number, width=page.width, height=page.height, source=page.source)
    lines = [l for l in page.lines if l.bbox is not None and l.text.strip()]
    if not lines:
        return layout
    body = body_size(lines)
    width = page.width or max(_box(l)[2] for l in lines)
    height = page.height or max(_box(l)[3] for l in lines)
    head, foot, lines = split_furniture(lines, width, height, page.rules)
    layout.edition = edition_of(head, foot)
    layout.furniture = furniture_items(head, foot, page.number)
    tables = find_tables(lines, page.rules, body)
    containers = _containers(page.rects, lines, tables, body)
    boxed = {id(l) for c in containers for l in c.lines}
    walls = [r for r in page.rules if (r[3] - r[1]) > 2 * (r[2] - r[0])]
    walls += [(c.box[0], c.box[1], c.box[0], c.box[3]) for c in containers]
    walls += [(c.box[2], c.box[1], c.box[2], c.box[3]) for c in containers]
    images = [b for b in page.images if not any(c.box[0] <= b[0] and b[2] <= c.box[2] and c.box[1] <= b[1]
                                                 and b[3] <= c.box[3] for c in containers)]
    free_tables = [t for t in tables if not any(id(l) in boxed for l in t.lines)]
    main = region_articles([l for l in lines if id(l) not in boxed], images,
                           free_tables, walls, body, page.number)
    # Sidebars and boxes are placed on the page by their box, like an article.
    groups: list[tuple[Box, list[_Article]]] = [(_article_box(a), [a]) for a in main]
    for c in containers:
        if _is_ad(c, body):
            text = " ".join(l.text for l in sorted(c.lines, key=lambda l: (_box(l)[1], _box(l)[0])))
            layout.items.append(PageItem("ad", page.number, c.box, text))
            continue
        inner_images = [b for b in page.images if c.box[0] <= b[0] and b[2] <= c.box[2] and c.box[1] <= b[1]
                        and b[3] <= c.box[3]]
        inner_tables = [t for t in tables if any(id(l) in {id(x) for x in c.lines} for l in t.lines)]
        inner = region_articles(c.lines, inner_images, inner_tables, [], body, page.number)
        if inner:
            groups.append((c.box, inner))
    ordered = xy_order(groups, lambda g: g[0])
    for _, articles in ordered:
        for a in articles:
            layout.articles.append(read_article(a, page.number, body, page.images))
    layout.low_confidence = [l for l in page.lines if l.confidence is not None and l.confidence < LOW_CONFIDENCE]
    forget()
    return layout
