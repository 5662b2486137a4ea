"""Build the JSON document from analysed articles and laid-out pages, and write it atomically.

Documents are written as a stream: each article is validated and serialised as soon as it is
complete and kept on disk (a spooled temporary file) until the document is finished, so memory
does not grow with the page count. `to_json(DocumentOut)` and the streamed file are the same
bytes.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Optional

from pipeline.assemble import AssembledArticle
from pipeline.document import Box, PageItem, PageLayout, union_boxes
from pipeline.model import (
    ArticleOut, BlockOut, CellOut, DocumentOut, EditionOut, EntityOut, FactOut, LowConfidenceLine,
    PageItemOut, PageOut, RepairOut, SectionOut, Source, TableOut,
)

SPOOL_IN_MEMORY = 8 << 20  # bytes of serialised articles kept in memory before spilling to disk

COORD_DECIMALS = 2


def _bbox(box: Optional[Box]) -> Optional[tuple[float, float, float, float]]:
    if box is None:
        return None
    return tuple(round(float(v), COORD_DECIMALS) for v in box)  # type: ignore[return-value]


def region_blocks(article: AssembledArticle) -> list[BlockOut]:
    """One block per part per column/page: a part's characters split where the text jumps
    back up the page (a new column) or onto another page."""
    blocks: list[BlockOut] = []
    for part in article.parts:
        run_start: Optional[int] = None
        run_boxes: list[Box] = []
        run_page: Optional[int] = None
        last_top: Optional[float] = None

        def flush(end: int) -> None:
            if run_start is not None and run_boxes and run_page is not None:
                blocks.append(BlockOut(kind=part.kind, page=run_page, bbox=_bbox(union_boxes(run_boxes)),
                                       start=run_start, end=end))

        for i in range(part.start, part.end):
            box, page = article.boxes[i], article.pages[i]
            if box is None or page is None:
                continue
            height = box[3] - box[1]
            new_region = run_start is None or page != run_page or (
                last_top is not None and box[1] < last_top - height * 1.5
            )
            if new_region:
                flush(i)
                run_start, run_boxes, run_page = i, [], page
            run_boxes.append(box)
            last_top = box[1]
        flush(part.end)
    return blocks


def article_out(article_id: str, article: AssembledArticle, tokens, entities, facts) -> ArticleOut:
    draft = article.draft
    entity_rows = []
    for start, end, label in entities:
        page, box = article.locate(start, end)
        entity_rows.append(EntityOut(text=article.text[start:end], label=label, start=start, end=end,
                                     page=page, bbox=_bbox(box)))
    fact_rows = []
    for fact in facts:
        page, box = article.locate(fact["start"], fact["end"])
        fact_rows.append(FactOut(**fact, page=page, bbox=_bbox(box)))
    pages = sorted({p for p in article.pages if p is not None}) or list(draft.pages)
    return ArticleOut(
        id=article_id,
        pages=pages,
        date=draft.date,
        kicker=draft.kicker.text if draft.kicker is not None and draft.kicker.text else None,
        headline=draft.headline.text,
        subheadline=draft.subheadline.text if draft.subheadline is not None and draft.subheadline.text else None,
        byline=[p.text for p in draft.byline],
        captions=[p.text for p in draft.captions],
        credits=[p.text for p in draft.credits],
        sections=[
            SectionOut(heading=s.heading.text if s.heading is not None else None,
                       paragraphs=[p.text for p in s.paragraphs])
            for s in draft.sections
        ],
        tables=tables_out(article),
        text=article.text,
        tokens=[tuple(t) for t in tokens],
        entities=entity_rows,
        facts=fact_rows,
        repairs=[RepairOut(before=r.before, after=r.after, start=r.start, end=r.end, method=r.method)
                 for r in article.repairs],
        blocks=region_blocks(article),
    )


def tables_out(article: AssembledArticle) -> list[TableOut]:
    tables = []
    for index, table in enumerate(article.draft.tables):
        spans = [c for c in article.cells if c.table == index]
        rows: list[list[CellOut]] = [[] for _ in table.rows]
        for span in spans:
            cell = table.rows[span.row][span.column]
            rows[span.row].append(CellOut(text=cell.text, start=span.start, end=span.end,
                                          bbox=_bbox(cell.bbox)))
        tables.append(TableOut(page=table.page, bbox=_bbox(table.bbox), header_rows=table.header_rows,
                               header_cols=table.header_cols, rows=rows))
    return tables


def _item(item: PageItem) -> PageItemOut:
    return PageItemOut(kind=item.kind, text=item.text, bbox=_bbox(item.bbox))


def page_out(page: PageLayout) -> PageOut:
    edition = None
    if page.edition is not None:
        e = page.edition
        edition = EditionOut(paper=e.paper, date=e.date, page_label=e.page_label, section=e.section,
                             editors=list(e.editors))
    return PageOut(
        number=page.number,
        width=None if page.width is None else round(page.width, COORD_DECIMALS),
        height=None if page.height is None else round(page.height, COORD_DECIMALS),
        source=page.source,
        edition=edition,
        furniture=[_item(i) for i in page.furniture],
        items=[_item(i) for i in page.items],
        low_confidence=[LowConfidenceLine(text=l.text, confidence=l.confidence, bbox=_bbox(l.bbox))
                        for l in page.low_confidence if l.bbox is not None and l.confidence is not None],
    )


class DocumentWriter:
    """Collects one document's pages and articles as they are produced.

    `finish()` returns the validated `DocumentOut` (everything in memory: for tests and small
    inputs); `write(path)` streams the same bytes to `path` atomically, with the articles kept on
    disk meanwhile.
    """

    def __init__(self) -> None:
        self.pages: list[PageOut] = []
        self._spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY, mode="w+",
                                                    encoding="utf-8")
        self._count = 0

    def add_page(self, page: PageOut) -> None:
        self.pages.append(page)

    def add_article(self, article: ArticleOut) -> None:
        if self._count:
            self._spool.write(",\n")
        self._spool.write(_indented(article_json(article), "  "))
        self._count += 1

    def _envelope(self, source: Source, warnings: list[str]) -> DocumentOut:
        return DocumentOut(source=source, pages=self.pages, articles=[], warnings=list(warnings))

    def write(self, path: Path, source: Source, warnings: list[str]) -> None:
        head, tail = to_json(self._envelope(source, warnings)).split('"articles": []', 1)
        self._spool.seek(0)
        with atomic_file(path) as handle:
            handle.write(head)
            if self._count:
                handle.write('"articles": [\n')
                for block in iter(lambda: self._spool.read(1 << 20), ""):
                    handle.write(block)
                handle.write("\n ]")
            else:
                handle.write('"articles": []')
            handle.write(tail)
        self.close()

    def finish(self, source: Source, warnings: list[str]) -> DocumentOut:
        self._spool.seek(0)
        listed = json.loads("[" + self._spool.read() + "]")
        self.close()
        document = self._envelope(source, warnings)
        return document.model_copy(update={"articles": [ArticleOut.model_validate(a) for a in listed]})

    def close(self) -> None:
        self._spool.close()


def _indented(text: str, prefix: str) -> str:
    return prefix + text.replace("\n", "\n" + prefix)


# A number in exponent form: pydantic writes 1e16 where `json` writes 1e+16.
_EXPONENT = re.compile(r"\d[eE][-+]?\d")


def article_json(article: ArticleOut) -> str:
    """`json.dumps(article.model_dump(mode="json"), ensure_ascii=False, indent=1)`, byte for
    byte: pydantic's serializer (in Rust, several times faster) writes the same text except
    for floats in exponent form, where the standard library's output is taken instead."""
    text = article.model_dump_json(indent=1)
    if _EXPONENT.search(text):  # rare; a false alarm (such text in a string) only costs time
        text = json.dumps(article.model_dump(mode="json"), ensure_ascii=False, indent=1)
    return text


def to_json(document: DocumentOut) -> str:
    """Deterministic serialisation: fixed key order, no ASCII escaping, one trailing newline."""
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class atomic_file:
    """`with atomic_file(path) as handle:` writes a temporary file in the same folder and renames
    it over `path` on success: readers never see half a file; on failure nothing is left."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.",
                                        suffix=".tmp")
        self.handle = os.fdopen(fd, "w", encoding="utf-8")
        return self.handle

    def __exit__(self, kind, error, trace) -> None:
        try:
            self.handle.close()
            if kind is None:
                os.chmod(self.tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
                os.replace(self.tmp, self.path)
        finally:
            Path(self.tmp).unlink(missing_ok=True)


def write_atomic(path: Path, content: str) -> None:
    """Write via a temporary file in the same folder, then rename: never half a file."""
    with atomic_file(path) as handle:
        handle.write(content)
