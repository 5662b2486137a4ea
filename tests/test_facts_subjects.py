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
    # compound nouns kept whole, from POS and syntax
    ("全市贪污、受贿案件达３２件。", "３２件", {"贪污、受贿案件", "全市贪污、受贿案件"}),
    ("地震造成的死亡人数达７７人。", "７７人", {"死亡人数"}),
    ("今年赤字率拟按３％安排。", "３％", {"赤字率"}),
    # people: named by the verb phrase after them unless the phrase before names people
    ("该市附近村庄有超过３００人受伤。", "超过３００人", {"受伤"}),
    ("去年有１２人受到行政处分。", "１２人", {"受到行政处分"}),
    ("全年移交检察机关５人。", "５人", {"移交检察机关"}),
    ("受灾群众达２３万人。", "２３万人", {"受灾群众"}),
    ("地震造成５人死亡\n当地政府说，救援仍在进行。", "５人", {"死亡"}),
    ("派出一万二千人的部队。", "一万二千人", {"部队"}),
    # a headless relative clause before 有
    ("下岗职工中从事个体经营的有８０户。", "８０户", {"从事个体经营"}),
    # money: what the money is
    ("今年亏损额控制在５亿元以内。", "５亿元以内", {"亏损额"}),
    ("财政局划拨２０００万元专项资金。", "２０００万元", {"专项资金"}),
    ("日本承诺提供１５亿美元的援助。", "１５亿美元", {"援助"}),
    ("美国拨款３０万美元援助灾区，随后又提供３００万美元。", "３００万美元", {"拨款"}),
    # changes: what grows or falls
    ("上月出口连续第三个月下降，与去年同期相比下跌４．５％。", "４．５％", {"出口"}),
    ("全球贸易一直以５％的速度增长。", "５％", {"全球贸易"}),
    ("进口商品的降幅更大，约为１２％。", "约为１２％", {"进口商品"}),
    ("该公司去年净利润下降了１２％。", "１２％", {"净利润"}),
    ("事故共造成１２人死亡、３０多人受伤。", "３０多人", {"受伤"}),
    ("国防部宣布提供价值４亿美元的军事援助。", "４亿美元", {"军事援助"}),
    ("约２００名抗议者在市中心聚集。", "约２００名", {"抗议者"}),
    # a clause with no subject of its own continues the sentence's
    ("全年，批准出国留学人员仍居首位，为１２万人次，比上年增加５％。", "１２万人次", {"批准出国留学人员"}),
    ("全年，批准出国留学人员仍居首位，为１２万人次，比上年增加５％。", "５％", {"批准出国留学人员"}),
    ("扶持贫困户３万户，１２万多人。", "１２万多人", {"贫困户"}),
    ("去年出国探亲、访友２万人次。", "２万人次", {"出国探亲、访友", "探亲、访友"}),
])
def test_subject(text, fact, subjects):
    assert _subject(text, fact) in subjects


def test_a_speaker_is_not_the_topic_of_what_is_reported():
    assert _subject("统计局说，同比增长了５％。", "５％") is None


@pytest.mark.parametrize("text,fact", [
    ("１９９７年全省粮食增产。", "１９９７年"),
    ("他在这里工作了五年。", "五年"),
])
def test_years_and_durations_have_no_subject(text, fact):
    assert _subject(text, fact) is None


def test_respectively_gives_each_number_its_item():
    text = "全省小麦、玉米的播种面积分别达到３００万亩和２００万亩。"
    facts = extract_facts(text, annotate(text)[0])
    assert [(f["text"], f["subject"]) for f in facts] == [("３００万亩", "小麦"), ("２００万亩", "玉米")]
