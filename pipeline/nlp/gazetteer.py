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

from pipeline.nlp.orgs import is_org_abbreviation, is_suffix_word

JIEBA_DICT = Path(jieba.__file__).resolve().parent / "dict.txt"


def is_organisation_entry(word: str) -> bool:
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
