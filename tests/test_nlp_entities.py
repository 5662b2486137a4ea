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


def test_ner_component_round_trip(tmp_path):
    from pipeline.nlp import get_nlp
    from pipeline.nlp.charner import MODEL_DIR
    if not (MODEL_DIR / "meta.json").exists():
        pytest.skip("no trained model: run `make train-ner`")
    comp = get_nlp().get_pipe("news_entities")
    text = "国务院总理李鹏今天在北京会见了日本外相小渊惠三。"
    before = comp.model_spans(text)
    comp.to_disk(tmp_path / "ner")
    import spacy
    nlp2 = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "news_jieba_tokenizer.v1"}}})
    comp2 = nlp2.add_pipe("news_entities", config={"use_model": False})
    comp2.from_disk(tmp_path / "ner")
    assert comp2.model_spans(text) == before and before


def test_heldout_ner_f1():
    require_corpus()
    from pipeline.nlp import get_nlp
    from pipeline.nlp.charner import MODEL_DIR
    if not (MODEL_DIR / "meta.json").exists():
        pytest.skip("no trained model: run `make train-ner`")
    from pipeline.nlp.corpus_split import iter_split
    from scripts.eval_nlp import ner_counts
    lines = list(iter_split("test", limit=300))
    rows = ner_counts(lines, get_nlp().get_pipe("news_entities").model_spans)
    assert rows["PERSON"][2] >= 0.85, rows
    assert rows["GPE"][2] >= 0.80, rows
