"""Deterministic document-level split of People's Daily 1998-01 used by every NLP script.

Line i (0-based, over `pipeline.corpus.iter_tagged_lines()`) goes to the held-out test part when
i % 10 == 9, otherwise to training.  Gold conventions used for training and evaluation:
  * consecutive `nr` tokens (surname + given name: 江/nr 泽民/nr) are merged into one word;
  * entity labels: nr -> PERSON, ns -> GPE (LOC for mountain/river/lake/sea names), nt -> ORG.
"""
from __future__ import annotations

from pathlib import Path

import regex
from typing import Iterator

from pipeline.corpus import DEFAULT_PATH, iter_tagged_lines

TEST_EVERY = 10
TEST_REMAINDER = 9

LOC_SUFFIXES = ("山脉", "山", "河", "江", "湖", "海", "洋", "峡", "岛", "湾", "峰", "高原", "盆地",
                "平原", "沙漠", "半岛", "群岛", "海峡", "运河", "草原")
GPE_EXCEPTIONS = frozenset(
    "上海 青海 珠海 威海 北海 浙江 黑龙江 镇江 九江 湛江 内江 丽江 晋江 佛山 鞍山 唐山 中山 乐山 "
    "马鞍山 保山 舟山 江山 萧山 昆山 韶山 黄石 河北 河南 湖北 湖南 海南 山东 山西 江苏 江西 "
    "辽宁 台湾 湾仔 鲤鱼门 连云港 秦皇岛 青岛 大连湾 河源 河池 海口 东海县 海城".split())


def is_test(index: int) -> bool:
    return index % TEST_EVERY == TEST_REMAINDER


def merge_names(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Merge runs of `nr` tokens (surname + given name) into one `nr` word."""
    out: list[tuple[str, str]] = []
    for word, pos in pairs:
        if pos == "nr" and out and out[-1][1] == "nr":
            out[-1] = (out[-1][0] + word, "nr")
        else:
            out.append((word, pos))
    return out


# continents and world regions are LOC (亚洲, 中东, 东南亚, 北美, 亚太地区, 印太地区)
_REGION_RE = regex.compile(r"(?:东|西|南|北|中|东南|西南|东北|西北|近|远)(?:亚|欧|非|美|东)|亚太|印太|拉美"
                           r"|拉丁美洲|加勒比|巴尔干|\p{Han}{1,3}洲")
_NOT_REGIONS = frozenset("南非 中美 中非 中欧 澳洲 满洲 亚洲杯".split())


def place_label(word: str) -> str:
    if word in GPE_EXCEPTIONS:
        return "GPE"
    if word.endswith(LOC_SUFFIXES):
        return "LOC"
    core = word[:-2] if word.endswith("地区") and len(word) > 2 else word
    if core not in _NOT_REGIONS and _REGION_RE.fullmatch(core):
        return "LOC"
    return "GPE"


def entity_label(word: str, pos: str) -> str | None:
    if pos == "nr":
        return "PERSON"
    if pos == "ns":
        return place_label(word)
    if pos == "nt":
        return "ORG"
    return None


def iter_split(part: str, path: Path = DEFAULT_PATH, limit: int | None = None
               ) -> Iterator[list[tuple[str, str]]]:
    """Yield name-merged [(word, pos)] lines of `part` ('train' or 'test')."""
    want_test = part == "test"
    count = 0
    for index, pairs in enumerate(iter_tagged_lines(path)):
        if is_test(index) != want_test:
            continue
        yield merge_names(pairs)
        count += 1
        if limit is not None and count >= limit:
            return


def gold_entities(pairs: list[tuple[str, str]]) -> tuple[str, list[tuple[int, int, str]]]:
    """Text of a line and its gold entity spans (start, end, label)."""
    text_parts, ents, pos_ = [], [], 0
    for word, tag in pairs:
        label = entity_label(word, tag)
        if label:
            ents.append((pos_, pos_ + len(word), label))
        text_parts.append(word)
        pos_ += len(word)
    return "".join(text_parts), ents


def span_scores(pairs, labels) -> dict:
    """Strict span+label P/R/F1 per label and ALL over (predicted, gold) span-set pairs.

    Returns {label: (precision, recall, f1, gold_count)}.
    """
    from collections import Counter

    tp, fp, fn = Counter(), Counter(), Counter()
    for pred, gold in pairs:
        pred = {s for s in pred if s[2] in labels}
        gold = set(gold)
        for s in pred & gold:
            tp[s[2]] += 1
        for s in pred - gold:
            fp[s[2]] += 1
        for s in gold - pred:
            fn[s[2]] += 1
    rows = {}
    for label in [*labels, "ALL"]:
        t = sum(tp.values()) if label == "ALL" else tp[label]
        f_p = sum(fp.values()) if label == "ALL" else fp[label]
        f_n = sum(fn.values()) if label == "ALL" else fn[label]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        rows[label] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, t + f_n)
    return rows
