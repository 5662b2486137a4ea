"""The internal document model every stage reads and writes.

Data flows one way: ingest -> lines -> repair -> layout -> link -> assemble -> nlp -> facts ->
export. Coordinates are PDF points with the origin at the page's top-left (pdfplumber's x0, top,
x1, bottom); image pages use their pixel grid scaled to points at the scan's resolution. Text
input has no geometry: `page` is 1 and `boxes` is None.

Every source of a page (pdfplumber chars, pdfium chars, a recovered mojibake layer, OCR boxes)
becomes the same records: glyphs (plain dicts, pdfplumber's keys) on a `RawPage`, with the page's
ruling lines, rectangles and images. Layout reads only these, never where they came from.

A glyph dict has at least: text, x0, top, x1, bottom (floats), size (float), fontname (str);
optionally `upright` (bool, False for glyphs drawn rotated) and `conf` (OCR confidence 0-1).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional

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
    confidence: Optional[float] = None  # lowest OCR confidence of its glyphs; None when not OCR
    vertical: bool = False  # characters stacked top to bottom (a vertical headline)

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
    # Per-character page numbers, set only when the piece runs over two pages (a paragraph
    # continued on a later page); otherwise every character is on `page`.
    char_pages: Optional[list[int]] = None

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
class TableDraft:
    """A table found on the page: rows of cells, each cell a Piece with its boxes.

    The first `header_rows` rows and `header_cols` columns are headers; a fact in a body cell
    takes its row and column headers as subject.
    """

    page: int
    bbox: Box
    rows: list[list[Piece]]
    header_rows: int = 0
    header_cols: int = 0


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
    tables: list[TableDraft] = field(default_factory=list)
    pages: list[int] = field(default_factory=lambda: [1])
    date: Optional[str] = None  # ISO date of the edition it was printed in
    jump_to: Optional[str] = None  # page label a `（下转第X版）` marker sends the reader to
    jump_from: Optional[str] = None  # page label a `（上接第X版）` marker names
    # The first body line is not indented: the text goes on from a paragraph begun elsewhere
    # (an earlier page), so the linker joins it to that paragraph.
    opens_mid_paragraph: bool = False


@dataclass
class Edition:
    """What the page's running head and foot say: paper, date, page label, section, editors."""

    paper: Optional[str] = None
    date: Optional[str] = None  # ISO 8601 (YYYY-MM-DD)
    page_label: Optional[str] = None  # as printed: `第2版`, `A3`
    section: Optional[str] = None  # `要闻·综合`
    editors: list[str] = field(default_factory=list)


@dataclass
class PageItem:
    """A page region that is not article text: running head/foot, advertisement, ..."""

    kind: str  # header, footer, page_number, ad, ...
    page: int
    bbox: Box
    text: str


@dataclass
class PageLayout:
    """Layout's result for one page: its articles in reading order and everything else on it."""

    number: int
    width: Optional[float]
    height: Optional[float]
    source: str
    articles: list[ArticleDraft] = field(default_factory=list)
    edition: Optional[Edition] = None
    furniture: list[PageItem] = field(default_factory=list)
    items: list[PageItem] = field(default_factory=list)
    low_confidence: list[Line] = field(default_factory=list)  # OCR lines to check by eye


@dataclass
class RawPage:
    """One page as ingested.

    Text input fills `lines` directly (no geometry). Every other source fills `glyphs` (plus
    rules, rects, images); the `lines` stage then builds `lines` from the geometry.
    """

    number: int  # 1-based
    lines: list[Line] = field(default_factory=list)
    width: Optional[float] = None
    height: Optional[float] = None
    glyphs: list[dict] = field(default_factory=list)  # de-duplicated glyph dicts
    rules: list[Box] = field(default_factory=list)  # printed ruling lines (thin strokes or rects)
    rects: list[dict] = field(default_factory=list)  # boxes: x0, top, x1, bottom, fill, stroke, dark
    images: list[Box] = field(default_factory=list)
    # How the text was obtained: "text" (a good text layer, or a text file), "recovered" (a
    # broken text layer re-decoded), "ocr", or "none" (nothing readable).
    source: str = "text"


@dataclass
class RawDocument:
    """An input file as ingested. `pages` may be a generator: PDFs are read page by page so
    memory does not grow with the page count; `warnings` fills up while pages are read."""

    path: str
    sha256: str
    kind: str  # "pdf" | "text" | "image"
    pages: Iterable[RawPage]
    warnings: list[str] = field(default_factory=list)
    page_count: Optional[int] = None  # known before reading when `pages` is a generator


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
