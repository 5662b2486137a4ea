"""Glyph de-duplication over generated glyph sets: a subset, settled, independent of drawing
order, and equal to the rule written out pair by pair."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from pipeline.ingest.glyphs import dedupe, tolerance

SIZE_MISMATCH = 0.2  # the rule's size tolerance, restated (not imported) so the test can fail


@st.composite
def glyph_sets(draw) -> list[dict]:
    """Glyphs of a few texts on a coarse grid, some drawn again at small shadow offsets."""
    base = draw(st.lists(st.tuples(st.sampled_from("的一。·"),
                                   st.integers(0, 12), st.integers(0, 6),
                                   st.sampled_from([0.6, 1.0, 5.0, 9.0, 10.0, 11.5, 24.0, 40.0])),
                         min_size=1, max_size=30))
    chars = []
    for text, column, row, size in base:
        step = draw(st.sampled_from([0.4, 3.0, 10.0]))
        copies = draw(st.integers(1, 4))
        for _ in range(copies):
            dx = draw(st.floats(-3.0, 3.0, allow_nan=False).map(lambda v: round(v, 2)))
            dy = draw(st.floats(0.0, 3.0, allow_nan=False).map(lambda v: round(v, 2)))
            x0, top = column * step + dx, row * step + dy
            chars.append({"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size,
                          "size": size, "fontname": draw(st.sampled_from(["A", "B"]))})
    return draw(st.permutations(chars))


def content(chars: list[dict]) -> list[tuple]:
    return sorted(tuple(sorted(c.items())) for c in chars)


def copies_of(char: dict, earlier: dict) -> bool:
    tol = tolerance(char["size"])
    size_ok = abs(char["size"] - earlier["size"]) <= SIZE_MISMATCH * max(char["size"], earlier["size"])
    return (char["text"] == earlier["text"] and 0 <= char["top"] - earlier["top"] <= tol
            and abs(char["x0"] - earlier["x0"]) <= tol and size_ok)


@settings(max_examples=300, deadline=None)
@given(glyph_sets())
def test_dedupe_is_a_settled_subset_independent_of_order(chars):
    kept = dedupe(chars)
    ids = {id(c) for c in chars}
    assert {id(c) for c in kept} <= ids
    assert [id(c) for c in dedupe(kept)] == [id(c) for c in kept]
    assert content(dedupe(list(reversed(chars)))) == content(kept)


@settings(max_examples=300, deadline=None)
@given(glyph_sets())
def test_dedupe_matches_the_rule_pair_by_pair(chars):
    """A char goes exactly when a char before it in reading order copies it within tolerance;
    so every dropped char lies within its tolerance of another copy of the same text, and a
    chain of such copies leads to a kept one."""
    kept = {id(c) for c in dedupe(chars)}
    order = sorted(chars, key=lambda c: (c["top"], c["x0"], c["bottom"], c["x1"], c["size"], c["fontname"]))
    for i, char in enumerate(order):
        has_copy = any(copies_of(char, earlier) for earlier in order[:i])
        assert (id(char) not in kept) == has_copy
