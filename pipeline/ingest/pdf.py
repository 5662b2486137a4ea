"""PDF input: pages read one at a time through an engine, duplicated glyphs removed, and each
page's text source decided.

    read_pdf(path, engine=DEFAULT_ENGINE) -> RawDocument   (its `pages` is a generator)

Engines (`--pdf-engine`, `pipeline.ingest.engines`): `pdfium` (the default) and `pdfplumber`
(pdfminer.six, the reference). Both give `PageObjects` records. Bad input raises InputError
with a one-line reason, at open time or when the page that is damaged is reached.

Each page's text source is decided by `textlayer.judge`: a good text layer ("text"), a GBK/Big5
byte-pair layer re-decoded ("recovered"), or OCR of the page rendered with pdfium ("ocr"; an
image-only page, or a layer with no usable mapping, with a warning when a layer was discarded).
A scan's invisible text layer is kept where it reads plausibly; its other lines are re-read by
OCR in their own boxes. With OCR off, such pages get source "none" and a warning.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterator, Optional

from pipeline.document import RawDocument, RawPage
from pipeline.errors import InputError
from pipeline.ingest.engines import DEFAULT_ENGINE, ENGINES
from pipeline.ingest.glyphs import dedupe
from pipeline.ingest.image import PdfPageImages, RenderError
from pipeline.ingest.library_warnings import LibraryWarnings
from pipeline.ingest.ocr import OcrSettings, read_page_image, read_regions
from pipeline.ingest.pdf_objects import PageObjects, PdfPages, drop_far_off_page
from pipeline.ingest.textlayer import Verdict, is_scan, judge



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


def page_from_objects(number: int, objects: PageObjects, warnings: list[str],
                      images: Optional[PdfPageImages] = None,
                      ocr: OcrSettings = OcrSettings()) -> RawPage:
    """De-duplicate the page's glyphs and decide where its text comes from (`textlayer.judge`):
    the text layer, the text layer re-decoded, or OCR of the page rendered by `images` (at
    `ocr.dpi`). Without a renderer, or with OCR off, a page that needs OCR gets source "none"."""
    off_page = drop_far_off_page(objects)
    if off_page:
        warnings.append(f"page {number}: {off_page} glyphs placed far outside the page left out")
    glyphs = dedupe(objects.chars)
    if ocr.mode == "force":
        verdict = Verdict("ocr", [])
    else:
        verdict = judge(glyphs, objects.images, objects.width, objects.height, number)
    # On a scan the page image is the page, not a photo on it.
    photos = [b for b in objects.images if not is_scan([b], objects.width, objects.height)]
    page = RawPage(number=number, width=objects.width, height=objects.height, glyphs=verdict.glyphs,
                   rules=objects.rules, rects=objects.rects, images=photos, source=verdict.source)
    can_ocr = images is not None and ocr.mode != "off"
    if verdict.source == "ocr":
        if not can_ocr:
            reason = verdict.warning.split("; ")[0] if verdict.warning else f"page {number}: no text layer"
            if objects.images or verdict.warning:
                warnings.append(f"{reason}; page needs OCR (OCR is off)")
            page.source = "none"
            return page
        if verdict.warning and objects.chars:
            warnings.append(verdict.warning)
        try:
            return _ocr_page(page, images, ocr, warnings)  # type: ignore[arg-type]
        except RenderError as error:
            warnings.append(f"page {number}: page needs OCR but cannot be rendered ({error})")
            page.source = "none"
            return page
    if verdict.warning:
        warnings.append(verdict.warning if can_ocr or not verdict.reread
                        else verdict.warning.replace("re-read by OCR", "left out (OCR is off)"))
    if verdict.reread and can_ocr:
        try:
            dpi = images.ocr_dpi(number - 1, ocr.dpi)  # type: ignore[union-attr]
            image = images.render(number - 1, dpi)  # type: ignore[union-attr]
        except RenderError as error:
            warnings.append(f"page {number}: lines to re-read by OCR left out: the page cannot be "
                            f"rendered ({error})")
            return page
        page.glyphs = page.glyphs + read_regions(image, verdict.reread, 72.0 / dpi, ocr,
                                                 keep=page.glyphs)
    return page


def _ocr_page(page: RawPage, images: PdfPageImages, ocr: OcrSettings, warnings: list[str]) -> RawPage:
    dpi = images.ocr_dpi(page.number - 1, ocr.dpi)
    result = read_page_image(images.render(page.number - 1, dpi), 72.0 / dpi, ocr)
    page.glyphs = result.glyphs
    page.source = "ocr" if result.glyphs else "none"
    if result.rotation:
        warnings.append(f"page {page.number}: page image turned {result.rotation} degrees to "
                        f"read it upright")
        # Coordinates now refer to the upright page: the PDF's own shapes no longer fit.
        page.width, page.height = result.size
        page.images, page.rules, page.rects = result.images, result.rules, []
    else:
        page.images = page.images + result.images
        page.rules = page.rules + result.rules
    return page


def _read_pages(path: str, pages: PdfPages, warnings: list[str],
                ocr: OcrSettings) -> Iterator[RawPage]:
    library = LibraryWarnings().start()
    images = PdfPageImages(path)
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
            yield page_from_objects(number, objects, warnings, images, ocr)
    finally:
        library.stop()
        images.close()
        pages.close()
        warnings.extend(library.lines())


def read_pdf(path: str, engine: str = DEFAULT_ENGINE, ocr: Optional[OcrSettings] = None) -> RawDocument:
    with LibraryWarnings() as library:
        pages = open_pages(path, engine)
    doc = RawDocument(path=path, sha256=sha256_of(path), kind="pdf", pages=[],
                      page_count=pages.page_count, warnings=library.lines())
    doc.pages = _read_pages(str(Path(path)), pages, doc.warnings, ocr or OcrSettings())
    return doc
