"""Score extract_facts against the hand-written seed fixture (tests/fixtures/seed_facts.json)."""
# The seed article is the tuned-on example: report it beside held-out figures, never instead.
from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpora" / "000_6bde4154404ab639.txt"
FIXTURE = ROOT / "tests" / "fixtures" / "seed_facts.json"


def join_lines(raw: str) -> str:
    """Join the column-cut lines of a paragraph (what the pipeline does before facts)."""
    return re.sub(r"(?<!\n)\n(?!\n)", "", raw)


def _key(s: str) -> str:
    return re.sub(r"\s+", "", s)


def score(facts: list[dict] | None = None, text: str | None = None) -> dict:
    """Score facts of the seed article (computed here, tokens from pipeline.nlp.annotate,
    unless given)."""
    from pipeline.facts import extract_facts
    from pipeline.nlp import annotate

    if text is None:
        text = join_lines(SEED.read_text(encoding="utf-8"))
    if facts is None:
        facts = extract_facts(text, annotate(text)[0])
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    pool = list(facts)
    found, wrong, missing, subj_ok = [], [], [], 0
    for exp in expected["facts"]:
        hit = next((f for f in pool if _key(f["text"]) == exp["text"]), None)
        if hit is None:
            missing.append(exp)
            continue
        pool.remove(hit)
        ok = (hit["value"] == exp["value"] and hit["unit"] == exp["unit"]
              and hit["approx"] == exp["approx"] and hit["kind"] == exp["kind"]
              and hit["role"] == exp["role"])
        (found if ok else wrong).append((exp, hit))
        subjects = exp["subject"]
        if (subjects is None and hit["subject"] is None) or (subjects and hit["subject"] in subjects):
            subj_ok += 1
        exp["_got_subject"] = hit["subject"]
    n = len(expected["facts"])
    return {"expected": n, "found": len(found), "wrong": wrong, "missing": missing,
            "extra": pool, "subject_ok": subj_ok,
            "subject_misses": [(e["text"], e["subject"], e.get("_got_subject"))
                               for e in expected["facts"]
                               if "_got_subject" in e and not (
                                   (e["subject"] is None and e["_got_subject"] is None)
                                   or (e["subject"] and e["_got_subject"] in e["subject"]))],
            "not_facts": expected["not_facts"], "facts": facts, "text": text}
