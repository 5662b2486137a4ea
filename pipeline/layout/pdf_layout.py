"""Rebuild articles from the printed lines of PDF pages (text layer or OCR alike: geometry only).

Per page:
1. Running head and foot are split off (`furniture`) and parsed into the edition data.
2. Tables are found (`tables`): ruled regions or aligned numeric cells.
3. Boxes: a dark (reversed) box, or a box without running text, is an advertisement, listed
   as a page item; a box with running text is a sidebar, laid out as a region of its own.
4. In each region, titles are set apart (`titles`), the other lines grouped into column
   blocks (`elements`), and every block, photo and table goes to the title that governs it
   (`ownership`). Blocks above every title form an untitled article (text continued from the
   previous page).
5. Each article is read (`reader`): title parts, byline, jump markers, credits, captions,
   section headings and paragraphs in reading order.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from pipeline.document import Box, Line, PageItem, PageLayout, RawPage
from pipeline.layout.elements import Element, Photo, element_box, make_blocks, union
from pipeline.layout.furniture import edition_of, furniture_items, split_furniture
from pipeline.layout.geometry import box_of, forget
from pipeline.layout.ownership import Article, assign
from pipeline.layout.reader import read_article
from pipeline.layout.reading_order import xy_order
from pipeline.layout.tables import Table, find_tables
from pipeline.layout.titles import is_title_line, merge_rows, title_stacks

LOW_CONFIDENCE = 0.6


def body_size(lines: list[Line]) -> float:
    """The size most characters are set in."""
    counts: Counter = Counter()
    for line in lines:
        if line.size:
            counts[round(line.size, 1)] += len(line.text)
    return float(counts.most_common(1)[0][0]) if counts else 10.0


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
            x0, top, x1, bottom = box_of(line)
            cx, cy = (x0 + x1) / 2, (top + bottom) / 2
            if c.box[0] <= cx <= c.box[2] and c.box[1] <= cy <= c.box[3]:
                c.lines.append(line)
        if not c.lines:
            continue
        if sum(1 for l in c.lines if id(l) in table_lines) * 2 >= len(c.lines):
            continue
        found.append(c)
    return found


def _is_ad(container: _Container, body: float) -> bool:
    """A box is an advertisement unless it holds running text: several body-size lines, or a
    paragraph's opening (an indented line and the next one under it ending at one right edge,
    which centred display lines never do) where a narrow box or a large title and photo leave
    room for few lines."""
    if container.dark:
        return True
    body_lines = [l for l in container.lines if abs((l.size or 0) - body) < 0.15 * body]
    if sum(1 for l in body_lines if len(l.text) >= 5) >= 3:
        return False
    boxes = sorted((box_of(l) for l in body_lines), key=lambda b: b[1])
    return not any(-0.3 * body <= b[1] - a[3] < body and abs(a[2] - b[2]) <= 1.0 and 0.8 * body <= a[0] - b[0] <= 3 * body
                   for a, b in zip(boxes, boxes[1:]))


def region_articles(lines: list[Line], images: list[Box], tables: list[Table], walls: list[Box],
                    body: float, page_number: int, boxes: Optional[list[Box]] = None,
                    area: Optional[tuple[float, float]] = None) -> list[Article]:
    """The articles of one region (the page outside its boxes, or a sidebar's inside);
    `boxes` are the boxes set into the region (ads, sidebars): content that is no one's here;
    `area` is the x-extent of the page's type area."""
    table_lines = {id(l) for t in tables for l in t.lines}
    lines = [l for l in lines if id(l) not in table_lines]
    titles = [l for l in lines if is_title_line(l, body)]
    in_titles = {id(l) for l in titles}
    rest = [l for l in lines if id(l) not in in_titles]
    obstacles = list(images) + [t.bbox for t in tables]
    elements: list[Element] = list(make_blocks(rest, obstacles))
    elements += [Photo(b) for b in images]
    elements += tables
    titles = merge_rows(titles, [element_box(e) for e in elements], walls, body)
    articles, orphans = assign(title_stacks(titles, body), elements, walls, body, boxes or [], area)
    if any(not isinstance(e, Photo) for e in orphans):
        articles.insert(0, Article([Line("", page_number, [], body)], orphans))
    return [a for a in articles if a.title[0].text or a.elements]


def _article_box(a: Article) -> Box:
    boxes = [box_of(l) for l in a.title if l.bbox is not None] + [element_box(e) for e in a.elements]
    return union(boxes) if boxes else (0.0, 0.0, 0.0, 0.0)


def layout_page(page: RawPage) -> PageLayout:
    """One page's articles in reading order, its furniture, edition data and advertisements."""
    layout = PageLayout(number=page.number, width=page.width, height=page.height, source=page.source)
    lines = [l for l in page.lines if l.text.strip() and l.boxes and any(b is not None for b in l.boxes)]
    if not lines:
        return layout
    body = body_size(lines)
    width = page.width or max(box_of(l)[2] for l in lines)
    height = page.height or max(box_of(l)[3] for l in lines)
    head, foot, lines = split_furniture(lines, width, height, page.rules, page.images)
    layout.edition = edition_of(head, foot)
    layout.furniture = furniture_items(head, foot, page.number)
    tables = find_tables(lines, page.rules, body)
    containers = _containers(page.rects, lines, tables, body)
    boxed = {id(l) for c in containers for l in c.lines}
    walls = [r for r in page.rules if (r[3] - r[1]) > 2 * (r[2] - r[0])]
    walls += [(c.box[0], c.box[1], c.box[0], c.box[3]) for c in containers]
    walls += [(c.box[2], c.box[1], c.box[2], c.box[3]) for c in containers]

    def inside(b: Box, c: _Container) -> bool:
        return c.box[0] <= b[0] and b[2] <= c.box[2] and c.box[1] <= b[1] and b[3] <= c.box[3]

    images = [b for b in page.images if not any(inside(b, c) for c in containers)]
    free_tables = [t for t in tables if not any(id(l) in boxed for l in t.lines)]
    printed = head + foot + lines
    area = (min(box_of(l)[0] for l in printed), max(box_of(l)[2] for l in printed))
    main = region_articles([l for l in lines if id(l) not in boxed], images, free_tables, walls, body, page.number,
                           [c.box for c in containers], area)
    # Sidebars and boxes are placed on the page by their box, like an article.
    groups: list[tuple[Box, list[Article]]] = [(_article_box(a), [a]) for a in main]
    for c in containers:
        if _is_ad(c, body):
            text = " ".join(l.text for l in sorted(c.lines, key=lambda l: (box_of(l)[1], box_of(l)[0])))
            layout.items.append(PageItem("ad", page.number, c.box, text))
            continue
        ids = {id(l) for l in c.lines}
        inner_tables = [t for t in tables if any(id(l) in ids for l in t.lines)]
        inner = region_articles(c.lines, [b for b in page.images if inside(b, c)], inner_tables, [], body,
                                page.number)
        if inner:
            groups.append((c.box, inner))
    for _, articles in xy_order(groups, lambda g: g[0]):
        for a in articles:
            layout.articles.append(read_article(a, page.number, body, page.images))
    layout.low_confidence = [l for l in page.lines if l.confidence is not None and l.confidence < LOW_CONFIDENCE]
    forget()
    return layout
