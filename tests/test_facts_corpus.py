"""Smoke test over People's Daily, January 1998 (data/199801.txt, `make corpus`).

No expected values: every line must run, every fact must satisfy the schema
(text == text[start:end], sorted, known kinds), and a few known non-facts
(十分 "very", 一度 "once", 两岸, 零部件) must never appear.
"""
from __future__ import annotations

import re

from conftest import require_corpus

from pipeline.facts import extract_facts
from pipeline.nlp import annotate

KINDS = {"count", "money", "percent", "measure", "year", "date", "duration", "ordinal", "change"}


def test_people_daily_smoke():
    path = require_corpus()
    lines = path.read_text(encoding="utf-8").split("\n")[:1500]
    n_facts = 0
    for line in lines:
        text = re.sub(r"/[A-Za-z]+\s*", "", line).replace(" ", "")
        if not text:
            continue
        facts = extract_facts(text, annotate(text)[0])
        assert [f["start"] for f in facts] == sorted(f["start"] for f in facts)
        for f in facts:
            assert text[f["start"]:f["end"]] == f["text"]
            assert f["kind"] in KINDS
            assert f["approx"] in (None, "over", "under", "about")
            assert f["role"] in (None, "from", "to", "low", "high")
            assert f["text"] not in ("十分", "一度", "两岸", "零部")
            if f["kind"] in ("year", "date"):
                assert isinstance(f["value"], str)
            else:
                assert isinstance(f["value"], (int, float))
        n_facts += len(facts)
    assert n_facts > 1000
