"""The pipeline, written out in one place. Data flows one way:

    ingest -> repair -> layout -> assemble -> nlp -> facts -> export
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pipeline.assemble import AssembledArticle, assemble
from pipeline.document import ArticleDraft, RawDocument
from pipeline.errors import InputError
from pipeline.export import article_out, document_out
from pipeline.model import DocumentOut
from pipeline.repair import repair_lines

PDF_SUFFIXES = {".pdf"}
TEXT_SUFFIXES = {".txt", ".text"}


def ingest(path: Path) -> RawDocument:
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES:
        from pipeline.ingest.pdf import read_pdf  # pdfplumber loads only when needed

        return read_pdf(str(path))
    if suffix in TEXT_SUFFIXES:
        from pipeline.ingest.text import read_text

        return read_text(path)
    raise InputError(f"unsupported file type {suffix or '(none)'}: expected .pdf or .txt")


def repair(raw: RawDocument) -> RawDocument:
    pages = [replace(page, lines=repair_lines(page.lines)) for page in raw.pages]
    return replace(raw, pages=pages)


def layout(raw: RawDocument) -> list[ArticleDraft]:
    if raw.kind == "pdf":
        from pipeline.layout.pdf_layout import layout_pdf

        return layout_pdf(raw)
    from pipeline.layout.text_layout import layout_text

    return [layout_text([line for page in raw.pages for line in page.lines])]


def analyse(article: AssembledArticle):
    from pipeline.facts import extract_facts
    from pipeline.nlp import annotate

    names = [p.text for p in article.draft.byline]
    tokens, entities = annotate(article.text, byline=names)
    facts = extract_facts(article.text, tokens)
    return tokens, entities, facts


def process(path: Path, display_path: str) -> DocumentOut:
    """Run every stage on one input file."""
    raw = repair(ingest(path))
    articles = []
    for number, draft in enumerate(layout(raw), start=1):
        assembled = assemble(draft, geometry=raw.kind == "pdf")
        tokens, entities, facts = analyse(assembled)
        articles.append(article_out(f"a{number}", assembled, tokens, entities, facts))
    if not articles:
        raw.warnings.append("no article found")
    return document_out(raw, display_path, articles)
