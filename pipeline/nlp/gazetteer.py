"""Words from jieba's general dictionary: organisation names and general vocabulary.

Organisation names are (the `nt` entries of jieba 0.42.1's
dict.txt that end like an organisation: 委员会, 大学, 银行, 计委 ...).

A general gazetteer of Chinese and international bodies (全国政协, 国家计委, 联合国安理会,
麻省理工学院 ...), read from the installed jieba package, not from any article.  The segmenter
adds them as `nt` words, so the tagger sees a known organisation as one word.
"""
from __future__ import annotations

import functools
from pathlib import Path

import jieba

from pipeline.nlp.orgs import (NOT_HEADS, PLACE_ABBREVIATIONS, SUFFIX_WORDS, is_org_abbreviation,
                               is_suffix_word)

JIEBA_DICT = Path(jieba.__file__).resolve().parent / "dict.txt"


# one character before a two-character type word names a body only when it stands for a
# country, province or level (美政府, 粤剧团, 党中央, 镇政府); otherwise the entry is a fragment
# or a description (国海军, 非政府, 伯工厂)
_ONE_CHAR_OWNERS = frozenset(PLACE_ABBREVIATIONS - set("新南古加拉")) | frozenset("党团镇乡县省市区")


def is_organisation_entry(word: str) -> bool:
    if len(word) == 3 and word[1:] in SUFFIX_WORDS and word[0] not in _ONE_CHAR_OWNERS:
        return False
    if word[-2:] in NOT_HEADS:  # 大格局, 大布局: a situation, not a bureau
        return False
    return (len(word) >= 3 and is_suffix_word(word)) or is_org_abbreviation(word)


@functools.lru_cache(maxsize=1)
def organisation_names() -> tuple[str, ...]:
    names = []
    with open(JIEBA_DICT, encoding="utf-8") as handle:
        for line in handle:
            if line.endswith(" nt\n"):
                word = line.split(" ", 1)[0]
                if is_organisation_entry(word):
                    names.append(word)
    return tuple(sorted(set(names)))


@functools.lru_cache(maxsize=1)
def general_dictionary() -> tuple[dict[str, int], dict[str, str]]:
    """jieba's general dictionary: (frequency, POS) of every word (入驻/v, 一块/m)."""
    freq: dict[str, int] = {}
    tags: dict[str, str] = {}
    with open(JIEBA_DICT, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                freq[parts[0]] = int(parts[1])
                tags[parts[0]] = parts[2]
    return freq, tags
