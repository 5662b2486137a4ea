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
CAPTION_BREAK = 0.6  # of the caption size: a wider white gap ends the caption
INDENT = 1.2  # of the size: a first line set in this far opens a paragraph
CENTRED = 1.5  # of the size: margins on both sides of a centred line
ALONE = 1.5  # of the size: a line ending this far short of its column's edge stands alone


def available_width(article: Article) -> float:
    """The width a title is set in: its article's, symmetric about the title's centre (the
    body may not fill every column). Text and photos measure it: a table may run wider than
    the columns it is set in."""
    boxes = [element_box(e) for e in article.elements if not isinstance(e, Table)] or \
        [element_box(e) for e in article.elements]
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


def split_captions(blocks: list[Block], photos: list[Box], body: float) -> list[Block]:
    """A caption block ends at the first white gap wider than its own leading: a line set
    apart below it (a credit for the page's photos, the end of a short article) is not caption."""
    out: list[Block] = []
    for block in blocks:
        captioned = block.size < CAPTION_RATIO * body and len(block.lines) > 1 and any(
            -1 <= block.box[1] - p[3] <= CAPTION_GAP * body and block.box[0] >= p[0] - 2 and block.box[2] <= p[2] + 2
            for p in photos)
        if not captioned:
            out.append(block)
            continue
        boxes = [box_of(l) for l in block.lines]
        gaps = [b[1] - a[3] for a, b in zip(boxes, boxes[1:])]
        cut = None
        for i, gap in enumerate(gaps):
            tight = min(gaps[:i], default=None)
            if gap > CAPTION_BREAK * block.size and (tight is None or gap > 1.5 * tight + 0.2 * block.size):
                cut = i + 1
                break
        if cut is None:
            out.append(block)
            continue
        for part in (block.lines[:cut], block.lines[cut:]):
            bs = [box_of(l) for l in part]
            out.append(Block(part, (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs),
                                    max(b[3] for b in bs)), max(b[2] - b[0] for b in bs)))
    return out


def _columns(blocks: list[Block], body: float) -> list[tuple[float, float]]:
    """Column intervals: the x-ranges of the body's text blocks (two lines or more, set in
    body type), merged where they mostly overlap."""
    intervals = sorted((b.box[0], b.box[2]) for b in blocks
                       if len(b.lines) >= 2 and abs(b.size - body) < 0.15 * body)
    columns: list[list[float]] = []
    for x0, x1 in intervals:
        if columns and min(x1, columns[-1][1]) - max(x0, columns[-1][0]) > 0.5 * min(x1 - x0, columns[-1][1] - columns[-1][0]):
            columns[-1][0] = min(columns[-1][0], x0)
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def _column_of(box: Box, columns: list[tuple[float, float]]) -> tuple[float, float]:
    """The column a block (or line) stands in: the one it overlaps most."""
    if not columns:
        return (box[0], box[2])
    best = max(columns, key=lambda c: min(c[1], box[2]) - max(c[0], box[0]))
    if min(best[1], box[2]) - max(best[0], box[0]) <= 0:
        return (box[0], box[2])
    return best


def read_article(article: Article, page_number: int, body: float, photos: list[Box]) -> ArticleDraft:
    if article.title and article.title[0].text:
        draft = title_draft(article.title, available_width(article))
    else:
        draft = ArticleDraft(headline=Piece("", page_number, []))
    draft.pages = [page_number]
    blocks = split_captions([e for e in article.elements if isinstance(e, Block)], photos, body)
    captions = caption_blocks(blocks, photos, body)
    for block in sorted((b for b in blocks if id(b) in captions), key=lambda b: (b.box[1], b.box[0])):
        draft.captions.append(Piece.from_lines(block.lines))
    for table in sorted((e for e in article.elements if isinstance(e, Table)), key=lambda t: (t.bbox[1], t.bbox[0])):
        draft.tables.append(table_draft(table, page_number))
    text_blocks = xy_order([b for b in blocks if id(b) not in captions], lambda b: b.box)
    columns = _columns(text_blocks, body)
    block_column = {id(l): _column_of(b.box, columns) for b in text_blocks for l in b.lines}
    body_lines = [l for b in text_blocks for l in b.lines]
    sections = [Section(heading=None)]
    paragraph: list[Line] = []

    def close_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            sections[-1].paragraphs.append(Piece.from_lines(paragraph))
            paragraph = []

    for index, line in enumerate(body_lines):
        text = line.text.strip()
        size = line.size or body
        x0, top, x1, bottom = box_of(line)
        column = block_column[id(line)]
        jump = rules.jump_marker(text)
        if jump is not None:
            kind, label = jump
            if kind == "to":
                draft.jump_to = label
            else:
                draft.jump_from = label
            continue
        left_margin, right_margin = x0 - column[0], column[1] - x1
        # A credit or byline stands on a line of its own: a line running the column's full
        # width goes on a paragraph, whatever its first words.
        alone = right_margin > ALONE * size or size < CAPTION_RATIO * body
        if rules.is_credit(text) and (alone or text[:1] in "（(" and text[-1:] in "）)"):
            draft.credits.append(Piece.from_lines([line]))
            continue
        if not draft.byline and not any(s.paragraphs for s in sections) and not paragraph \
                and rules.is_byline(text):
            draft.byline = rules.byline_pieces(line)
            continue
        centred = left_margin > CENTRED * size and right_margin > CENTRED * size and \
            abs(left_margin - right_margin) < 2.0 * size
        # A heading stands alone between paragraphs: a line after one that ran on to its
        # column's edge unfinished, or filling its column with the next line going on unindented,
        # is inside a paragraph however large it is measured (OCR sizes vary a pixel a line).
        after = body_lines[index + 1] if index + 1 < len(body_lines) else None
        runs_on = bool(paragraph) and not rules.ends_sentence(paragraph[-1].text) and \
            block_column[id(paragraph[-1])][1] - box_of(paragraph[-1])[2] <= ALONE * size
        goes_on = after is not None and block_column[id(after)] == column and \
            right_margin <= ALONE * size and box_of(after)[0] - column[0] <= INDENT * size
        if (size >= HEADING_RATIO * body or centred) and rules.is_heading_like(text, 99) and \
                size < TITLE_RATIO * body and not runs_on and not goes_on:
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
