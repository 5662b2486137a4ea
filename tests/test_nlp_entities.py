"""Entities: seed article, alias pattern, 《》 titles, bylines, held-out F1, NER round trip."""
from __future__ import annotations

import pytest

from tests.conftest import require_corpus


def ents(text, byline=()):
    from pipeline.nlp import annotate
    return {(text[s:e], label) for s, e, label in annotate(text, byline)[1]}


def test_interface_sorted_non_overlapping():
    from pipeline.nlp import annotate
    text = "2021年10月20日，商务部部长在北京会见了清华大学校长。\n《中华人民共和国劳动法》"
    tokens, entities = annotate(text)
    assert entities == sorted(entities)
    for (s1, e1, _), (s2, e2, _) in zip(entities, entities[1:]):
        assert e1 <= s2
    starts = {s for s, _, _ in tokens}
    ends = {e for _, e, _ in tokens}
    assert all(s in starts and e in ends for s, e, _ in entities)


def test_seed_entities(seed_article):
    found = {(e.text, e.label) for e in seed_article.entities}
    for name in ["刘宏章", "杨占军", "赵小丽", "习近平", "焦兴利", "王亚许", "孙晟中"]:
        assert (name, "PERSON") in found, name
    for org in ["阿拉善高新技术产业开发区", "阿拉善高新区", "商务部", "内蒙古五新化工有限公司",
                "清华大学", "厦门大学化工学院", "内蒙古工业大学"]:
        assert (org, "ORG") in found, org
    for place in ["内蒙古", "额济纳旗", "宁夏"]:
        assert (place, "GPE") in found, place
    assert ("高层次人才引进和培养落实实施办法", "LAW") in found
    assert ("园区中长期人才发展规划", "LAW") in found
    junk = {t for t, label in found if label in {"PERSON", "GPE", "LOC"} and len(t) < 2}
    assert not junk


def test_alias_pattern_same_label_every_mention():
    text = "深圳市星河动力科技有限公司（以下简称星河动力）今天发布新品。星河动力表示，将扩大产能。"
    found = ents(text)
    assert ("深圳市星河动力科技有限公司", "ORG") in found
    from pipeline.nlp import annotate
    spans = [(s, e, l) for s, e, l in annotate(text)[1] if text[s:e] == "星河动力"]
    assert len(spans) == 2 and all(l == "ORG" for _, _, l in spans)


def test_titles_law_and_work_of_art():
    found = ents("会议审议通过了《安全生产管理办法》和《城市总体规划》，观看了电影《红高粱》。")
    assert ("安全生产管理办法", "LAW") in found
    assert ("城市总体规划", "LAW") in found
    assert ("红高粱", "WORK_OF_ART") in found


def test_byline_names_are_people():
    text = "□欧阳文博 木子\n本报讯 今天举行了座谈会。"
    found = ents(text, byline=["欧阳文博", "木子"])
    assert ("欧阳文博", "PERSON") in found and ("木子", "PERSON") in found


def test_org_suffix_and_dates():
    found = ents("1997年，内蒙古工业大学与包头钢铁集团签约。二〇二四年三月五日，10月20日。")
    assert ("内蒙古工业大学", "ORG") in found
    assert ("1997年", "DATE") in found
    assert ("二〇二四年三月五日", "DATE") in found
    assert ("10月20日", "DATE") in found


@pytest.mark.parametrize("sep", [" ", "\u3000", "、", "  "])
def test_name_lists_are_separate_people(sep):
    names = ["李鹏", "乔石", "李瑞环", "彭真", "朱镕基", "胡锦涛", "尉健行", "李岚清", "欧阳文博",
             "司马义·艾买提"]
    text = "出席会议的有：" + sep.join(names) + "等。\n" + sep.join(names[:4])
    from pipeline.nlp import annotate
    found = [(text[s:e], label) for s, e, label in annotate(text)[1]]
    for name in names:
        assert (name, "PERSON") in found, (name, found)
    for piece, _ in found:
        assert not any(c.isspace() for c in piece) and "、" not in piece, piece


def test_byline_of_spaced_names_never_one_entity():
    text = "□周剑虹　崔海教 王秀智\n本报讯"
    from pipeline.nlp import annotate
    spans = [text[s:e] for s, e, _ in annotate(text, ["周剑虹　崔海教 王秀智"])[1]]
    assert all(" " not in p and "\u3000" not in p for p in spans), spans


@pytest.mark.parametrize("text, org", [
    ("中国致公党第十一次全国代表大会今天在北京开幕。", "中国致公党第十一次全国代表大会"),
    ("会议由中共中央政治局常委主持。", "中共中央政治局"),
    ("国家计委和外经贸部联合发出通知。", "国家计委"),
    ("国家计委和外经贸部联合发出通知。", "外经贸部"),
    ("全国政协副主席出席了开幕式。", "全国政协"),
    ("联合国安理会今天通过决议。", "联合国安理会"),
    ("中央电视台播出了这部纪录片。", "中央电视台"),
    ("他代表中共中央向大会致贺词。", "中共中央"),
])
def test_multiword_and_abbreviated_organisations(text, org):
    assert (org, "ORG") in ents(text)


def test_places_convention():
    found = ents("香港特别行政区成立以来，中美关系和中俄关系都有发展。")
    assert ("香港特别行政区", "GPE") in found
    for abbr in ["中", "美", "俄"]:
        assert (abbr, "GPE") in found, found


def test_heldout_ner_f1():
    require_corpus()
    from pipeline.nlp import annotate
    from pipeline.nlp.corpus_labels import news_entities
    from pipeline.nlp.corpus_split import iter_split, span_scores
    lines = list(iter_split("test", limit=300))

    def pairs():
        for line in lines:
            text, gold = news_entities(line)
            yield [sp for sp in annotate(text)[1] if sp[2] in ("PERSON", "GPE", "LOC", "ORG")], gold
    rows = span_scores(pairs(), ("PERSON", "GPE", "LOC", "ORG"))
    assert rows["PERSON"][2] >= 0.88, rows
    assert rows["GPE"][2] >= 0.88, rows
    assert rows["ORG"][2] >= 0.70, rows


def test_spacy_pipeline_gives_the_same_entities_and_tokens():
    from pipeline.nlp import annotate, get_nlp
    text = "国务院总理李鹏今天在北京会见了日本外相小渊惠三。\n　新华社记者 张三 摄"
    tokens, entities = annotate(text)
    doc = get_nlp()(text)
    assert doc.text == text
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == entities
    assert [(t.idx, t.idx + len(t.text), t.tag_) for t in doc if not t.is_space] == tokens
