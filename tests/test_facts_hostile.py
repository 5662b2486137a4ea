"""extract_facts on hostile input: never raises, offsets always index the text, JSON-safe
output (no inf/nan, no int too long for json), deterministic; absurd magnitudes keep their
span with value null and a note."""
from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from pipeline.facts import extract_facts

KEYS = {"text", "value", "unit", "approx", "kind", "subject", "start", "end", "role", "group", "note"}

# pieces that real and broken pages are made of: digits (ASCII, full-width), numerals, units,
# markers, separators, exponents; mixed with arbitrary code points
PIECES = st.sampled_from([
    "0", "1", "9", "１", "９", "０", "一", "十", "百", "千", "万", "亿", "兆", "零", "两", "几", "余", "多",
    "点", "分之", "百分之", "%", "％", "元", "人", "年", "月", "日", "吨", "家", "个", "e", "E", "^", "-", "—",
    "+", ".", "．", ",", "，", "、", "/", " ", "　", "\n", "约", "近", "超过", "以上", "左右", "从", "增至",
    "至", "第", "比", "大", "成", "折", "k", "M", "$", "¥", "“", "”", "（", "）", "半"])
TEXTS = st.one_of(
    st.text(max_size=60),
    st.lists(PIECES, max_size=40).map("".join),
    st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=30).map("".join),
)


def _check(text: str, facts: list[dict]) -> None:
    json.dumps(facts, allow_nan=False)
    starts = [(f["start"], f["end"]) for f in facts]
    assert starts == sorted(starts)
    for f in facts:
        assert set(f) == KEYS
        assert 0 <= f["start"] < f["end"] <= len(text)
        assert text[f["start"]:f["end"]] == f["text"]
        assert (f["value"] is None) == (f["note"] is not None)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.booleans())
def test_never_raises_offsets_and_json(text, strict):
    facts = extract_facts(text, [], strict_context=strict)
    _check(text, facts)
    assert extract_facts(text, [], strict_context=strict) == facts


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_with_character_tokens(text):
    tokens = [(i, i + 1, "x") for i, c in enumerate(text) if not c.isspace()]
    _check(text, extract_facts(text, tokens))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(-5, 80), st.integers(-5, 80), st.text(max_size=4)), max_size=6),
       st.lists(PIECES, max_size=30).map("".join))
def test_any_cells_never_raise(cells, text):
    _check(text, extract_facts(text, [], cells=cells))


def test_absurd_magnitudes_keep_span_with_note():
    for text in ("10e6637", "1e999999999", "1" + "亿" * 600, "1234567890123456789012345678901元",
                 "１２３４５６７８９０" * 4, "2^-99999"):
        facts = extract_facts(text, [])
        _check(text, facts)
        assert facts and facts[0]["start"] == 0, text
        assert facts[0]["value"] is None and facts[0]["note"], (text, facts[0])


def test_large_but_real_values_are_kept():
    facts = extract_facts("国内生产总值达到134.9万亿元", [])
    assert [(f["value"], f["note"]) for f in facts] == [(134900000000000, None)]
    facts = extract_facts("我们有 202107211321363588510367 美元", [], strict_context=False)
    assert [(f["value"], f["note"]) for f in facts] == [(202107211321363588510367, None)]
