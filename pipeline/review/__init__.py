"""Reviewing a run: a page per output JSON, an index of the whole run and its database.

    python -m pipeline review outputs --sources corpora

writes `outputs/<name>.html` beside each `outputs/<name>.json` (self-contained: page images,
styles and scripts are embedded, so it can be mailed or archived with the JSON), brings
`outputs/news.sqlite` up to date, and writes `outputs/index.html`. Pages whose JSON and templates
have not changed since they were written are kept as they are.
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from pipeline.database import DATABASE_NAME, connect, output_jsons, update
from pipeline.export import write_atomic
from pipeline.review.document_page import render_document
from pipeline.review.index_page import index_rows, render_index
from pipeline.review.page_images import source_note
from pipeline.review.templating import fingerprint

INDEX_NAME = "index.html"
_MARK = '<meta name="generator" content="newspaper-pipeline review '


@dataclass
class ReviewReport:
    written: int = 0  # review pages (re)written
    kept: int = 0  # review pages already up to date
    failed: list[str] = field(default_factory=list)  # "file: reason", one per unreadable JSON
    database: Optional[Path] = None
    index: Optional[Path] = None


def _stamp(json_bytes: bytes, drawable: bool) -> str:
    """What a review page was made from: the templates, the JSON's content and whether the
    input's pages could be drawn."""
    return f"{fingerprint()} {hashlib.sha256(json_bytes).hexdigest()[:16]} {'drawn' if drawable else 'text'}"


def _up_to_date(html_path: Path, stamp: str) -> bool:
    try:
        with open(html_path, encoding="utf-8") as handle:
            head = handle.read(2048)
    except OSError:
        return False
    return f'{_MARK}{stamp}">' in head


def _index_href(relative: Path) -> str:
    return "../" * (len(relative.parts) - 1) + INDEX_NAME


def write_page(json_path: Path, out_dir: Optional[Path], sources: Optional[Path],
               force: bool = False) -> bool:
    """The review page beside one JSON; False when it was already up to date."""
    data = json_path.read_bytes()
    document = json.loads(data.decode("utf-8"))
    pdf = None
    if sources is not None and document["source"]["kind"] == "pdf":
        pdf = sources / document["source"]["path"]
    stamp = _stamp(data, pdf is not None and source_note(pdf, document["source"]["sha256"]) is None)
    html_path = json_path.with_suffix(".html")
    if not force and _up_to_date(html_path, stamp):
        return False
    href = _index_href(json_path.relative_to(out_dir)) if out_dir is not None else None
    write_atomic(html_path, render_document(document, pdf, index_href=href, fingerprint=stamp))
    return True


def _drop_orphan_pages(out_dir: Path) -> None:
    """Review pages of ours whose JSON has gone (an input removed from the run)."""
    for html_path in out_dir.rglob("*.html"):
        if html_path.name == INDEX_NAME and html_path.parent == out_dir:
            continue
        if not html_path.with_suffix(".json").exists() and _up_to_date_any(html_path):
            html_path.unlink()


def _up_to_date_any(html_path: Path) -> bool:
    try:
        with open(html_path, encoding="utf-8") as handle:
            return _MARK in handle.read(2048)
    except (OSError, UnicodeDecodeError):
        return False


def review(outputs: Path, sources: Optional[Path] = None, corrections: Optional[Path] = None,
           force: bool = False) -> ReviewReport:
    """Review pages for an output folder (or one JSON); for a folder also its database and index."""
    report = ReviewReport()
    out_dir = outputs if outputs.is_dir() else None
    files = list(output_jsons(outputs)) if out_dir is not None else [outputs]
    for json_path in files:
        try:
            if write_page(json_path, out_dir, sources, force):
                report.written += 1
            else:
                report.kept += 1
        except (OSError, ValueError, KeyError, TypeError) as error:
            report.failed.append(f"{json_path}: {type(error).__name__}: {error}")
    if out_dir is None:
        return report
    _drop_orphan_pages(out_dir)
    database = out_dir / DATABASE_NAME
    loaded = update(out_dir, corrections=corrections, database=database)
    report.failed += [f"{out_dir / line}" for line in loaded.failed]
    db = connect(database)
    try:
        rows = index_rows(db)
    finally:
        db.close()
    report.database = database
    report.index = out_dir / INDEX_NAME
    write_atomic(report.index, render_index(rows, title=out_dir.resolve().name,
                                            fingerprint=fingerprint()))
    return report
