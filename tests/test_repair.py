"""Fake-bold repair: exact on the seed's garbled lines, never touching genuine text."""
from __future__ import annotations

import random

import pytest

from pipeline.document import Line
from pipeline.repair import repair_line, repair_lines, repair_text, tile
from tests.conftest import require_corpus


@pytest.mark.parametrize(
    "garbled, clean, k",
    [
        ("阿拉善高新区阿拉善高新区：：", "阿拉善高新区：", 2),
        ("打好产改之路组合拳打好产改之路组合拳打好产改之路组合拳", "打好产改之路组合拳", 3),
        ("筑牢由筑牢由筑牢由“““工工工”””变变变“““匠匠匠”””强磁场强磁场强磁场", "筑牢由“工”变“匠”强磁场", 3),
        ("大大国国工工匠匠 风风采采", "大国工匠 风采", 2),
        ("稳稳稳岗岗岗留留留工工工工工工", "稳岗留工工", 3),
        ("新时代新时代新时代新时代", "新时代", 4),
    ],
)
def test_fake_bold_lines_are_repaired_exactly(garbled, clean, k):
    assert repair_text(garbled) == (clean, k)


@pytest.mark.parametrize(
    "genuine",
    ["一个个政策加持，一名名人才引领", "纷纷", "常常", "谢谢", "谢谢谢谢", "常常看看", "研究研究",
     "高高兴兴", "不敢当不敢当", "强强！强强！", "８８２２８８", "看看再说", "人人人"],
)
def test_genuine_reduplication_is_left_alone(genuine):
    assert repair_text(genuine) == (genuine, None)


def test_a_doubled_phrase_inside_running_text_is_left_alone():
    lines = [Line("表１：镇区企业数"), Line("总量平均每镇总量平均每镇"), Line("下一行")]
    assert [l.text for l in repair_lines(lines)] == [l.text for l in lines]
    alone = [Line(""), Line("总量平均每镇总量平均每镇"), Line("")]
    assert repair_lines(alone)[1].text == "总量平均每镇"


def test_tiling_needs_every_unit_repeated():
    assert tile("甲甲乙乙", 0, 4, 2) == [(0, 1), (2, 1)]
    assert tile("甲甲乙", 0, 3, 2) is None
    assert tile("纷纷表示纷纷表示", 0, 8, 2) == [(0, 4)]  # backtracks past the reduplication


def test_repair_is_recorded_and_boxes_follow_the_first_copy():
    boxes = [(float(i), 0.0, float(i) + 1, 1.0) for i in range(6)]
    line = Line("“““工工工", boxes=boxes)
    fixed = repair_line(line)
    assert fixed.text == "“工"
    assert fixed.boxes == [boxes[0], boxes[3]]
    assert [(r.before, r.after, r.start, r.end, r.method) for r in fixed.repairs] == [
        ("“““工工工", "“工", 0, 2, "fake-bold-x3")
    ]


def test_people_daily_sample_is_unchanged():
    """A seeded sample of 3000 paragraphs, whole and cut into columns (`make eval` runs all)."""
    from pipeline.corpus import iter_plain_lines

    corpus = require_corpus()
    lines = list(iter_plain_lines(corpus))
    sample = random.Random(1998).sample(lines, 3000)
    changed = [text for text in sample if repair_text(text)[1] is not None]
    for width in (8, 12, 20):
        for text in sample:
            for i in range(0, len(text), width):
                piece = text[i : i + width]
                if repair_text(piece, isolated=False)[1] is not None:
                    changed.append(piece)
    assert changed == []
    assert sum("纷纷" in t or "常常" in t or "一个个" in t for t in lines) > 50  # the sample is real


@pytest.mark.parametrize("k", range(2, 13))
def test_a_line_printed_k_times_settles_on_one_copy(k):
    headline = "打好改革攻坚战"
    for garbled in (headline * k, " ".join([headline] * k), "".join(ch * k for ch in headline)):
        fixed, copies = repair_text(garbled)
        assert (fixed, copies) == (headline, k)
        assert repair_text(fixed) == (fixed, None)


@pytest.mark.parametrize("line", ["-" * 1000, "—" * 1200, "中" * 1200, "-" * 5000 + "标题", "·" * 3000 + "中国中国"])
def test_long_runs_of_one_character_are_handled_without_recursion(line):
    fixed, _ = repair_text(line)
    assert repair_text(fixed) == (fixed, None)
    assert set(fixed) == set(line)


def test_a_line_read_twice_by_ocr_collapses_only_when_it_stands_alone():
    doubled = "大国工匠 风采 大国工匠 风采"
    assert repair_text(doubled) == ("大国工匠 风采", 2)
    assert repair_text(doubled, isolated=False) == (doubled, None)
    fixed = repair_line(Line(doubled))
    assert fixed.repairs[0].method == "repeated-line-x2"
    assert repair_text("研究 研究") == ("研究 研究", None)  # genuine, too short to be a headline
