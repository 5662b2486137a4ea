"""Build the schema-1 JSON document from analysed articles, and write it atomically."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Optional

from pipeline.assemble import AssembledArticle
from pipeline.document import Box, RawDocument, union_boxes
from pipeline.model import (
    ArticleOut, BlockOut, DocumentOut, EntityOut, FactOut, RepairOut, SectionOut, Source,
)

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
        text=article.text,
        tokens=[tuple(t) for t in tokens],
        entities=entity_rows,
        facts=fact_rows,
        repairs=[RepairOut(before=r.before, after=r.after, start=r.start, end=r.end, method=r.method)
                 for r in article.repairs],
        blocks=region_blocks(article),
    )


def document_out(raw: RawDocument, display_path: str, articles: list[ArticleOut]) -> DocumentOut:
    return DocumentOut(
        source=Source(path=display_path, sha256=raw.sha256, kind=raw.kind, pages=len(raw.pages)),
        articles=articles,
        warnings=list(raw.warnings),
    )


def to_json(document: DocumentOut) -> str:
    """Deterministic serialisation: fixed key order, no ASCII escaping, one trailing newline."""
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str) -> None:
    """Write via a temporary file in the same folder, then rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
