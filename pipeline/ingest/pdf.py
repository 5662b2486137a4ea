"""PDF input: pages read one at a time through an engine, duplicated glyphs removed, and each
page's text source decided.

    read_pdf(path, engine="pdfplumber") -> RawDocument   (its `pages` is a generator)

Engines (`--pdf-engine`): `pdfplumber` (pdfminer.six, the reference). Every engine gives the same
`PageObjects` records. Bad input raises InputError with a one-line reason, at open time or when
the page that is damaged is reached.

A page whose text layer has no Unicode mapping ((cid:N) codes, private-use characters) yields
no glyphs, source "none" and a warning; an image-only page likewise.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator

from pipeline.document import RawDocument, RawPage
from pipeline.errors import InputError
from pipeline.ingest.glyphs import dedupe
from pipeline.ingest.library_warnings import LibraryWarnings
from pipeline.ingest.pdf_objects import PageObjects, PdfPages

UNMAPPED_SHARE = 0.3  # share of unmapped glyphs that makes a text layer unusable
ENGINES = ("pdfplumber", "pdfium")
DEFAULT_ENGINE = "pdfplumber"


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def open_pages(path: str, engine: str = DEFAULT_ENGINE) -> PdfPages:
    """Open a PDF with the named engine; InputError with a reason when it can't be read."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise InputError("not a PDF (no %PDF header)")
    if engine == "pdfplumber":
        from pipeline.ingest.pdfplumber_pages import PdfplumberPages

        pages: PdfPages = PdfplumberPages(path)
    elif engine == "pdfium":
        from pipeline.ingest.pdfium_pages import PdfiumPages

        pages = PdfiumPages(path)
    else:
        raise InputError(f"unknown PDF engine {engine!r} (expected one of {', '.join(ENGINES)})")
    if pages.page_count == 0:
        pages.close()
        raise InputError("PDF has no pages")
    return pages


def _is_unmapped(text: str) -> bool:
    return text.startswith("(cid:") or any(0xE000 <= ord(ch) <= 0xF8FF or ch == "\ufffd" for ch in text)


def page_from_objects(number: int, objects: PageObjects, warnings: list[str]) -> RawPage:
    """De-duplicate the page's glyphs and decide where its text comes from."""
    glyphs = dedupe(objects.chars)
    visible = [g for g in glyphs if g["text"].strip()]
    source = "text"
    unmapped = sum(_is_unmapped(g["text"]) for g in visible)
    if visible and unmapped / len(visible) >= UNMAPPED_SHARE:
        warnings.append(f"page {number}: {unmapped} of {len(visible)} glyphs have no Unicode "
                        f"mapping; text layer discarded, page needs OCR")
        glyphs, source = [], "none"
    elif not visible:
        source = "none"
        if objects.images:
            warnings.append(f"page {number}: no text layer (image only); page needs OCR")
    return RawPage(number=number, width=objects.width, height=objects.height, glyphs=glyphs,
                   rules=objects.rules, rects=objects.rects, images=objects.images, source=source)


def _read_pages(path: str, pages: PdfPages, warnings: list[str]) -> Iterator[RawPage]:
    library = LibraryWarnings().start()
    try:
        for index in range(pages.page_count):
            number = index + 1
            try:
                objects = pages.page(index)
            except InputError:
                raise
            except Exception as error:
                raise InputError(f"corrupt or truncated PDF: page {number} unreadable "
                                 f"({type(error).__name__})") from None
            yield page_from_objects(number, objects, warnings)
    finally:
        library.stop()
        pages.close()
        warnings.extend(library.lines())


def read_pdf(path: str, engine: str = DEFAULT_ENGINE) -> RawDocument:
    with LibraryWarnings() as library:
        pages = open_pages(path, engine)
    doc = RawDocument(path=path, sha256=sha256_of(path), kind="pdf", pages=[],
                      page_count=pages.page_count, warnings=library.lines())
    doc.pages = _read_pages(str(Path(path)), pages, doc.warnings)
    return doc
