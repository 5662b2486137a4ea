"""The JSON contract (schema version 1): one file per input, validated on write.

Every offset (`start`, `end`) indexes the article's `text` in Unicode code points; `page` is
1-based and `bbox` is (x0, top, x1, bottom) in PDF points from the page's top-left corner,
null for text input.
"""
from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import BaseModel, ConfigDict

SCHEMA_VERSION = 1

BBox = tuple[float, float, float, float]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    path: str
    sha256: str
    kind: Literal["pdf", "text"]
    pages: int


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
    note: Optional[str] = None  # why value is null (absurd magnitude), else null
    page: Optional[int] = None
    bbox: Optional[BBox] = None


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


class ArticleOut(_Strict):
    id: str
    pages: list[int]
    kicker: Optional[str]
    headline: str
    subheadline: Optional[str]
    byline: list[str]
    captions: list[str]
    credits: list[str]
    sections: list[SectionOut]
    text: str
    tokens: list[tuple[int, int, str]]
    entities: list[EntityOut]
    facts: list[FactOut]
    repairs: list[RepairOut]
    blocks: list[BlockOut]


class DocumentOut(_Strict):
    schema_version: Literal[1] = SCHEMA_VERSION
    source: Source
    articles: list[ArticleOut]
    warnings: list[str]
