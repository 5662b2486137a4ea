"""A SQLite database of a whole run (`<output dir>/news.sqlite`), for SQL, sqlite3 and Datasette.

Every item of every output JSON has a row: documents, pages (with edition data), page items
(furniture and advertisements), low-confidence OCR lines, articles, the layout blocks of each
article in reading order, facts, entities, repairs, tables and their cells, warnings; plus the
run report (`_run.json`) and the reviewers' stored decisions. Two full-text indexes cover the
articles: `articles_fts` (trigram tokenizer: any phrase of 3 or more characters, Chinese
included) and `articles_words` (the article's jieba words separated by spaces, for words of
any length such as 2-character ones).

`update(out_dir)` is incremental: a JSON is (re)loaded only when its content hash changed, and
documents whose JSON is gone are deleted (foreign keys cascade to their items).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional, Union

DATABASE_NAME = "news.sqlite"
RUN_REPORT = "_run.json"
SCHEMA_VERSION = 1  # PRAGMA user_version; a database of another version is rebuilt

SCHEMA = """
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  json_path TEXT NOT NULL UNIQUE,      -- output JSON, relative to the output folder
  json_sha256 TEXT NOT NULL,           -- content hash: unchanged files are not reloaded
  source_path TEXT NOT NULL,
  source_sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  page_count INTEGER NOT NULL,
  schema_version INTEGER NOT NULL
);
CREATE INDEX documents_source_sha256 ON documents(source_sha256);
CREATE TABLE pages (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  width REAL, height REAL,
  source TEXT NOT NULL,                -- text, recovered, ocr or none
  paper TEXT, edition_date TEXT, year INTEGER, page_label TEXT, section TEXT,
  editors TEXT,                        -- JSON list
  UNIQUE (document_id, number)
);
CREATE INDEX pages_year ON pages(year);
CREATE INDEX pages_edition_date ON pages(edition_date);
CREATE TABLE page_items (
  id INTEGER PRIMARY KEY,
  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  role TEXT NOT NULL,                  -- furniture (running heads...) or item (ads...)
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  x0 REAL, top REAL, x1 REAL, bottom REAL
);
CREATE INDEX page_items_page ON page_items(page_id);
CREATE TABLE low_confidence_lines (
  id INTEGER PRIMARY KEY,
  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  confidence REAL NOT NULL,
  x0 REAL, top REAL, x1 REAL, bottom REAL
);
CREATE INDEX low_confidence_lines_page ON low_confidence_lines(page_id);
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  article TEXT NOT NULL,               -- the article's id in its JSON (a1, a2, ...)
  ordinal INTEGER NOT NULL,
  date TEXT,                           -- ISO date of the edition
  year INTEGER,
  first_page INTEGER,
  pages TEXT NOT NULL,                 -- JSON list of page numbers
  kicker TEXT, headline TEXT NOT NULL, subheadline TEXT,
  byline TEXT NOT NULL, captions TEXT NOT NULL, credits TEXT NOT NULL,
  sections TEXT NOT NULL,              -- JSON lists, as in the output
  text TEXT NOT NULL,
  words TEXT NOT NULL,                 -- the tokens' text joined by spaces
  tokens TEXT NOT NULL,                -- JSON list of [start, end, POS]
  UNIQUE (document_id, article)
);
CREATE INDEX articles_year ON articles(year);
CREATE INDEX articles_date ON articles(date);
CREATE TABLE article_pages (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  PRIMARY KEY (article_id, page_id)
);
CREATE INDEX article_pages_page ON article_pages(page_id);
CREATE TABLE blocks (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,            -- reading order within the article, from 1
  kind TEXT NOT NULL,
  page INTEGER NOT NULL,
  page_id INTEGER REFERENCES pages(id) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  x0 REAL, top REAL, x1 REAL, bottom REAL
);
CREATE INDEX blocks_article ON blocks(article_id);
CREATE TABLE facts (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  value,                               -- as in the JSON: number, ISO string or null
  number REAL,                         -- `value` when it is a number, for comparisons
  unit TEXT, approx TEXT, kind TEXT NOT NULL, subject TEXT,
  role TEXT, "group" INTEGER, note TEXT,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  page INTEGER,
  page_id INTEGER REFERENCES pages(id) ON DELETE CASCADE,
  x0 REAL, top REAL, x1 REAL, bottom REAL,
  reviewed TEXT                        -- confirmed, corrected, rejected or null
);
CREATE INDEX facts_article ON facts(article_id);
CREATE INDEX facts_unit ON facts(unit);
CREATE INDEX facts_kind ON facts(kind);
CREATE INDEX facts_page ON facts(page_id);
CREATE INDEX facts_reviewed ON facts(reviewed);
CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL,
  label TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  page INTEGER,
  page_id INTEGER REFERENCES pages(id) ON DELETE CASCADE,
  x0 REAL, top REAL, x1 REAL, bottom REAL,
  reviewed TEXT
);
CREATE INDEX entities_article ON entities(article_id);
CREATE INDEX entities_label_text ON entities(label, text);
CREATE INDEX entities_text ON entities(text);
CREATE INDEX entities_page ON entities(page_id);
CREATE TABLE repairs (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  before TEXT NOT NULL, after TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  method TEXT NOT NULL
);
CREATE INDEX repairs_article ON repairs(article_id);
CREATE TABLE article_tables (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  page INTEGER NOT NULL,
  page_id INTEGER REFERENCES pages(id) ON DELETE CASCADE,
  header_rows INTEGER NOT NULL, header_cols INTEGER NOT NULL,
  x0 REAL, top REAL, x1 REAL, bottom REAL
);
CREATE INDEX article_tables_article ON article_tables(article_id);
CREATE TABLE table_cells (
  id INTEGER PRIMARY KEY,
  table_id INTEGER NOT NULL REFERENCES article_tables(id) ON DELETE CASCADE,
  row INTEGER NOT NULL, col INTEGER NOT NULL,
  header INTEGER NOT NULL,             -- 1 for a header row or column cell
  text TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  x0 REAL, top REAL, x1 REAL, bottom REAL
);
CREATE INDEX table_cells_table ON table_cells(table_id);
CREATE TABLE warnings (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX warnings_document ON warnings(document_id);
CREATE TABLE run_files (               -- the run report, _run.json, as last written
  path TEXT PRIMARY KEY,               -- input path as shown in source.path
  output TEXT,                         -- output JSON relative to the output folder
  status TEXT NOT NULL,                -- done, skipped or failed
  reason TEXT, seconds REAL, pages INTEGER, chars INTEGER
);
CREATE INDEX run_files_output ON run_files(output);
CREATE TABLE decisions (               -- reviewers' stored decisions (corrections folder)
  id INTEGER PRIMARY KEY,
  source_sha256 TEXT NOT NULL,
  ordinal INTEGER NOT NULL,
  item TEXT NOT NULL, article TEXT NOT NULL, headline TEXT NOT NULL,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
  verdict TEXT NOT NULL, fields TEXT NOT NULL, added INTEGER NOT NULL
);
CREATE INDEX decisions_source ON decisions(source_sha256);

-- Full text: `content="articles"` lets Datasette offer search on the articles table.
CREATE VIRTUAL TABLE articles_fts USING fts5(headline, text, content="articles",
  content_rowid="id", tokenize="trigram");
CREATE VIRTUAL TABLE articles_words USING fts5(words, content="articles", content_rowid="id",
  tokenize="unicode61");
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, headline, text) VALUES (new.id, new.headline, new.text);
  INSERT INTO articles_words(rowid, words) VALUES (new.id, new.words);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, headline, text)
    VALUES ('delete', old.id, old.headline, old.text);
  INSERT INTO articles_words(articles_words, rowid, words) VALUES ('delete', old.id, old.words);
END;

CREATE VIEW facts_dated AS
  SELECT f.id, f.text, f.value, f.number, f.unit, f.approx, f.kind, f.subject, f.reviewed,
         a.date, a.year, a.headline, d.source_path, f.page, f.x0, f.top, f.x1, f.bottom
  FROM facts f JOIN articles a ON a.id = f.article_id JOIN documents d ON d.id = a.document_id;
"""

Number = Union[int, float]


@dataclass
class UpdateReport:
    loaded: int = 0  # JSONs (re)loaded because new or changed
    unchanged: int = 0
    deleted: int = 0  # documents whose JSON is gone
    failed: list[str] = field(default_factory=list)  # "path: reason" of unreadable JSONs


def output_jsons(out_dir: Path) -> Iterator[Path]:
    """The output JSONs of a run, skipping names starting with "_" or "." (reports, temp files)."""
    for path in sorted(out_dir.rglob("*.json")):
        parts = path.relative_to(out_dir).parts
        if not any(part.startswith(("_", ".")) for part in parts):
            yield path


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _open(path: Path) -> sqlite3.Connection:
    """The run's database, created (or recreated when its schema is outdated) as needed."""
    if path.exists():
        connection = connect(path)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return connection
        connection.close()
        path.unlink()
    connection = connect(path)
    connection.executescript(SCHEMA)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    connection.commit()
    return connection


def _year(date: Optional[str]) -> Optional[int]:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


def _box(bbox: Optional[list[float]]) -> tuple:
    return tuple(bbox) if bbox else (None, None, None, None)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _load_document(db: sqlite3.Connection, relative: str, digest: str, doc: dict) -> None:
    source = doc["source"]
    document_id = db.execute(
        "INSERT INTO documents (json_path, json_sha256, source_path, source_sha256, kind, "
        "page_count, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (relative, digest, source["path"], source["sha256"], source["kind"], source["pages"],
         doc["schema_version"])).lastrowid
    page_ids: dict[int, int] = {}
    for page in doc.get("pages", []):
        edition = page.get("edition") or {}
        page_id = db.execute(
            "INSERT INTO pages (document_id, number, width, height, source, paper, edition_date, "
            "year, page_label, section, editors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (document_id, page["number"], page["width"], page["height"], page["source"],
             edition.get("paper"), edition.get("date"), _year(edition.get("date")),
             edition.get("page_label"), edition.get("section"),
             _json(edition.get("editors", [])))).lastrowid
        page_ids[page["number"]] = page_id
        for role, items in (("furniture", page.get("furniture", [])), ("item", page.get("items", []))):
            db.executemany(
                "INSERT INTO page_items (page_id, role, kind, text, x0, top, x1, bottom) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(page_id, role, i["kind"], i["text"], *_box(i["bbox"])) for i in items])
        db.executemany(
            "INSERT INTO low_confidence_lines (page_id, text, confidence, x0, top, x1, bottom) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(page_id, l["text"], l["confidence"], *_box(l["bbox"]))
             for l in page.get("low_confidence", [])])
    for ordinal, article in enumerate(doc["articles"], 1):
        _load_article(db, document_id, ordinal, article, page_ids)
    db.executemany("INSERT INTO warnings (document_id, ordinal, text) VALUES (?, ?, ?)",
                   [(document_id, i, w) for i, w in enumerate(doc["warnings"], 1)])


def _load_article(db: sqlite3.Connection, document_id: int, ordinal: int, a: dict,
                  page_ids: dict[int, int]) -> None:
    text = a["text"]
    words = " ".join(text[start:end] for start, end, _ in a["tokens"])
    article_id = db.execute(
        "INSERT INTO articles (document_id, article, ordinal, date, year, first_page, pages, "
        "kicker, headline, subheadline, byline, captions, credits, sections, text, words, tokens) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (document_id, a["id"], ordinal, a.get("date"), _year(a.get("date")),
         a["pages"][0] if a["pages"] else None, _json(a["pages"]), a["kicker"], a["headline"],
         a["subheadline"], _json(a["byline"]), _json(a["captions"]), _json(a["credits"]),
         _json(a["sections"]), text, words, _json(a["tokens"]))).lastrowid
    db.executemany("INSERT INTO article_pages (article_id, page_id) VALUES (?, ?)",
                   [(article_id, page_ids[p]) for p in sorted(set(a["pages"])) if p in page_ids])
    db.executemany(
        'INSERT INTO blocks (article_id, ordinal, kind, page, page_id, start, "end", x0, top, x1, '
        "bottom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, i, b["kind"], b["page"], page_ids.get(b["page"]), b["start"], b["end"],
          *_box(b["bbox"])) for i, b in enumerate(a["blocks"], 1)])
    db.executemany(
        'INSERT INTO facts (article_id, ordinal, text, value, number, unit, approx, kind, subject, '
        'role, "group", note, start, "end", page, page_id, x0, top, x1, bottom, reviewed) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, i, f["text"], f["value"],
          f["value"] if isinstance(f["value"], (int, float)) and not isinstance(f["value"], bool)
          else None, f["unit"], f["approx"], f["kind"], f["subject"], f.get("role"), f.get("group"),
          f.get("note"), f["start"], f["end"], f.get("page"), page_ids.get(f.get("page")),
          *_box(f.get("bbox")), f.get("reviewed")) for i, f in enumerate(a["facts"], 1)])
    db.executemany(
        'INSERT INTO entities (article_id, ordinal, text, label, start, "end", page, page_id, x0, '
        "top, x1, bottom, reviewed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, i, e["text"], e["label"], e["start"], e["end"], e.get("page"),
          page_ids.get(e.get("page")), *_box(e.get("bbox")), e.get("reviewed"))
         for i, e in enumerate(a["entities"], 1)])
    db.executemany(
        'INSERT INTO repairs (article_id, ordinal, before, after, start, "end", method) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(article_id, i, r["before"], r["after"], r["start"], r["end"], r["method"])
         for i, r in enumerate(a["repairs"], 1)])
    for t_ordinal, table in enumerate(a.get("tables", []), 1):
        table_id = db.execute(
            "INSERT INTO article_tables (article_id, ordinal, page, page_id, header_rows, "
            "header_cols, x0, top, x1, bottom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article_id, t_ordinal, table["page"], page_ids.get(table["page"]),
             table["header_rows"], table["header_cols"], *_box(table["bbox"]))).lastrowid
        db.executemany(
            'INSERT INTO table_cells (table_id, row, col, header, text, start, "end", x0, top, '
            "x1, bottom) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(table_id, r, c, int(r < table["header_rows"] or c < table["header_cols"]),
              cell["text"], cell["start"], cell["end"], *_box(cell.get("bbox")))
             for r, row in enumerate(table["rows"]) for c, cell in enumerate(row)])


def _load_run_report(db: sqlite3.Connection, out_dir: Path) -> None:
    db.execute("DELETE FROM run_files")
    report = out_dir / RUN_REPORT
    try:
        files = json.loads(report.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return  # no report (or an unreadable one): the index shows the JSONs alone
    db.executemany(
        "INSERT OR REPLACE INTO run_files (path, output, status, reason, seconds, pages, chars) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(f.get("path"), f.get("output"), f.get("status") or "done", f.get("reason"),
          f.get("seconds"), f.get("pages"), f.get("chars"))
         for f in files if isinstance(f, dict) and f.get("path")])


def _load_decisions(db: sqlite3.Connection, corrections: Optional[Path]) -> None:
    from pipeline.corrections import read_decisions
    from pipeline.errors import InputError

    db.execute("DELETE FROM decisions")
    if corrections is None or not corrections.is_dir():
        return
    for path in sorted(corrections.glob("*.json")):
        try:
            stored = read_decisions(path)
        except InputError:
            continue  # apply-review validated it; a hand-edited broken file is named by extract
        db.executemany(
            'INSERT INTO decisions (source_sha256, ordinal, item, article, headline, start, "end", '
            "text, verdict, fields, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(stored.sha256, i, d.item, d.article_id, d.headline, d.start, d.end, d.text,
              d.verdict, _json(d.fields), int(d.added)) for i, d in enumerate(stored.decisions, 1)])


def update(out_dir: Path, corrections: Optional[Path] = None,
           database: Optional[Path] = None) -> UpdateReport:
    """Bring `<out_dir>/news.sqlite` up to date with the JSONs under `out_dir`."""
    target = database or out_dir / DATABASE_NAME
    report = UpdateReport()
    db = _open(target)
    try:
        known = dict(db.execute("SELECT json_path, json_sha256 FROM documents"))
        present: set[str] = set()
        for path in output_jsons(out_dir):
            relative = path.relative_to(out_dir).as_posix()
            present.add(relative)
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if known.get(relative) == digest:
                report.unchanged += 1
                continue
            try:
                doc = json.loads(data.decode("utf-8"))
                with db:  # one transaction per document: never half of one
                    db.execute("DELETE FROM documents WHERE json_path = ?", (relative,))
                    _load_document(db, relative, digest, doc)
                report.loaded += 1
            except (ValueError, KeyError, TypeError, IndexError, sqlite3.Error) as error:
                report.failed.append(f"{relative}: {type(error).__name__}: {error}")
                with db:
                    db.execute("DELETE FROM documents WHERE json_path = ?", (relative,))
        with db:
            for relative in sorted(set(known) - present):
                db.execute("DELETE FROM documents WHERE json_path = ?", (relative,))
                report.deleted += 1
            _load_run_report(db, out_dir)
            _load_decisions(db, corrections)
    finally:
        db.close()
    return report
