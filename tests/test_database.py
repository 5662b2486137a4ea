"""The run's database: every item of every JSON, kept up to date incrementally, searchable in
Chinese, queried as the README shows, and opened by sqlite3 and Datasette."""
from __future__ import annotations

import asyncio
import json
import re
import shutil
import sqlite3
import subprocess
import sys

import pytest

from pipeline.database import DATABASE_NAME, update
from tests.conftest import ROOT
from tests.review_run import DATED, EDITION_DATE, documents, make_run


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out, sources = make_run(tmp_path_factory.mktemp("db"))
    report = update(out)
    assert report.failed == [] and report.loaded == len(documents(out))
    return out


def _db(out) -> sqlite3.Connection:
    return sqlite3.connect(out / DATABASE_NAME)


def _per_document(db: sqlite3.Connection, sql: str) -> dict[str, int]:
    return dict(db.execute(sql))


def test_every_item_of_every_json_has_a_row(run):
    docs = documents(run)
    db = _db(run)
    expected: dict[str, dict[str, int]] = {}
    for path, doc in docs.items():
        arts = doc["articles"]
        expected[path] = {
            "pages": len(doc["pages"]),
            "furniture": sum(len(p["furniture"]) for p in doc["pages"]),
            "items": sum(len(p["items"]) for p in doc["pages"]),
            "low_confidence": sum(len(p["low_confidence"]) for p in doc["pages"]),
            "articles": len(arts),
            "blocks": sum(len(a["blocks"]) for a in arts),
            "facts": sum(len(a["facts"]) for a in arts),
            "entities": sum(len(a["entities"]) for a in arts),
            "repairs": sum(len(a["repairs"]) for a in arts),
            "tables": sum(len(a["tables"]) for a in arts),
            "cells": sum(len(row) for a in arts for t in a["tables"] for row in t["rows"]),
            "warnings": len(doc["warnings"]),
            "tokens": sum(len(a["tokens"]) for a in arts),
        }
    joins = {
        "pages": "FROM pages x JOIN documents d ON d.id = x.document_id",
        "furniture": "FROM page_items x JOIN pages p ON p.id = x.page_id JOIN documents d ON "
                     "d.id = p.document_id WHERE x.role = 'furniture'",
        "items": "FROM page_items x JOIN pages p ON p.id = x.page_id JOIN documents d ON "
                 "d.id = p.document_id WHERE x.role = 'item'",
        "low_confidence": "FROM low_confidence_lines x JOIN pages p ON p.id = x.page_id JOIN "
                          "documents d ON d.id = p.document_id",
        "articles": "FROM articles x JOIN documents d ON d.id = x.document_id",
        "warnings": "FROM warnings x JOIN documents d ON d.id = x.document_id",
    }
    for table in ("blocks", "facts", "entities", "repairs"):
        joins[table] = (f"FROM {table} x JOIN articles a ON a.id = x.article_id JOIN documents d "
                        "ON d.id = a.document_id")
    joins["tables"] = ("FROM article_tables x JOIN articles a ON a.id = x.article_id JOIN "
                       "documents d ON d.id = a.document_id")
    joins["cells"] = ("FROM table_cells x JOIN article_tables t ON t.id = x.table_id JOIN articles "
                      "a ON a.id = t.article_id JOIN documents d ON d.id = a.document_id")
    found = {name: _per_document(db, f"SELECT d.json_path, count(*) {sql} GROUP BY d.json_path")
             for name, sql in joins.items()}
    # Tokens: the words column holds one space-separated word per token.
    found["tokens"] = {}
    for path, words in db.execute("SELECT d.json_path, a.words FROM articles a JOIN documents d "
                                  "ON d.id = a.document_id"):
        found["tokens"][path] = found["tokens"].get(path, 0) + len(words.split(" "))
    for path, counts in expected.items():
        for name, count in counts.items():
            assert found[name].get(path, 0) == count, (path, name)
    assert sum(c["cells"] for c in expected.values()) == 4  # the dated document's table
    # the hand-made document adds 3; real PDF pages in the run add their running heads
    assert sum(c["items"] + c["furniture"] + c["low_confidence"] for c in expected.values()) >= 3
    # Item by item, not just counts: every fact's span and value, every entity's label.
    for path, doc in docs.items():
        facts = sorted((a["id"], f["start"], f["end"], f["text"], json.dumps(f["value"]), f["unit"],
                        f["subject"]) for a in doc["articles"] for f in a["facts"])
        rows = sorted((art, s, e, t, json.dumps(v), u, sub) for art, s, e, t, v, u, sub in db.execute(
            'SELECT a.article, f.start, f."end", f.text, f.value, f.unit, f.subject FROM facts f '
            "JOIN articles a ON a.id = f.article_id JOIN documents d ON d.id = a.document_id "
            "WHERE d.json_path = ?", (path,)))
        assert rows == facts, path
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_edition_data_and_the_one_line_query_for_tonnes_in_2021(run):
    db = _db(run)
    assert db.execute("SELECT paper, edition_date, year, page_label, section, editors FROM pages "
                      "WHERE year = 2021").fetchall() == [
        ("测试日报", EDITION_DATE, 2021, "第3版", "经济", '["编辑甲", "编辑乙"]')]
    dated = documents(run)[DATED]
    tonnes = sorted(f["text"] for a in dated["articles"] for f in a["facts"] if f["unit"] == "吨")
    assert tonnes  # the page reports tonnages
    query = ("SELECT f.text FROM facts f JOIN articles a ON a.id = f.article_id "
             "WHERE f.unit = '吨' AND a.year = 2021")
    assert sorted(r[0] for r in db.execute(query)) == tonnes
    plan = " ".join(r[-1] for r in db.execute("EXPLAIN QUERY PLAN " + query))
    assert "USING INDEX" in plan  # an index serves it, not a scan of every fact


def test_chinese_phrase_and_word_search(run):
    db = _db(run)
    articles = dict(db.execute("SELECT id, text FROM articles"))
    words = {i: set(w.split(" ")) for i, w in db.execute("SELECT id, words FROM articles")}
    text = next(t for t in articles.values() if len(t) > 200)
    for start in (30, 120, 180):  # phrases of 3 to 5 characters, wherever they fall
        phrase = "".join(ch for ch in text[start:start + 8] if "\u4e00" <= ch <= "\u9fff")[:4]
        assert len(phrase) >= 3
        hits = {r[0] for r in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts "
                                         "MATCH ?", (f'"{phrase}"',))}
        assert hits == {i for i, t in articles.items() if phrase in t}, phrase
    # Two-character words: the trigram index cannot match them; the word index can.
    two = sorted(w for ws in words.values() for w in ws if len(w) == 2 and "\u4e00" <= w[0] <= "\u9fff")
    word = two[len(two) // 2]
    hits = {r[0] for r in db.execute("SELECT rowid FROM articles_words WHERE articles_words "
                                     "MATCH ?", (f'"{word}"',))}
    assert hits == {i for i, ws in words.items() if word in ws} and hits


def test_updates_load_only_what_changed_and_drop_what_is_gone(tmp_path):
    out, _ = make_run(tmp_path)
    first = update(out)
    assert (first.loaded, first.unchanged, first.deleted) == (len(documents(out)), 0, 0)
    again = update(out)
    assert (again.loaded, again.unchanged) == (0, first.loaded)
    db = _db(out)
    ids_before = dict(db.execute("SELECT json_path, id FROM documents"))
    changed = out / DATED
    doc = json.loads(changed.read_text(encoding="utf-8"))
    doc["warnings"].append("a second warning")
    changed.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    removed = next(p for p in documents(out) if p.startswith("hostile"))
    gone_articles = db.execute("SELECT count(*) FROM articles a JOIN documents d ON d.id = "
                               "a.document_id WHERE d.json_path = ?", (removed,)).fetchone()[0]
    articles_before = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    (out / removed).unlink()
    third = update(out)
    assert (third.loaded, third.deleted, third.unchanged) == (1, 1, first.loaded - 2)
    ids_after = dict(db.execute("SELECT json_path, id FROM documents"))
    assert removed not in ids_after
    assert all(ids_after[p] == ids_before[p] for p in ids_after if p != DATED)  # not reloaded
    assert db.execute("SELECT count(*) FROM warnings w JOIN documents d ON d.id = w.document_id "
                      "WHERE d.json_path = ?", (DATED,)).fetchone()[0] == len(doc["warnings"])
    assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == articles_before - gone_articles
    for index in ("articles_fts", "articles_words"):  # the full-text indexes followed
        db.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
        assert db.execute(f"SELECT count(*) FROM {index}").fetchone()[0] == articles_before - gone_articles
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_run_report_is_loaded_and_private_files_are_ignored(run):
    db = _db(run)
    assert db.execute("SELECT path, status, reason FROM run_files WHERE status = 'failed'"
                      ).fetchall() == [("broken.pdf", "failed", "encrypted PDF")]
    paths = {r[0] for r in db.execute("SELECT json_path FROM documents")}
    assert paths == set(documents(run)) and not any(p.startswith(("_", ".")) for p in paths)


def _readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Querying a run", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("SELECT")]


def test_the_readme_queries_run_in_sqlite3(run):
    queries = _readme_queries()
    assert len(queries) == 3
    for query in queries:
        result = subprocess.run(["sqlite3", "-bail", str(run / DATABASE_NAME), query],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0 and result.stderr == "", (query, result.stderr)
        assert result.stdout.strip(), query  # each finds something in this run


def test_datasette_opens_the_database_and_searches_it(run, tmp_path):
    from datasette.app import Datasette

    copy = tmp_path / "news.sqlite"
    shutil.copy(run / DATABASE_NAME, copy)  # immutable mode needs a file nobody writes to

    async def visit():
        ds = Datasette(files=[str(copy)], immutables=[])
        tables = (await ds.client.get("/news.json")).json()["tables"]
        article = (await ds.client.get("/news/articles.json?_shape=array&_size=1")).json()[0]
        phrase = article["text"][40:44]
        search = await ds.client.get("/news/articles.json", params={"_search": phrase,
                                                                    "_shape": "array"})
        view = await ds.client.get("/news/facts_dated.json?unit=%E5%90%A8&year=2021&_shape=array")
        return tables, phrase, search.json(), view.json()

    tables, phrase, found, tonnes = asyncio.run(visit())
    counts = {t["name"]: t["count"] for t in tables}
    db = _db(run)
    for name in ("documents", "articles", "facts", "entities", "pages", "table_cells"):
        assert counts[name] == db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    fts = {t["name"]: t.get("fts_table") for t in tables}
    assert fts["articles"] == "articles_fts"  # Datasette offers search on the articles table
    assert found and all(phrase in row["text"] for row in found)
    assert {r["unit"] for r in tonnes} == {"吨"} and {r["year"] for r in tonnes} == {2021}
    inspect = subprocess.run([sys.executable, "-m", "datasette", "inspect", str(copy)],
                             capture_output=True, text=True, timeout=120)
    assert inspect.returncode == 0, inspect.stderr
    assert json.loads(inspect.stdout)["news"]["tables"]["facts"]["count"] == counts["facts"]
