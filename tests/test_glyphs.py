"""Glyph de-duplication by position: fake-bold copies go, genuine neighbours stay."""
from __future__ import annotations

import random

import pdfplumber
import pytest

from pipeline.ingest.glyphs import dedupe, dedupe_page
from tests.conftest import FIXTURES

UPSTREAM = FIXTURES / "pdfplumber"


def char(text: str, x0: float, top: float, size: float = 10.0, font: str = "STSong-Light") -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size,
            "fontname": font, "object_type": "char"}


def texts(chars: list[dict]) -> str:
    return "".join(c["text"] for c in sorted(chars, key=lambda c: c["x0"]))


def test_genuine_neighbours_stay():
    line = [char(ch, 10.0 * i, 0.0) for i, ch in enumerate("谢谢大家纷纷点赞")]
    assert texts(dedupe(line)) == "谢谢大家纷纷点赞"
    small = [char(ch, 5.0 * i, 0.0, size=5.0) for i, ch in enumerate("常常")]
    assert texts(dedupe(small)) == "常常"


@pytest.mark.parametrize("offset", [(0.0, 0.0), (0.3, 0.0), (0.35, 0.2), (1.2, 1.2), (2.4, 0.0), (0.0, 2.5)])
@pytest.mark.parametrize("copies", [2, 3])
def test_copies_at_shadow_offsets_go(offset, copies):
    word = "筑牢由工变匠"
    chars = [char(ch, 30.0 * i + offset[0] * k, 100.0 + offset[1] * k, size=30.0)
             for k in range(copies) for i, ch in enumerate(word)]
    kept = dedupe(chars)
    assert texts(kept) == word
    assert all(c["x0"] == 30.0 * i and c["top"] == 100.0 for i, c in enumerate(sorted(kept, key=lambda c: c["x0"])))


def test_drawing_order_font_names_and_size_noise_do_not_matter():
    chars = [char(ch, 40.0 * i + dx, 50.0, size=size, font=font)
             for i, ch in enumerate("强磁场")
             for dx, size, font in [(0.0, 40.0, "A+Song"), (0.5, 40.000000000000014, "B+SongBold"), (1.0, 40.0, "C")]]
    for seed in range(5):
        shuffled = chars[:]
        random.Random(seed).shuffle(shuffled)
        kept = dedupe(shuffled)
        assert texts(kept) == "强磁场"
        assert sorted(c["x0"] for c in kept) == [0.0, 40.0, 80.0]  # always the first-placed copy


def test_same_text_a_line_apart_stays():
    assert len(dedupe([char("一", 0.0, 0.0), char("一", 0.0, 14.0)])) == 2


def test_upstream_issue_71_expected_strings():
    """pdfplumber's own test expectations (tests/test_dedupe_chars.py upstream)."""
    with pdfplumber.open(UPSTREAM / "issue-71-duplicate-chars.pdf") as pdf:
        page = pdf.pages[0]
        assert page.extract_text().split("\n")[-1] == "微微软软 培培训训课课程程：： 名名模模意意义义一一些些有有意意义义一一些些"
        clean = dedupe_page(page)
        assert clean.extract_text().split("\n")[-1] == "微软 培训课程： 名模意义一些有意义一些"
        assert clean.extract_table()[1][1].split("\n")[-1] == "微软 培训课程： 名模意义一些有意义一些"
        word = clean.extract_words()[-1]
        assert (round(word["x0"], 3), round(word["x1"], 3), round(word["bottom"], 3)) == (440.143, 534.719, 802.961)
        assert word["text"] == "名模意义一些有意义一些"
        assert len(clean.chars) == len(page.dedupe_chars().chars)
    with pdfplumber.open(UPSTREAM / "issue-71-duplicate-chars-2.pdf") as pdf:
        lines = dedupe_page(pdf.pages[0]).extract_text(y_tolerance=6).splitlines()
        assert lines[4] == "UE 8. Circulation - Métabolismes"


def test_glyphs_with_impossible_geometry_are_kept_and_never_copied():
    broken = [char("一", float("nan"), 0.0), char("一", 0.0, float("inf")), char("一", 0.0, 0.0, size=-3.0)]
    good = [char("一", 0.0, 0.0), char("一", 0.5, 0.0)]
    assert [c["x0"] for c in dedupe(broken + good)][-1] == 0.0
    assert len(dedupe(broken + good)) == 4


def test_stacked_and_row_copies_match_the_pairwise_rule():
    stack = [char("·", 100.0, 100.0, size=1.0) for _ in range(500)]
    row = [char("·", 0.3 * i, 0.0, size=1.0) for i in range(500)]  # 0.3 pt apart: a chain of copies
    spaced = [char("·", 2.0 * i, 50.0, size=1.0) for i in range(500)]  # farther than the tolerance
    kept = dedupe(stack + row + spaced)
    assert [id(c) for c in kept] == [id(stack[0]), id(row[0])] + [id(c) for c in spaced]
