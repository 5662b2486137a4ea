"""Reading one article once its elements are known: title parts, then the body in reading
order, with bylines, jump markers, credits, captions, section headings and paragraphs told
apart.

The body's text blocks are ordered by XY-cut, columns first (`reading_order`). Photos, their
captions and tables take no part in that order: a photo spanning two columns in the middle of
an article leaves the text running down each column around it.
"""
from __future__ import annotations

from pipeline.document import ArticleDraft, Box, Line, Piece, Section
from pipeline.layout import text_rules as rules
from pipeline.layout.elements import Block, element_box
from pipeline.layout.geometry import box_of
from pipeline.layout.ownership import Article
from pipeline.layout.reading_order import xy_order
from pipeline.layout.tables import Table, table_draft
from pipeline.layout.titles import TITLE_RATIO, title_draft

HEADING_RATIO = 1.05  # of the body size: a larger standalone line is a section heading
CAPTION_RATIO = 0.97  # of the body size: caption type is smaller
CAPTION_GAP = 1.6  # of the body size: how far under a photo its caption starts
INDENT = 1.2  # of the size: a first line set in this far opens a paragraph
CENTRED = 1.5  # of the size: margins on both sides of a centred line


def available_width(article: Article) -> float:
    """The width a title is set in: its article's, symmetric about the title's centre (the
    body may not fill every column)."""
    boxes = [element_box(e) for e in article.elements]
    if article.title[0].vertical:
        return 1e9
    if not boxes:
        return article.span[2] - article.span[0] if article.span is not None else 1e9
    tb = article.title_box
    centre = (tb[0] + tb[2]) / 2
    return 2 * max(centre - min(b[0] for b in boxes), max(b[2] for b in boxes) - centre, (tb[2] - tb[0]) / 2)


def caption_blocks(blocks: list[Block], photos: list[Box], body: float) -> set[int]:
    """Blocks in small type set right under (or over) a photo, within its width."""
    found: set[int] = set()
    for block in blocks:
        x0, top, x1, bottom = block.box
        if block.size >= CAPTION_RATIO * body:
            continue
        for p in photos:
            under = -1 <= top - p[3] <= CAPTION_GAP * body
            over = -1 <= p[1] - bottom <= 1.0 * body
            if (under or over) and x0 >= p[0] - 2 and x1 <= p[2] + 2:
                found.add(id(block))
                break
    return found


def _columns(lines: list[Line]) -> list[tuple[float, float]]:
    """Column intervals: x-ranges of ordinary-width lines, merged where they overlap."""
    if not lines:
        return []
    widths = sorted(box_of(l)[2] - box_of(l)[0] for l in lines)
    typical = widths[len(widths) * 3 // 4]
    intervals = sorted((box_of(l)[0], box_of(l)[2]) for l in lines if box_of(l)[2] - box_of(l)[0] <= 1.15 * typical + 1)
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


def read_article(article: Article, page_number: int, body: float, photos: list[Box]) -> ArticleDraft:
    if article.title and article.title[0].text:
        draft = title_draft(article.title, available_width(article))
    else:
        draft = ArticleDraft(headline=Piece("", page_number, []))
    draft.pages = [page_number]
    blocks = [e for e in article.elements if isinstance(e, Block)]
    captions = caption_blocks(blocks, photos, body)
    for block in sorted((b for b in blocks if id(b) in captions), key=lambda b: (b.box[1], b.box[0])):
        draft.captions.append(Piece.from_lines(block.lines))
    for table in sorted((e for e in article.elements if isinstance(e, Table)), key=lambda t: (t.bbox[1], t.bbox[0])):
        draft.tables.append(table_draft(table, page_number))
    text_blocks = xy_order([b for b in blocks if id(b) not in captions], lambda b: b.box)
    body_lines = [l for b in text_blocks for l in b.lines]
    columns = _columns([l for l in body_lines if abs((l.size or body) - body) < 0.15 * body] or body_lines)
    sections = [Section(heading=None)]
    paragraph: list[Line] = []

    def close_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            sections[-1].paragraphs.append(Piece.from_lines(paragraph))
            paragraph = []

    for line in body_lines:
        text = line.text.strip()
        size = line.size or body
        x0, top, x1, bottom = box_of(line)
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
