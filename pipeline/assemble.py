"""Assemble an ArticleDraft into the article's `text`, with per-character provenance.

`text` holds each part on its own line: kicker, headline, subheadline, byline, then each
section's heading and paragraphs, then tables (a row per line, cells separated by a tab), then
captions and credits. Every character keeps the page and box it was printed at, so any span
maps back to the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pipeline.document import ArticleDraft, Box, Piece, Repair, TableDraft, union_boxes

CELL_SEPARATOR = "\t"
HEADER_JOIN = " "


@dataclass
class PartSpan:
    kind: str  # kicker, headline, subheadline, byline, heading, paragraph, caption, credit
    start: int
    end: int
    piece: Piece


@dataclass
class CellSpan:
    """Where a table cell sits in the article's text, and what its headers say it measures."""

    table: int
    row: int
    column: int
    start: int
    end: int
    subject: str  # row header(s) then column header(s), joined; "" for header cells


@dataclass
class AssembledArticle:
    draft: ArticleDraft
    text: str
    pages: list[Optional[int]]  # per character
    boxes: list[Optional[Box]]  # per character
    parts: list[PartSpan] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    cells: list[CellSpan] = field(default_factory=list)

    def locate(self, start: int, end: int) -> tuple[Optional[int], Optional[Box]]:
        """Page and bounding box of text[start:end] (the first page the span is on)."""
        pages = [p for p in self.pages[start:end] if p is not None]
        if not pages:
            return None, None
        page = pages[0]
        boxes = [b for p, b in zip(self.pages[start:end], self.boxes[start:end]) if p == page and b]
        # A span broken across columns gets the box of its longer part, not one spanning both.
        runs: list[list[Box]] = []
        for box in boxes:
            if not runs or box[1] < runs[-1][-1][1] - 1.5 * (box[3] - box[1]):
                runs.append([])
            runs[-1].append(box)
        return page, union_boxes(max(runs, key=len) if runs else None)


def ordered_parts(draft: ArticleDraft) -> list[tuple[str, Piece]]:
    parts: list[tuple[str, Piece]] = []
    if draft.kicker is not None and draft.kicker.text:
        parts.append(("kicker", draft.kicker))
    parts.append(("headline", draft.headline))
    if draft.subheadline is not None and draft.subheadline.text:
        parts.append(("subheadline", draft.subheadline))
    if draft.byline:
        parts.append(("byline", _joined(draft.byline, " ")))
    for section in draft.sections:
        if section.heading is not None:
            parts.append(("heading", section.heading))
        parts.extend(("paragraph", p) for p in section.paragraphs)
    parts.extend(("table", table_piece(t)) for t in draft.tables)
    parts.extend(("caption", p) for p in draft.captions)
    parts.extend(("credit", p) for p in draft.credits)
    return parts


def table_piece(table: TableDraft) -> Piece:
    """A table as text: one row per line, cells separated by a tab (never joined to a number)."""
    lines = [_joined(row, CELL_SEPARATOR) for row in table.rows]
    return _joined(lines, "\n") if lines else Piece("", table.page, [])


def cell_spans(table: TableDraft, index: int, start: int) -> list[CellSpan]:
    """The cells of a table whose text starts at `start`, with their header subjects."""
    spans: list[CellSpan] = []
    offset = start
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row):
            header = r < table.header_rows or c < table.header_cols
            names = [table.rows[r][i].text.strip() for i in range(min(table.header_cols, len(row)))]
            names += [table.rows[i][c].text.strip() for i in range(table.header_rows)
                      if c < len(table.rows[i])]
            subject = "" if header else HEADER_JOIN.join(n for n in names if n)
            spans.append(CellSpan(index, r, c, offset, offset + len(cell.text), subject))
            offset += len(cell.text) + len(CELL_SEPARATOR)
        offset += 1 - len(CELL_SEPARATOR) if row else 1  # the row's newline replaces a separator
    return spans


def _joined(pieces: list[Piece], sep: str) -> Piece:
    text = sep.join(p.text for p in pieces)
    boxes: list[Optional[Box]] = []
    for i, p in enumerate(pieces):
        if i:
            boxes.extend([None] * len(sep))
        boxes.extend(p.boxes if p.boxes is not None else [None] * len(p.text))
    page = pieces[0].page if pieces else 1
    return Piece(text, page, boxes if any(p.boxes is not None for p in pieces) else None,
                 char_pages=_char_pages(pieces, sep))


def _char_pages(pieces: list[Piece], sep: str) -> Optional[list[int]]:
    """Per-character pages of joined pieces, when any of them spans pages."""
    if not any(p.char_pages is not None for p in pieces):
        return None
    pages: list[int] = []
    for i, p in enumerate(pieces):
        if i:
            pages.extend([p.page] * len(sep))
        pages.extend(p.char_pages if p.char_pages is not None else [p.page] * len(p.text))
    return pages


def assemble(draft: ArticleDraft, geometry: bool) -> AssembledArticle:
    """Join the parts with newlines; `geometry` is False for text input (no page boxes)."""
    chunks: list[str] = []
    pages: list[Optional[int]] = []
    boxes: list[Optional[Box]] = []
    parts: list[PartSpan] = []
    repairs: list[Repair] = []
    cells: list[CellSpan] = []
    tables = iter(range(len(draft.tables)))
    offset = 0
    for kind, piece in ordered_parts(draft):
        if chunks:
            chunks.append("\n")
            pages.append(None)
            boxes.append(None)
            offset += 1
        chunks.append(piece.text)
        pages.extend(piece.char_pages if piece.char_pages is not None else [piece.page] * len(piece.text))
        piece_boxes = piece.boxes if geometry and piece.boxes is not None else [None] * len(piece.text)
        boxes.extend(piece_boxes)
        parts.append(PartSpan(kind, offset, offset + len(piece.text), piece))
        if kind == "table":
            index = next(tables)
            cells.extend(cell_spans(draft.tables[index], index, offset))
        repairs.extend(r.shifted(offset) for r in piece.repairs)
        offset += len(piece.text)
    return AssembledArticle(draft, "".join(chunks), pages, boxes, parts, repairs, cells)
