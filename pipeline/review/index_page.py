"""`index.html` of an output folder: every document of the run with its counts, the ones that
need attention first (failed in the run report, then by warnings, low-confidence OCR lines and
repairs), read from the run's database."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Optional

from pipeline.review.templating import render

COUNTS = """
SELECT d.json_path, d.source_path, d.kind, d.page_count,
  (SELECT count(*) FROM articles a WHERE a.document_id = d.id),
  (SELECT count(*) FROM facts f JOIN articles a ON a.id = f.article_id WHERE a.document_id = d.id),
  (SELECT count(*) FROM entities e JOIN articles a ON a.id = e.article_id WHERE a.document_id = d.id),
  (SELECT count(*) FROM repairs r JOIN articles a ON a.id = r.article_id WHERE a.document_id = d.id),
  (SELECT count(*) FROM warnings w WHERE w.document_id = d.id),
  (SELECT count(*) FROM pages p WHERE p.document_id = d.id AND p.source = 'ocr'),
  (SELECT count(*) FROM low_confidence_lines l JOIN pages p ON p.id = l.page_id
     WHERE p.document_id = d.id),
  (SELECT count(*) FROM facts f JOIN articles a ON a.id = f.article_id
     WHERE a.document_id = d.id AND f.reviewed IS NOT NULL)
  + (SELECT count(*) FROM entities e JOIN articles a ON a.id = e.article_id
     WHERE a.document_id = d.id AND e.reviewed IS NOT NULL),
  r.status, r.reason
FROM documents d LEFT JOIN run_files r ON r.output = d.json_path
"""
FAILED_WITHOUT_OUTPUT = """
SELECT r.path, r.output, r.status, r.reason FROM run_files r
WHERE r.status = 'failed' AND (r.output IS NULL
  OR r.output NOT IN (SELECT json_path FROM documents))
"""


@dataclass
class IndexRow:
    source_path: str
    html_path: Optional[str]  # review page, relative to the index; None when no output
    kind: str = ""
    pages: int = 0
    articles: int = 0
    facts: int = 0
    entities: int = 0
    repairs: int = 0
    warnings: int = 0
    ocr_pages: int = 0
    low_confidence: int = 0
    reviewed: int = 0
    status: str = "done"  # from the run report; "done" when there is none
    reason: Optional[str] = None
    attention: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def priority(self) -> tuple:
        """Sort key: failures, then warnings, low-confidence lines and repairs, most first."""
        return (-int(self.failed), -self.warnings, -self.low_confidence, -self.repairs,
                self.source_path)


def _attention(row: IndexRow) -> list[str]:
    reasons = []
    if row.failed:
        reasons.append(f"failed: {row.reason or 'no reason given'}")
    if row.warnings:
        reasons.append(f"{row.warnings} warning(s)")
    if row.low_confidence:
        reasons.append(f"{row.low_confidence} low-confidence line(s)")
    if row.repairs:
        reasons.append(f"{row.repairs} repair(s)")
    return reasons


def index_rows(db: sqlite3.Connection) -> list[IndexRow]:
    rows = []
    for (json_path, source_path, kind, pages, articles, facts, entities, repairs, warnings,
         ocr_pages, low_confidence, reviewed, status, reason) in db.execute(COUNTS):
        rows.append(IndexRow(source_path=source_path,
                             html_path=str(PurePosixPath(json_path).with_suffix(".html")),
                             kind=kind, pages=pages, articles=articles, facts=facts,
                             entities=entities, repairs=repairs, warnings=warnings,
                             ocr_pages=ocr_pages, low_confidence=low_confidence, reviewed=reviewed,
                             status=status or "done", reason=reason))
    for path, output, status, reason in db.execute(FAILED_WITHOUT_OUTPUT):
        rows.append(IndexRow(source_path=path, html_path=None, status=status, reason=reason))
    for row in rows:
        row.attention = _attention(row)
    return sorted(rows, key=IndexRow.priority)


def render_index(rows: list[IndexRow], title: str, fingerprint: str = "") -> str:
    totals = {name: sum(getattr(r, name) for r in rows)
              for name in ("pages", "articles", "facts", "entities", "repairs", "warnings",
                           "ocr_pages", "low_confidence", "reviewed")}
    return render("index.html", rows=rows, title=title, totals=totals,
                  failed=sum(r.failed for r in rows),
                  attention=sum(1 for r in rows if r.failed or r.warnings or r.low_confidence),
                  fingerprint=fingerprint)
