"""The internal document model every stage reads and writes.

Data flows one way: ingest -> repair -> layout -> assemble -> nlp -> facts/entities -> export.
Coordinates are PDF points with the origin at the page's top-left (pdfplumber's x0, top, x1,
bottom). Text input has no geometry: `page` is 1 and `boxes` is None.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class Repair:
    """One repaired extraction artifact; `start`/`end` index the text that holds `after`."""

    before: str
    after: str
    start: int
    end: int
    method: str

    def shifted(self, by: int) -> "Repair":
        return Repair(self.before, self.after, self.start + by, self.end + by, self.method)


@dataclass
class Line:
    """One printed line as extracted, with optional per-character boxes (PDF input)."""

    text: str
    page: int = 1
    boxes: Optional[list[Optional[Box]]] = None  # one per character of `text`
    size: Optional[float] = None  # dominant font size, PDF input only
    bold: bool = False
    repairs: list[Repair] = field(default_factory=list)

    @property
    def bbox(self) -> Optional[Box]:
        return union_boxes(self.boxes)


@dataclass
class Piece:
    """A run of article text (paragraph, heading, caption...) with its provenance."""

    text: str
    page: int = 1
    boxes: Optional[list[Optional[Box]]] = None
    repairs: list[Repair] = field(default_factory=list)

    @property
    def bbox(self) -> Optional[Box]:
        return union_boxes(self.boxes)

    @classmethod
    def from_lines(cls, lines: list[Line], sep: str = "") -> "Piece":
        """Concatenate lines (joined by `sep`), carrying boxes and repairs along.

        With the default `sep=""` (running text), Chinese joins with nothing, but Latin words
        or numbers meeting at a line break get a space between them.
        """
        text_parts: list[str] = []
        boxes: list[Optional[Box]] = []
        repairs: list[Repair] = []
        has_boxes = any(line.boxes is not None for line in lines)
        offset = 0
        for i, line in enumerate(lines):
            joint = "" if not i else sep or _latin_joint(lines[i - 1].text, line.text)
            if joint:
                text_parts.append(joint)
                boxes.extend([None] * len(joint))
                offset += len(joint)
            text_parts.append(line.text)
            boxes.extend(line.boxes if line.boxes is not None else [None] * len(line.text))
            repairs.extend(r.shifted(offset) for r in line.repairs)
            offset += len(line.text)
        page = lines[0].page if lines else 1
        return cls("".join(text_parts), page, boxes if has_boxes else None, repairs)


@dataclass
class Section:
    heading: Optional[Piece]
    paragraphs: list[Piece] = field(default_factory=list)


@dataclass
class Block:
    """A laid-out region of the page, kept for provenance (`blocks` in the JSON)."""

    kind: str  # kicker, headline, subheadline, byline, heading, paragraph, caption, credit
    page: int
    bbox: Box
    text: str


@dataclass
class ArticleDraft:
    """An article as rebuilt by layout, before its text is assembled and analysed."""

    headline: Piece
    kicker: Optional[Piece] = None
    subheadline: Optional[Piece] = None
    byline: list[Piece] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    captions: list[Piece] = field(default_factory=list)
    credits: list[Piece] = field(default_factory=list)
    pages: list[int] = field(default_factory=lambda: [1])
    blocks: list[Block] = field(default_factory=list)


@dataclass
class RawPage:
    """One page as ingested: its lines in extraction order (text input) or chars (PDF)."""

    number: int  # 1-based
    lines: list[Line] = field(default_factory=list)
    width: Optional[float] = None
    height: Optional[float] = None
    chars: list[dict] = field(default_factory=list)  # de-duplicated pdfplumber char dicts
    images: list[Box] = field(default_factory=list)
    needs_ocr: bool = False


@dataclass
class RawDocument:
    path: str
    sha256: str
    kind: str  # "pdf" | "text"
    pages: list[RawPage]
    warnings: list[str] = field(default_factory=list)


def _latin_joint(before: str, after: str) -> str:
    """A space where a line break falls between two Latin words (not after a hyphen).

    Digits meeting at a break get none: print breaks numbers anywhere (`20` / `25年`).
    """
    if before and after and before[-1].isascii() and after[0].isascii() \
            and (before[-1].isalpha() or before[-1] in ".,;:!?)") and after[0].isalpha():
        return " "
    return ""


def union_boxes(boxes: Optional[list[Optional[Box]]]) -> Optional[Box]:
    if not boxes:
        return None
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    return (
        min(b[0] for b in real),
        min(b[1] for b in real),
        max(b[2] for b in real),
        max(b[3] for b in real),
    )
