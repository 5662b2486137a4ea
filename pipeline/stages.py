"""The pipeline, written out in one place. Data flows one way:

    ingest -> lines -> repair -> layout -> link -> assemble -> nlp -> facts -> export

Pages stream through the first four stages one at a time; `link` holds back only articles that
may continue on a later page; each finished article is analysed and written at once.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator, Optional

from pipeline.assemble import AssembledArticle, assemble
from pipeline.document import ArticleDraft, PageLayout, RawDocument, RawPage
from pipeline.errors import InputError
from pipeline.ingest.engines import DEFAULT_ENGINE
from pipeline.export import DocumentWriter, article_out, page_out
from pipeline.layout.continuations import ArticleLinker
from pipeline.layout.lines import page_lines
from pipeline.model import DocumentOut, Source
from pipeline.repair import repair_lines

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".text"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
INPUT_SUFFIXES = PDF_SUFFIXES | TEXT_SUFFIXES | IMAGE_SUFFIXES


@dataclass(frozen=True)
class Options:
    """How to read inputs; the command line sets these."""

    pdf_engine: str = DEFAULT_ENGINE
    # Reviewers' decisions, one file per input named `<sha256 of the input>.json`; applied to
    # every later output of that input.
    corrections: Optional[str] = "corrections"
    # OCR: "auto" reads pages that need it (scans, unusable text layers), "off" never (such
    # pages are reported), "force" every page; PDF pages are rendered at `ocr_dpi`;
    # `ocr_threads` onnxruntime threads per process (0 = every core; 1 when files run in
    # parallel, one per core).
    ocr: str = "auto"
    ocr_dpi: int = 200
    ocr_threads: int = 0
    # Per-file limits (0 = none): a file over one fails with a line naming the limit.
    max_pages: int = 0
    max_glyphs: int = 0  # glyphs on one page
    max_chars: int = 0  # characters of a text file

    def ocr_settings(self):
        from pipeline.ingest.ocr import OcrSettings

        return OcrSettings(mode=self.ocr, dpi=self.ocr_dpi, threads=self.ocr_threads)


def _check_pages(raw: RawDocument, options: Options) -> None:
    count = raw.page_count if raw.page_count is not None else (
        len(raw.pages) if isinstance(raw.pages, list) else None)
    if options.max_pages and count is not None and count > options.max_pages:
        raise InputError(f"over the page limit of {options.max_pages} pages (--max-pages): "
                         f"it has {count}")


def _check_glyphs(page: RawPage, options: Options) -> None:
    if options.max_glyphs and len(page.glyphs) > options.max_glyphs:
        raise InputError(f"over the glyph limit of {options.max_glyphs} per page (--max-glyphs): "
                         f"page {page.number} has {len(page.glyphs)}")


def _check_chars(raw: RawDocument, options: Options) -> None:
    """A text file is one page, so no page or glyph limit bounds it: its length does."""
    if not options.max_chars or not isinstance(raw.pages, list):
        return
    count = sum(len(line.text) for page in raw.pages for line in page.lines)
    if count > options.max_chars:
        raise InputError(f"over the character limit of {options.max_chars} per text file "
                         f"(--max-chars): it has {count}")


def ingest(path: Path, options: Options) -> RawDocument:
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from pipeline.ingest.pdf import read_pdf  # PDF libraries load only when needed

        return read_pdf(str(path), engine=options.pdf_engine, ocr=options.ocr_settings())
    if suffix in IMAGE_SUFFIXES:
        from pipeline.ingest.image import read_image

        return read_image(str(path), options.ocr_settings())
    if suffix in TEXT_SUFFIXES:
        from pipeline.ingest.text import read_text

        raw = read_text(path)
        _check_chars(raw, options)
        return raw
    raise InputError(f"unsupported file type {suffix or '(none)'}: expected "
                     f"{', '.join(sorted(INPUT_SUFFIXES))}")


def lines(page: RawPage) -> RawPage:
    return replace(page, lines=page_lines(page))


def repair(page: RawPage) -> RawPage:
    return replace(page, lines=repair_lines(page.lines))


def layout(page: RawPage, kind: str) -> PageLayout:
    if kind == "text":
        from pipeline.layout.text_layout import layout_text

        return PageLayout(number=page.number, width=None, height=None, source=page.source,
                          articles=[layout_text(page.lines)])
    from pipeline.layout.pdf_layout import layout_page

    return layout_page(page)


def analyse(article: AssembledArticle):
    from pipeline.facts import extract_facts
    from pipeline.nlp import annotate

    names = [p.text for p in article.draft.byline]
    tokens, entities = annotate(article.text, byline=names)
    cells = [(c.start, c.end, c.subject) for c in article.cells]  # table facts read cell by cell
    facts = extract_facts(article.text, tokens, cells=cells)
    return tokens, entities, facts


def laid_out_pages(raw: RawDocument, options: Optional[Options] = None) -> Iterator[PageLayout]:
    for page in raw.pages:
        if options is not None:
            _check_glyphs(page, options)
        yield layout(repair(lines(page)), raw.kind)


def _run(path: Path, display_path: str, options: Options,
         writer: DocumentWriter) -> tuple[Source, list[str]]:
    """Every stage on one input file, into `writer`; returns the source record and warnings."""
    raw = ingest(path, options)
    _check_pages(raw, options)
    linker = ArticleLinker()
    page_sources: list[str] = []
    numbered = 0

    def export(drafts: list[ArticleDraft]) -> None:
        from pipeline.corrections import reviewed_article

        nonlocal numbered
        for draft in drafts:
            numbered += 1
            assembled = assemble(draft, geometry=raw.kind != "text")
            tokens, entities, facts = analyse(assembled)
            article = article_out(f"a{numbered}", assembled, tokens, entities, facts)
            # Reviewers' decisions on this input; any that finds nothing is named in raw.warnings.
            article = reviewed_article(article, options.corrections, raw.sha256, raw.warnings,
                                       first=numbered == 1)
            writer.add_article(article)

    for page in laid_out_pages(raw, options):
        page_sources.append(page.source)
        writer.add_page(page_out(page))
        export(linker.feed(page))
    export(linker.finish())
    if not numbered:
        raw.warnings.append("no article found")
    return Source(path=display_path, sha256=raw.sha256, kind=raw.kind, pages=len(page_sources),
                  page_sources=page_sources), raw.warnings


def process(path: Path, display_path: str, options: Optional[Options] = None) -> DocumentOut:
    """Run every stage on one input file and return the validated document."""
    writer = DocumentWriter()
    try:
        source, warnings = _run(path, display_path, options or Options(), writer)
        return writer.finish(source, warnings)
    finally:
        writer.close()


def process_to_file(path: Path, display_path: str, target: Path,
                    options: Optional[Options] = None) -> None:
    """Run every stage on one input file and write its JSON to `target` atomically, keeping
    finished articles on disk rather than in memory."""
    writer = DocumentWriter()
    try:
        source, warnings = _run(path, display_path, options or Options(), writer)
        writer.write(target, source, warnings)
    finally:
        writer.close()
