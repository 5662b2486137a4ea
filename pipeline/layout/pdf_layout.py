"""Rebuild articles from the printed lines of PDF pages.

Per page:
1. Page furniture (paper name, date, 版次 at the top; footer) is dropped.
2. Title stacks: runs of lines set well above the body size. In each stack the largest lines
   are the headline (joined by a space), lines above it the kicker, below it the subheadline.
   Every stack opens an article.
3. Every other line goes to the article whose title is above it and nearest, horizontally
   first: an article owns the columns under its headline.
4. Within an article, columns are found from the full-width lines; reading order goes down each
   column, left to right. Lines are then read as byline (`□...`), credit, caption (smaller type
   under a photo), section heading (larger or centred, no sentence punctuation) or body text;
   a body line indented from its column's edge opens a paragraph, any other continues it,
   across line and column breaks.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

import regex

from pipeline.document import ArticleDraft, Box, Line, PageLayout, Piece, RawPage, Section
from pipeline.layout import text_rules as rules

TITLE_RATIO = 1.3  # size over body size from which a line belongs to a title
HEADING_RATIO = 1.1
CAPTION_RATIO = 0.95
FURNITURE = regex.compile(r"第\s*[0-9０-９一二三四五六七八九十]+\s*版|\d{4}年\d{1,2}月\d{1,2}日|星期[一二三四五六日天]")


def _box(line: Line) -> Box:
    assert line.bbox is not None
    return line.bbox


def body_size(lines: list[Line]) -> float:
    """The size most characters are set in."""
    counts: Counter = Counter()
    for line in lines:
        if line.size:
            counts[round(line.size, 1)] += len(line.text)
    return float(counts.most_common(1)[0][0]) if counts else 10.0


def is_furniture(line: Line, page: RawPage, body: float, lines: list[Line]) -> bool:
    """Running head or foot: in the page's top or bottom band, set apart from the text."""
    x0, top, x1, bottom = _box(line)
    height = page.height or 1.0
    size = line.size or body
    if size >= TITLE_RATIO * body:
        return False
    in_head = bottom < 0.045 * height or (top < 0.08 * height and bool(FURNITURE.search(line.text)))
    in_foot = top > 0.965 * height
    if not (in_head or in_foot):
        return False
    for other in lines:
        if other is line:
            continue
        ox0, otop, ox1, obottom = _box(other)
        if min(x1, ox1) <= max(x0, ox0):
            continue
        gap = otop - bottom if in_head else top - obottom
        if 0 <= gap < 1.0 * size:
            return False  # running text continues right next to it
    return True


@dataclass
class _Article:
    title: list[Line]
    lines: list[Line] = field(default_factory=list)

    @property
    def bbox(self) -> Box:
        boxes = [_box(l) for l in self.title]
        return (min(b[0] for b in boxes), min(b[1] for b in boxes),
                max(b[2] for b in boxes), max(b[3] for b in boxes))


def _title_stacks(lines: list[Line], body: float) -> list[list[Line]]:
    stacks: list[list[Line]] = []
    for line in sorted((l for l in lines if (l.size or 0) >= TITLE_RATIO * body), key=lambda l: _box(l)[1]):
        x0, top, x1, _ = _box(line)
        for stack in stacks:
            last = _box(stack[-1])
            centre, last_centre = (x0 + x1) / 2, (last[0] + last[2]) / 2
            overlap = min(x1, last[2]) - max(x0, last[0])
            if top - last[3] < 1.6 * (stack[-1].size or body) and (overlap > 0 or abs(centre - last_centre) < 20):
                stack.append(line)
                break
        else:
            stacks.append([line])
    return stacks


def _owner(line: Line, articles: list[_Article]) -> Optional[_Article]:
    x0, top, x1, _ = _box(line)
    best, best_score = None, float("inf")
    for article in articles:
        ax0, _, ax1, abottom = article.bbox
        if abottom > top + 1:
            continue  # the title is not above the line
        horizontal = max(0.0, ax0 - x1, x0 - ax1)
        score = horizontal + 0.25 * (top - abottom)
        if score < best_score:
            best, best_score = article, score
    return best


def _title_draft(title: list[Line]) -> ArticleDraft:
    largest = max(l.size or 0 for l in title)
    head = [i for i, l in enumerate(title) if (l.size or 0) >= 0.9 * largest]
    first, last = head[0], head[-1]
    kicker = title[:first]
    sub = title[last + 1 :]
    return ArticleDraft(
        headline=Piece.from_lines(title[first : last + 1], sep=" "),
        kicker=Piece.from_lines(kicker, sep=" ") if kicker else None,
        subheadline=Piece.from_lines(sub, sep=" ") if sub else None,
        pages=[title[0].page],
    )


def _columns(lines: list[Line], images: list[Box]) -> list[tuple[float, float]]:
    """Column intervals: the x-ranges of lines and photos, merged where they overlap.

    Columns are separated by gutters, so lines (and photos) of different columns never
    overlap horizontally, while indented, short or centred lines overlap their column's.
    """
    intervals = sorted([(_box(l)[0], _box(l)[2]) for l in lines] + [(b[0], b[2]) for b in images])
    columns: list[list[float]] = []
    for x0, x1 in intervals:
        if columns and x0 < columns[-1][1] - 1.0:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(a, b) for a, b in columns]


def _column_of(line: Line, columns: list[tuple[float, float]]) -> int:
    x0, _, x1, _ = _box(line)
    centre = (x0 + x1) / 2
    return min(range(len(columns)), key=lambda i: 0 if columns[i][0] <= centre <= columns[i][1]
               else min(abs(centre - columns[i][0]), abs(centre - columns[i][1])))


def _under_photo(line: Line, images: list[Box]) -> bool:
    x0, top, x1, _ = _box(line)
    size = line.size or 10
    return any(img[1] < top and top - img[3] < 3 * size and min(x1, img[2]) - max(x0, img[0]) > 0
               for img in images)


def _read_article(article: _Article, page: RawPage, body: float) -> ArticleDraft:
    draft = _title_draft(article.title)
    lines = article.lines
    photos = [img for img in page.images if any(_box(l)[1] >= img[3] - 1 and min(_box(l)[2], img[2]) > max(_box(l)[0], img[0]) for l in lines)]
    columns = _columns(lines, photos)
    ordered = sorted(lines, key=lambda l: (_column_of(l, columns), _box(l)[1]) if columns else _box(l)[1])
    sections = [Section(heading=None)]
    paragraph: list[Line] = []
    caption: list[Line] = []

    def close_paragraph() -> None:
        nonlocal paragraph
        if paragraph:
            sections[-1].paragraphs.append(Piece.from_lines(paragraph))
            paragraph = []

    def close_caption() -> None:
        nonlocal caption
        if caption:
            draft.captions.append(Piece.from_lines(caption))
            caption = []

    for line in ordered:
        size = line.size or body
        x0, top, x1, bottom = _box(line)
        column = columns[_column_of(line, columns)] if columns else (x0, x1)
        small = size < CAPTION_RATIO * body
        if small and caption and top - _box(caption[-1])[3] < 1.2 * size:
            caption.append(line)
            continue
        close_caption()
        if small and _under_photo(line, page.images):
            caption.append(line)
            continue
        if rules.is_credit(line.text):
            draft.credits.append(Piece.from_lines([line]))
            continue
        if not draft.byline and not any(s.paragraphs for s in sections) and not paragraph \
                and rules.is_byline(line.text):
            draft.byline = rules.byline_pieces(line)
            continue
        centred = x0 > column[0] + 2.5 * size and x1 < column[1] - 2.5 * size
        if (size >= HEADING_RATIO * body or centred) and rules.is_heading_like(line.text, 99):
            close_paragraph()
            sections.append(Section(heading=Piece.from_lines([line])))
            continue
        if x0 > column[0] + 1.2 * size:
            close_paragraph()
        paragraph.append(line)
    close_caption()
    close_paragraph()
    draft.sections = [s for s in sections if s.heading is not None or s.paragraphs]
    return draft


def _reading_order(articles: list[_Article], body: float) -> list[_Article]:
    """Articles whose titles share a band of the page read left to right, bands top down."""
    bands: list[list[_Article]] = []
    for article in sorted(articles, key=lambda a: a.bbox[1]):
        if bands and article.bbox[1] < max(a.bbox[3] for a in bands[-1]) + 2 * body:
            bands[-1].append(article)
        else:
            bands.append([article])
    return [a for band in bands for a in sorted(band, key=lambda a: a.bbox[0])]


def page_articles(page: RawPage) -> list[ArticleDraft]:
    body = body_size(page.lines)
    placed = [l for l in page.lines if l.bbox is not None]
    lines = [l for l in placed if not is_furniture(l, page, body, placed)]
    articles = _reading_order([_Article(title) for title in _title_stacks(lines, body)], body)
    in_titles = {id(l) for a in articles for l in a.title}
    orphans: list[Line] = []
    for line in lines:
        if id(line) in in_titles:
            continue
        owner = _owner(line, articles)
        (owner.lines if owner else orphans).append(line)
    if orphans:  # text above every headline: an article of its own, with an empty headline
        articles.insert(0, _Article([Line("", page.number, [], body)], orphans))
    return [_read_article(article, page, body) for article in articles]


def layout_page(page: RawPage) -> PageLayout:
    """One page's articles in reading order (none when the page has no readable text)."""
    articles = page_articles(page) if page.lines else []
    return PageLayout(number=page.number, width=page.width, height=page.height,
                      source=page.source, articles=articles)
