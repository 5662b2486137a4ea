"""General vocabulary the fact rules consult: is a string an ordinary word, which
numeral-led words are not quantities, which set phrases hide numerals.

Only general Chinese: jieba's own default dictionary (a general lexicon, not the
pipeline's segmentation dictionary) and hand-listed common words and idioms.
"""
from __future__ import annotations

import re
from functools import lru_cache

_FREQ: list[dict | None] = []


def _freq() -> dict | None:
    if not _FREQ:
        try:
            import jieba

            jieba.dt.check_initialized()
            _FREQ.append(jieba.dt.FREQ)
        except Exception:  # pragma: no cover - jieba is a dependency
            _FREQ.append(None)
    return _FREQ[0]


def word_frequency(w: str) -> int:
    """How often jieba's general dictionary saw `w` (0 when it is not a word there)."""
    freq = _freq()
    return 0 if freq is None else (freq.get(w) or 0)


@lru_cache(maxsize=65536)
def is_word(w: str) -> bool:
    """Whether `w` is a word of a general lexicon (一切, 四川), as opposed to a numeral
    glued to a character by the segmenter (三十大).  Without jieba every string
    counts as a word (the POS tag alone decides)."""
    return True if _freq() is None else word_frequency(w) >= 10


# numeral-led words that are not quantities (checked against the token)
NON_QUANTITY = frozenset({
    "四处", "一度", "一起", "一向", "一直", "一旦", "一定", "一同", "一律", "一再",
    "一切", "一般", "一样", "一些", "一点", "一番", "一道", "两手", "万一", "一手",
    "一边", "一面", "一方面", "一时", "一阵", "十分", "万分", "百般", "千万", "四周",
    "八方", "一流", "一把手", "两岸", "一线", "一体", "五四", "一致", "一齐", "一带",
    "一行", "一家", "三番", "两样", "一连", "一路", "一概", "一举", "一贯", "十足",
    "万般", "一心", "一身", "一生", "一世", "半点", "一把", "一下", "一下子", "一会",
    "一会儿", "两下", "一头", "一口", "一条心", "一块", "一块儿"})

# set phrases whose numerals count nothing; URLs (digits in a link are not facts)
IDIOMS = ("十几年如一日", "一日千里", "一心一意", "三心二意", "四面八方", "五湖四海", "千方百计",
          "万众一心", "一五一十", "一举两得", "一石二鸟", "独一无二", "一干二净", "七上八下",
          "九牛一毛", "一带一路", "三令五申", "十全十美", "一丝不苟", "一如既往", "一马当先",
          "百年大计", "千家万户", "万无一失", "一分为二", "一针一线", "一点一滴", "一草一木",
          "五一劳动奖章", "三八红旗", "四个意识", "四个自信", "两个维护", "两个确立")
IDIOM_RE = re.compile("|".join(IDIOMS) + r"|https?://\S+|www\.\S+")


_TAGS: list[dict | None] = []


def tag_of(w: str) -> str | None:
    """The part of speech jieba's general dictionary gives `w`, if it lists it."""
    if not _TAGS:
        try:
            import jieba.posseg

            _TAGS.append(jieba.posseg.dt.word_tag_tab)
        except Exception:  # pragma: no cover - jieba is a dependency
            _TAGS.append(None)
    tags = _TAGS[0]
    return None if tags is None else tags.get(w)
