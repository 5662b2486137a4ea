"""Assemble an ArticleDraft into the article's `text`, with per-character provenance.

`text` holds each part on its own line: kicker, headline, subheadline, byline, then each
section's heading and paragraphs, then captions and credits. Every character keeps the page
and box it was printed at, so any span maps back to the page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pipeline.document import ArticleDraft, Box, Piece, Repair, union_boxes


@dataclass
class PartSpan:
    kind: str  # kicker, headline, subheadline, byline, heading, paragraph, caption, credit
    start: int
    end: int
    piece: Piece


@dataclass
class AssembledArticle:
    draft: ArticleDraft
    text: str
    pages: list[Optional[int]]  # per character
    boxes: list[Optional[Box]]  # per character
    parts: list[PartSpan] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)

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
        parts.append(("byline", _byline_line(draft.byline)))
    for section in draft.sections:
        if section.heading is not None:
            parts.append(("heading", section.heading))
        parts.extend(("paragraph", p) for p in section.paragraphs)
    parts.extend(("caption", p) for p in draft.captions)
    parts.extend(("credit", p) for p in draft.credits)
    return parts


def _byline_line(names: list[Piece]) -> Piece:
    text = " ".join(p.text for p in names)
    boxes: list[Optional[Box]] = []
    for i, p in enumerate(names):
        if i:
            boxes.append(None)
        boxes.extend(p.boxes if p.boxes is not None else [None] * len(p.text))
    has_boxes = any(p.boxes is not None for p in names)
    return Piece(text, names[0].page, boxes if has_boxes else None)


def assemble(draft: ArticleDraft, geometry: bool) -> AssembledArticle:
    """Join the parts with newlines; `geometry` is False for text input (no page boxes)."""
    chunks: list[str] = []
    pages: list[Optional[int]] = []
    boxes: list[Optional[Box]] = []
    parts: list[PartSpan] = []
    repairs: list[Repair] = []
    offset = 0
    for kind, piece in ordered_parts(draft):
        if chunks:
            chunks.append("\n")
            pages.append(None)
            boxes.append(None)
            offset += 1
        chunks.append(piece.text)
        pages.extend([piece.page] * len(piece.text))
        piece_boxes = piece.boxes if geometry and piece.boxes is not None else [None] * len(piece.text)
        boxes.extend(piece_boxes)
        parts.append(PartSpan(kind, offset, offset + len(piece.text), piece))
        repairs.extend(r.shifted(offset) for r in piece.repairs)
        offset += len(piece.text)
    return AssembledArticle(draft, "".join(chunks), pages, boxes, parts, repairs)
