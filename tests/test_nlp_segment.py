"""Segmentation: number/unit tokens, domain terms, tiling, held-out F1."""
from __future__ import annotations

import pytest

from tests.conftest import require_corpus


@pytest.fixture(scope="module")
def seg():
    from pipeline.nlp.segment import Segmenter
    return Segmenter()


def words(text):
    from pipeline.nlp import annotate
    return [text[s:e] for s, e, _ in annotate(text)[0]]


@pytest.mark.parametrize("num", ["23.4%", "42.7万元", "1500吨/月", "1997年", "10月20日", "83.4%",
                                 "１９９８年", "２３.４％"])
def test_number_unit_tokens_whole(num):
    assert num in words(f"工会会员比例达到{num}，同比增长。")


@pytest.mark.parametrize("name", ["国家计委", "外经贸部", "中央电视台", "联合国安理会", "全国政协",
                                  "麻省理工学院", "世界贸易组织"])
def test_organisation_names_whole(seg, name):
    """jieba's organisation names are single words tagged as organisations (nt, or j for an
    abbreviation the corpus already knows), wherever they stand."""
    text = f"据{name}消息，{name}负责人今天表示"
    tags = [(text[s:e], t) for s, e, t in seg.segment(text)]
    assert sum(1 for w, t in tags if w == name and t in ("nt", "j")) == 2, tags


def test_general_vocabulary_only_recuts_single_characters(seg):
    """jieba's general words join characters the corpus dictionary left single (入|驻 -> 入驻),
    and leave the corpus dictionary's own words alone."""
    text = "园区共入驻企业，向日葵田，中国人民银行"
    words = seg.words(text)
    assert "入驻" in words and "向日葵" in words
    assert words[-3:] == ["中国", "人民", "银行"] or "中国人民银行" in words


def test_tokens_tile_text_apart_from_whitespace():
    from pipeline.nlp import annotate
    text = "近年来，该开发区始建于1997年。\n\n江泽民总书记 关于工人阶级\n和工会工作的重要论述 20 家\u3000 "
    tokens, _ = annotate(text)
    pos = 0
    for s, e, tag in tokens:
        assert text[pos:s].isspace() or pos == s
        assert e > s and not text[s:e].isspace() and tag
        pos = e
    assert text[pos:].strip() == ""


def test_pos_tags_from_dictionary(seg):
    text = "他在北京大学读书，增长23.4%。"
    tags = {text[s:e]: t for s, e, t in seg.segment(text)}
    assert tags["在"] == "p" and tags["23.4%"] == "m" and tags["。"] == "w"


def test_private_jieba_does_not_touch_global(seg):
    import jieba
    seg.add_word("测试专用词语", 5000, "n")
    assert "测试专用词语" not in jieba.dt.FREQ


def test_heldout_segmentation_f1():
    require_corpus()
    from pipeline.nlp.corpus_split import iter_split
    from pipeline.nlp.segment import Segmenter
    from scripts.eval_nlp import seg_counts
    lines = list(iter_split("test", limit=300))
    p, r, f = seg_counts(lines, Segmenter().segment)
    assert f >= 0.90, (p, r, f)


def test_route_tokenizer_cuts_exactly_as_jieba_does():
    """RouteTokenizer's one-pass route gives jieba's own words (accurate mode, no HMM) on
    held-out corpus lines and on mixed Latin, digits, spaces and full-width text."""
    require_corpus()
    import jieba

    from pipeline.nlp.corpus_split import iter_split
    from pipeline.nlp.segment import RouteTokenizer, Segmenter, _general_segmenter

    texts = ["".join(w for w, _ in p) for p in iter_split("test", limit=400)]
    texts += ["abc 123 ABC中文 x y z", "Hello世界2024年", "", " \n", "ａｂｃ１２３中国", "e-mail: a.b@c.com"]
    for tokenizer in (Segmenter().tokenizer, _general_segmenter()[0]):
        assert isinstance(tokenizer, RouteTokenizer)
        for text in texts:
            assert list(tokenizer.cut(text, HMM=False)) == list(jieba.Tokenizer.cut(tokenizer, text,
                                                                                  HMM=False))
