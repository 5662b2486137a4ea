"""Repair properties over generated lines: it settles in one pass, only removes characters, and
keeps recorded offsets and boxes aligned with what it keeps."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from pipeline.document import Line
from pipeline.repair import repair_line, repair_text

# Common Han characters, full-width punctuation, a Latin letter, digits and spaces: what printed
# headlines mix.
ALPHABET = "中国新时代工匠的一是大人会发展建设经济；：，。“”（）！—-A1２ 　"
HAN = "中国新时代工匠的一是大人会发展建设经济"

units = st.text(alphabet=ALPHABET, min_size=1, max_size=4)


@st.composite
def fake_bold(draw) -> str:
    """Units each printed k times (per character, per run or the whole line), in 1-3 chunks."""
    k = draw(st.integers(min_value=2, max_value=12))
    chunks = draw(st.lists(st.lists(units, min_size=1, max_size=4), min_size=1, max_size=3))
    return " ".join("".join(unit * k for unit in chunk) for chunk in chunks)


@st.composite
def repeated_phrase(draw) -> str:
    phrase = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=8))
    copies = draw(st.integers(min_value=2, max_value=12))
    return draw(st.sampled_from(["", " ", "  ", "　"])).join([phrase] * copies)


lines = st.one_of(st.text(alphabet=ALPHABET, max_size=40), fake_bold(), repeated_phrase())


def is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


@settings(max_examples=300, deadline=None)
@given(lines, st.booleans())
def test_repair_settles_in_one_pass_and_only_removes(text, isolated):
    fixed, copies = repair_text(text, isolated)
    assert repair_text(fixed, isolated) == (fixed, None)
    assert is_subsequence(fixed, text)
    assert (copies is None) == (fixed == text)
    if copies is not None:
        letters = lambda t: sum(not ch.isspace() for ch in t)  # noqa: E731
        assert copies >= 2 and letters(fixed) * 2 <= letters(text)


@settings(max_examples=200, deadline=None)
@given(lines, st.booleans())
def test_offsets_index_the_output_and_boxes_stay_one_per_character(text, isolated):
    boxes = [(float(i), 0.0, float(i) + 1.0, 10.0) for i in range(len(text))]
    fixed = repair_line(Line(text, boxes=boxes), isolated)
    assert len(fixed.boxes) == len(fixed.text)
    # Each kept character keeps the box it was printed with, in printed order.
    positions = [int(box[0]) for box in fixed.boxes]
    assert positions == sorted(set(positions))
    assert all(text[p] == ch for p, ch in zip(positions, fixed.text))
    for record in fixed.repairs:
        assert fixed.text[record.start : record.end] == record.after
        assert record.before == text.strip()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=HAN, min_size=4, max_size=10, ).filter(lambda p: len(set(p)) == len(p)),
       st.integers(min_value=2, max_value=12), st.sampled_from(["", " "]))
def test_a_phrase_printed_k_times_standing_alone_collapses_to_one_copy(phrase, k, sep):
    assert repair_text(sep.join([phrase] * k)) == (phrase, k)
    assert repair_text("".join(ch * k for ch in phrase)) == (phrase, k)
