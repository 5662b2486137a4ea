"""Rebuild an article from text extracted line by line (no geometry).

The printed lines still tell a lot: the column width (most lines are cut at it), blank lines
(paragraph or column breaks), fake-bold title lines, bylines, credit lines, and blocks whose
width differs from the column (photo captions). The rules, in order:

1. Title zone: the blocks before the first running text. The fake-bold (repaired) block is the
   headline; a block before it is the kicker, one after it the subheadline; `□...` the byline.
2. Body: lines join into paragraphs until a line ends a sentence and is shorter than the
   column, or ends a sentence before a blank line. A blank line after an unfinished sentence is
   a column break: the paragraph goes on.
3. A standalone short line without sentence punctuation is a section heading; a self-contained
   block of 2-3 lines whose width is not the column's, or with a photo cue (图为, 摄), is a
   caption; `（本版图片由...提供）` is a credit.
4. Headings left after the last paragraph (extractors emit some heading frames last) are put
   before the paragraph they share the longest rare phrase with.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pipeline.document import ArticleDraft, Line, Piece, Section
from pipeline.layout import text_rules as rules

MIN_ANCHOR = 4  # characters a displaced heading must share with its paragraph
CAPTION_MAX_LINES = 3


@dataclass
class _Body:
    """Paragraphs and headings in reading order, before sections are formed."""

    items: list[tuple[str, Piece]] = field(default_factory=list)  # ("p" | "h", piece)
    captions: list[Piece] = field(default_factory=list)
    credits: list[Piece] = field(default_factory=list)
    byline: list[Piece] = field(default_factory=list)


def split_blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _stripped(line: Line) -> Line:
    """Drop the line's outer whitespace, keeping boxes and repair offsets aligned."""
    lead = len(line.text) - len(line.text.lstrip())
    keep = len(line.text.strip())
    boxes = line.boxes[lead : lead + keep] if line.boxes is not None else None
    repairs = [r.shifted(-lead) for r in line.repairs]
    return Line(line.text.strip(), line.page, boxes, line.size, line.bold, repairs)


def _is_title_block(block: list[Line]) -> bool:
    if any(line.repairs for line in block):
        return True
    if len(block) > 3:
        return False
    return all(not rules.ends_sentence(l.text) and "，" not in l.text for l in block)


def layout_text(lines: list[Line]) -> ArticleDraft:
    """Rebuild one article from the lines of a text page (already repaired)."""
    raw_blocks = split_blocks(lines)
    blocks = [[_stripped(l) for l in block] for block in raw_blocks]
    # A first line indented by full-width or double spaces opens a paragraph.
    indented = {id(s) for raw, block in zip(raw_blocks, blocks) for l, s in zip(raw, block)
                if l.text.startswith(("　", "  "))}
    if not blocks:
        return ArticleDraft(headline=Piece(""))
    column = rules.column_width([l.text for block in blocks for l in block])

    titles: list[list[Line]] = []
    byline: list[Piece] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if len(block) == 1 and rules.is_byline(block[0].text):
            byline = rules.byline_pieces(block[0])
            index += 1
            break
        if not _is_title_block(block) or len(titles) == 3:
            break
        titles.append(block)
        index += 1

    draft = _title_parts([part for block in titles for part in _split_title_block(block)])
    draft.byline = byline
    body = _read_body(blocks[index:], column, indented)
    draft.byline = draft.byline or body.byline
    draft.captions = body.captions
    draft.credits = body.credits
    draft.sections = _sections(body.items)
    return draft


def _split_title_block(block: list[Line]) -> list[list[Line]]:
    """A kicker line (ending in ：) and a `——` subheadline line are parts of their own."""
    parts: list[list[Line]] = []
    for i, line in enumerate(block):
        starts_part = line.text.startswith(("—", "－－", "--")) or (
            i > 0 and block[i - 1].text.endswith(("：", ":"))
        )
        if not parts or starts_part:
            parts.append([line])
        else:
            parts[-1].append(line)
    return parts


def _title_parts(titles: list[list[Line]]) -> ArticleDraft:
    if not titles:
        return ArticleDraft(headline=Piece(""))
    pieces = [Piece.from_lines(block, sep=" ") for block in titles]
    repaired = [i for i, block in enumerate(titles) if any(l.repairs for l in block)]
    if repaired:
        head = repaired[-1] if len(repaired) > 1 and titles[repaired[0]][0].text.endswith(("：", ":")) else repaired[0]
    elif len(titles) > 1 and titles[0][-1].text.endswith(("：", ":")):
        head = 1
    else:
        head = 0
    kicker = Piece.from_lines([l for b in titles[:head] for l in b], sep=" ") if head else None
    after = [l for b in titles[head + 1 :] for l in b]
    subheadline = Piece.from_lines(after, sep=" ") if after else None
    return ArticleDraft(headline=pieces[head], kicker=kicker, subheadline=subheadline)


def _read_body(blocks: list[list[Line]], column: float, indented: set[int]) -> _Body:
    body = _Body()
    paragraph: list[Line] = []  # the open paragraph's lines
    first_block = True

    def close() -> None:
        nonlocal paragraph
        if paragraph:
            body.items.append(("p", Piece.from_lines(paragraph)))
            paragraph = []

    for number, block in enumerate(blocks):
        text0 = block[0].text
        is_last_block = number == len(blocks) - 1
        if len(block) == 1 and rules.is_credit(text0):
            body.credits.append(Piece.from_lines(block))
            continue
        if len(block) == 1 and is_last_block and rules.TRAILING_BYLINE.match(text0) and not paragraph:
            body.byline = rules.byline_pieces(block[0])
            continue
        if len(block) == 1 and rules.is_heading_like(text0, column) and (
            not paragraph or " " in text0 or block[0].repairs
        ):
            body.items.append(("h", Piece.from_lines(block)))
            continue
        if not paragraph and not first_block and _is_caption(block, column):
            body.captions.append(Piece.from_lines(block))
            continue
        first_block = False
        for position, line in enumerate(block):
            if id(line) in indented:
                close()
            paragraph.append(line)
            last_in_block = position == len(block) - 1
            short = rules.width(line.text) < column - 1.5
            if rules.ends_sentence(line.text) and (short or last_in_block):
                close()
            elif short and last_in_block and rules.width(line.text) < column * 0.6 and not rules.HAN.search(line.text[-1:]):
                close()
    close()
    return body


def _is_caption(block: list[Line], column: float) -> bool:
    if len(block) > CAPTION_MAX_LINES:
        return False
    if rules.is_caption_cue(block[0].text) or rules.is_caption_cue(block[-1].text):
        return True
    if not rules.ends_sentence(block[-1].text):
        return False
    if any(rules.ends_sentence(l.text) for l in block[:-1]):
        return False  # a caption is one sentence run; several full stops make it running text
    if len(block) < 2:
        return False
    # Body paragraphs print at the column width, the first line indented by about 2 em;
    # a caption frame has a width of its own.
    widths = [rules.width(l.text) for l in block[:-1]]
    if any(abs(w - column) < 1.5 for w in widths[1:]):
        return False
    first = widths[0]
    if column - 3.5 < first < column + 1.5:
        return False
    return first <= column * 1.6


def _sections(items: list[tuple[str, Piece]]) -> list[Section]:
    """Headings start sections; headings after the last paragraph are placed by content."""
    last_paragraph = max((i for i, (kind, _) in enumerate(items) if kind == "p"), default=-1)
    inline, displaced = items[: last_paragraph + 1], [p for _, p in items[last_paragraph + 1 :]]
    sections: list[Section] = [Section(heading=None)]
    for kind, piece in inline:
        if kind == "h":
            sections.append(Section(heading=piece))
        else:
            sections[-1].paragraphs.append(piece)
    for heading in displaced:
        sections = _place_heading(sections, heading)
    return [s for s in sections if s.heading is not None or s.paragraphs]


def _place_heading(sections: list[Section], heading: Piece) -> list[Section]:
    paragraphs = [p for s in sections for p in s.paragraphs]
    target = _anchor_paragraph(heading.text, paragraphs)
    if target is None:
        return [*sections, Section(heading=heading)]
    out: list[Section] = []
    for section in sections:
        if target in section.paragraphs:
            at = section.paragraphs.index(target)
            if at == 0 and section.heading is not None:
                out.append(section)  # that paragraph already opens a section: keep its heading
                out.append(Section(heading=heading))
                continue
            if section.paragraphs[:at] or section.heading is not None:
                out.append(Section(section.heading, section.paragraphs[:at]))
            out.append(Section(heading, section.paragraphs[at:]))
        else:
            out.append(section)
    return out


def _anchor_paragraph(heading: str, paragraphs: list[Piece]) -> Optional[Piece]:
    """The paragraph that shares the longest phrase with the heading, found in <= 2 paragraphs."""
    phrase = heading.replace(" ", "").replace("　", "")
    for size in range(len(phrase), MIN_ANCHOR - 1, -1):
        for start in range(len(phrase) - size + 1):
            probe = phrase[start : start + size]
            hits = [p for p in paragraphs if probe in p.text]
            if 1 <= len(hits) <= 2:
                return hits[0]
    return None
