"""The seed article's numeric facts against the hand-written fixture."""
from __future__ import annotations

import re

import pytest

from scripts.facts_seed_score import score


@pytest.fixture(scope="module")
def result():
    return score()


def test_every_expected_fact_found_with_value_unit_approx(result):
    assert not result["missing"], [e["text"] for e in result["missing"]]
    assert not result["wrong"], [(e["text"], {k: f[k] for k in ("value", "unit", "approx", "kind", "role")})
                                 for e, f in result["wrong"]]
    assert result["found"] == result["expected"]


def test_no_extra_facts(result):
    assert not result["extra"], [f["text"] for f in result["extra"]]


def test_subjects_at_least_90_percent(result):
    assert result["subject_ok"] / result["expected"] >= 0.90, result["subject_misses"]


def test_no_facts_from_names_and_idioms(result):
    text, facts = result["text"], result["facts"]
    for phrase in result["not_facts"]:
        for m in re.finditer(re.escape(phrase), text):
            hits = [f["text"] for f in facts if f["start"] < m.end() and f["end"] > m.start()]
            assert not hits, (phrase, hits)


def test_spans_and_shape(result):
    text = result["text"]
    keys = {"text", "value", "unit", "approx", "kind", "subject", "start", "end", "role", "group", "note"}
    starts = [f["start"] for f in result["facts"]]
    assert starts == sorted(starts)
    for f in result["facts"]:
        assert set(f) == keys
        assert text[f["start"]:f["end"]] == f["text"]


def test_change_is_grouped(result):
    ends = [f for f in result["facts"] if f["role"] in ("from", "to")]
    assert [(f["value"], f["role"]) for f in ends] == [(900, "from"), (1500, "to")]
    assert ends[0]["group"] == ends[1]["group"] is not None


def test_deterministic(result):
    again = score()
    assert again["facts"] == result["facts"]


def _merged_tokens(tokens, spans):
    """Simulate a segmenter that keeps `23.4%`, `42.7万元`, `1500吨/月` whole."""
    out = []
    for s, e, p in tokens:
        span = next(((a, b) for a, b in spans if a <= s < b), None)
        if span and out and out[-1][0] >= span[0] and out[-1][1] <= span[1] and out[-1][2] == "mq":
            out[-1] = (out[-1][0], max(e, out[-1][1]), "mq")
        elif span:
            out.append((s, e, "mq"))
        else:
            out.append((s, e, p))
    return out


def _numbers(facts):
    return [(f["text"], f["value"], f["unit"], f["approx"], f["kind"], f["role"]) for f in facts]


def test_independent_of_token_boundaries_at_numbers(result):
    from pipeline.facts import extract_facts
    from pipeline.nlp import annotate

    text = result["text"]
    tokens = annotate(text)[0]
    merged = _merged_tokens(tokens, [(f["start"], f["end"]) for f in result["facts"]])
    assert merged != tokens
    again = extract_facts(text, merged)
    assert _numbers(again) == _numbers(result["facts"])
    assert again == extract_facts(text, merged)
    same_subject = sum(a["subject"] == b["subject"] for a, b in zip(again, result["facts"]))
    assert same_subject / len(again) >= 0.9


def test_character_tokens_still_find_every_number(result):
    from pipeline.facts import extract_facts

    text = result["text"]
    chars = [(i, i + 1, "x") for i, c in enumerate(text) if not c.isspace()]
    assert _numbers(extract_facts(text, chars)) == _numbers(result["facts"])


def test_through_the_pipeline(seed_article):
    """The same fixture holds for the article text the real pipeline builds."""
    facts = [f.model_dump(exclude={"page", "bbox"}) for f in seed_article.facts]
    r = score(facts, seed_article.text)
    assert not r["missing"] and not r["wrong"] and not r["extra"]
    assert r["subject_ok"] / r["expected"] >= 0.90
