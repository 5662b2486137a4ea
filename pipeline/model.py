"""The JSON contract (schema version 2): one file per input, validated on write.

Every offset (`start`, `end`) indexes the article's `text` in Unicode code points; `page` is
1-based and `bbox` is (x0, top, x1, bottom) in PDF points from the page's top-left corner
(for image input: pixels scaled to points at the scan's resolution), null for text input.

Version 2 adds, over version 1: `source.page_sources` and `pages` (edition data, page furniture,
advertisements and low-confidence OCR lines per page), `date` and `tables` on articles, `note`
on facts, and `reviewed` on facts and entities.
"""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = 2

BBox = tuple[float, float, float, float]
PageSource = Literal["text", "recovered", "ocr", "none"]
Reviewed = Optional[Literal["confirmed", "corrected", "rejected"]]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    path: str
    sha256: str
    kind: Literal["pdf", "text", "image"]
    pages: int
    # How each page's text was obtained: a good text layer (or a text file), a recovered
    # (re-decoded) broken text layer, OCR, or nothing readable.
    page_sources: list[PageSource]


class EditionOut(_Strict):
    paper: Optional[str] = None
    date: Optional[str] = None  # ISO 8601
    page_label: Optional[str] = None
    section: Optional[str] = None
    editors: list[str] = []


class PageItemOut(_Strict):
    kind: str  # header, footer, page_number, ad, ...
    text: str
    bbox: BBox


class LowConfidenceLine(_Strict):
    text: str
    confidence: float
    bbox: BBox


class PageOut(_Strict):
    number: int
    width: Optional[float]
    height: Optional[float]
    source: PageSource
    edition: Optional[EditionOut] = None
    furniture: list[PageItemOut] = []  # running heads and feet, kept out of articles
    items: list[PageItemOut] = []  # advertisements and other non-article regions
    low_confidence: list[LowConfidenceLine] = []  # OCR lines to check by eye


class SectionOut(_Strict):
    heading: Optional[str]
    paragraphs: list[str]


class EntityOut(_Strict):
    text: str
    label: str
    start: int
    end: int
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    reviewed: Reviewed = None


class FactOut(_Strict):
    text: str
    value: Union[int, float, str, None]
    unit: Optional[str]
    approx: Optional[Literal["over", "under", "about"]]
    kind: str
    subject: Optional[str]
    start: int
    end: int
    role: Optional[str] = None  # from/to of a change, low/high of a range
    group: Optional[int] = None  # shared by the facts of one change or range
    note: Optional[str] = None  # why `value` is null (absurd magnitude, ...), else null
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    reviewed: Reviewed = None


class RepairOut(_Strict):
    before: str
    after: str
    start: int
    end: int
    method: str


class BlockOut(_Strict):
    kind: str
    page: int
    bbox: BBox
    start: int  # span of the block's text inside the article's `text`
    end: int


class CellOut(_Strict):
    text: str
    start: int  # span of the cell inside the article's `text`
    end: int
    bbox: Optional[BBox] = None


class TableOut(_Strict):
    page: int
    bbox: BBox
    header_rows: int
    header_cols: int
    rows: list[list[CellOut]]


class ArticleOut(_Strict):
    id: str
    pages: list[int]
    date: Optional[str] = None  # ISO date of the edition the article was printed in
    kicker: Optional[str]
    headline: str
    subheadline: Optional[str]
    byline: list[str]
    captions: list[str]
    credits: list[str]
    sections: list[SectionOut]
    tables: list[TableOut] = []
    text: str
    tokens: list[tuple[int, int, str]]
    entities: list[EntityOut]
    facts: list[FactOut]
    repairs: list[RepairOut]
    blocks: list[BlockOut]


class DocumentOut(_Strict):
    schema_version: Literal[2] = SCHEMA_VERSION
    source: Source
    pages: list[PageOut] = []
    articles: list[ArticleOut]
    warnings: list[str]
