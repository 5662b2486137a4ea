"""Small cases on full-width text found on unseen news (People's Daily 1998 held-out lines)."""
from __future__ import annotations

import pytest

from pipeline.facts import extract_facts
from pipeline.nlp import annotate


def _facts(text: str) -> list[tuple]:
    return [(f["text"], f["value"], f["unit"], f["approx"], f["kind"])
            for f in extract_facts(text, annotate(text)[0])]


@pytest.mark.parametrize("text,fact", [
    # the segmenter cuts 次要 ("minor") out of 次要少: 次 is still the measure word
    ("去年全球共发生了１７次大地震，比１９９６年的２１次要少。", ("２１次", 21, "次", None, "count")),
    ("逾千人参加了活动。", ("逾千人", 1000, "人", "over", "count")),
    ("近万名群众观看。", ("近万名", 10000, "名", "under", "count")),
    ("百余人参加。", ("百余人", 100, "人", "over", "count")),
    ("当地出现７级以上大风。", ("７级以上", 7, "级", "over", "measure")),
    ("发生里氏６．２级地震。", ("６．２级", 6.2, "级", None, "measure")),
])
def test_fact(text, fact):
    assert fact in _facts(text)


def test_levels_that_are_counted_stay_counts():
    assert ("3级", 3, "级", None, "count") in _facts("共有3级台阶。")


def test_road_and_unit_numbers_are_not_measure_words():
    assert not any(f[2] == "国" for f in _facts("沿１０７国道行驶。"))
    assert not any(f[2] == "部" for f in _facts("３７４１６部队政治处主任。"))
