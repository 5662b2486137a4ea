"""Subjects on news the rules were not written for: what changed, what is counted, what
the money is, whose share a percentage is.  Tokens come from the real NLP stage."""
from __future__ import annotations

import pytest

from pipeline.facts import extract_facts
from pipeline.nlp import annotate


def _subject(text: str, fact_text: str) -> str | None:
    facts = extract_facts(text, annotate(text)[0])
    hit = [f for f in facts if f["text"] == fact_text]
    assert hit, (fact_text, [f["text"] for f in facts])
    return hit[0]["subject"]


@pytest.mark.parametrize("text,fact,subjects", [
    ("去年大地震至少造成２９１３人死亡。", "２９１３人", {"死亡"}),
    ("卢布对美元贬值了１５％。", "１５％", {"卢布"}),
    ("该公司股价下跌了６０％。", "６０％", {"股价", "公司股价"}),
    ("国内生产总值年均增长１２．１％。", "１２．１％", {"国内生产总值"}),
    ("公司实现营业收入120亿元，同比增长15%；净利润8.5亿元。", "120亿元", {"营业收入"}),
    ("公司实现营业收入120亿元，同比增长15%；净利润8.5亿元。", "15%", {"营业收入"}),
    ("公司实现营业收入120亿元，同比增长15%；净利润8.5亿元。", "8.5亿元", {"净利润"}),
    ("财政部说，将调拨超过120亿美元的资金。", "超过120亿美元", {"资金"}),
    ("出口额占美国经济的１１％，却占加州经济的１６％。", "１１％", {"出口额"}),
    ("出口额占美国经济的１１％，却占加州经济的１６％。", "１６％", {"出口额"}),
    ("全国共发生火灾（不含森林火灾）１４万余起。", "１４万余起", {"火灾", "发生火灾"}),
    ("批准出国留学４．３万人。", "４．３万人", {"出国留学"}),
    ("年内投资2亿元新建小学。", "2亿元", {"投资"}),
])
def test_subject(text, fact, subjects):
    assert _subject(text, fact) in subjects


@pytest.mark.parametrize("text,fact", [
    ("１９９７年全省粮食增产。", "１９９７年"),
    ("他在这里工作了五年。", "五年"),
])
def test_years_and_durations_have_no_subject(text, fact):
    assert _subject(text, fact) is None
