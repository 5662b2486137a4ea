"""annotate() on any string: never raises, tokens tile the text apart from whitespace, entities
sorted, non-overlapping, inside bounds, whole tokens, never holding whitespace or 、."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

# characters real pages mix: common Han, names' characters, CJK and ASCII punctuation, digits,
# Latin, every kind of space and line break, the foreign-name dot, rare planes and surrogates
_PIECES = list("中国美俄日李王张刘陈国家计委员会大学公司政府部局北京上海香港特别行政区党中央人民的了在是和")
_PIECES += list("、，。；：！？“”《》（）·—-./%％")
_PIECES += [" ", "\u3000", "\n", "\t", "\r", "\u00a0", "\u2028", "0", "9", "１", "A", "z", "年", "月", "日"]


def _check(text: str, byline=()) -> None:
    from pipeline.nlp import annotate
    tokens, entities = annotate(text, byline)
    pos = 0
    for s, e, tag in tokens:
        assert pos <= s < e <= len(text) and tag
        assert text[pos:s].strip() == "", (text, pos, s)
        assert not text[s:e].isspace()
        pos = e
    assert text[pos:].strip() == ""
    assert entities == sorted(entities)
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    last_end = 0
    for s, e, label in entities:
        assert last_end <= s < e <= len(text) and label
        assert s in starts and e in ends
        piece = text[s:e]
        assert not any(ch.isspace() for ch in piece) and "、" not in piece, (text, piece)
        last_end = e


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=120).map("".join))
def test_newspaper_like_strings(text):
    _check(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.lists(st.text(max_size=6), max_size=3))
@example("0\x1f0", ["0\x1f0"])  # a control character str.isspace() counts as a space, in a byline
def test_any_unicode_string_and_byline(text, byline):
    _check(text, byline)


def test_blocks_cover_the_text_in_bounded_pieces():
    from pipeline.nlp.entities import blocks
    text = ("甲" * 7000 + "。\n") * 9 + "乙" * 25000
    parts = blocks(text, 10_000)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))
    assert all(0 < e - s <= 10_000 for s, e in parts)


@pytest.mark.slow
def test_text_longer_than_spacy_max_length():
    """More than spaCy's 1,000,000-character default (E088 before): offsets index the whole text."""
    from pipeline.nlp import annotate, get_nlp
    unit = "新华社北京１月２日电　国务院总理李鹏今天在人民大会堂会见了美国国务卿。\n"
    text = unit * (1_000_001 // len(unit) + 1)
    assert len(text) > 1_000_000
    tokens, entities = annotate(text)
    people = [(s, e) for s, e, label in entities if label == "PERSON" and text[s:e] == "李鹏"]
    assert len(people) == text.count("李鹏")
    assert tokens[-1][1] == len(text) - 1  # the final line break is whitespace
    doc = get_nlp()(text[:1_100_000])
    assert doc.text == text[:1_100_000]
