"""News-convention entity spans derived from a People's Daily 1998 line (word, POS pairs).

This copy of the corpus tags only single-word organisations (`新华社/nt`); compound names are
plain words (`中央/n 电视台/n`, `中国/ns 致公党/n 第十一/m 次/q 全国/n 代表大会/n`).  The training
and evaluation convention used here (and by the hand-annotated out-of-domain sets):
  * ORG is the longest printed organisation name: a run of name-like tokens closed by an
    organisation suffix word (委员会, 大学, 局 ...), an `nt` word or an abbreviation (`计委/j`),
    opening on a proper noun or a head word (中国, 全国, 中央 ...), never on a common noun or
    adjective (美国/ns 著名/a 学府/n 哈佛/nz 大学/n -> 哈佛大学);
  * `香港/ns 特别/a 行政区/n` is one GPE; one-character country/region abbreviations tagged `j`
    (中/j 美/j) are each a GPE; abbreviations of bodies (政协/j, 安理会/j) are ORG;
  * nr -> PERSON (names merged), ns -> GPE or LOC (corpus_split.place_label), nt -> ORG.
"""
from __future__ import annotations

import functools

from pipeline.nlp.corpus_split import place_label
from pipeline.nlp.orgs import (HEAD_WORDS, PLACE_ABBREVIATIONS, is_continuation_word,
                               is_description, is_head_word, is_org_abbreviation,
                               is_standalone_org)

Span = tuple[int, int, str]

# POS of tokens that may sit inside an organisation name (nr: a choir named after a person, 张明/nr 合唱团/n)
_BODY_POS = frozenset({"ns", "nt", "nz", "j", "n", "vn", "b", "an", "nx", "Ng", "s", "nr", "l"})
# localisers inside names are directions (南部 地方 法院, 东北 大学), not 上/中/以来 (会议上)
_BODY_DIRECTIONS = frozenset("东 西 南 北 东南 西南 东北 西北 东部 西部 南部 北部 中部 东方 西方".split())
_PROPER_POS = frozenset({"ns", "nt", "nz", "j", "nx", "nr"})
_ORDINAL_MEASURES = frozenset("次 届 个 号 军 师 团 中".split())
# verbs that sit inside names: a body's mission (美国/ns 驻/v 华/j 大使馆/n, 驻澳部队)
_BODY_VERBS = frozenset("驻 常驻 联合 特别".split())
# adjectives that are part of names of bodies (中国X友好协会, 独立党, 自由民主党)
_BODY_ADJECTIVES = frozenset("友好 独立 自由 民主 统一 和平 进步 共同 保守 激进 团结 联合 国立 公立 私立".split())
# one-character heads closing a name after a body word (东京/ns 地方/n 检察/vn 院/Ng)
_SINGLE_HEADS = frozenset("院 署 局 所 厅 司 社 团 队".split())
# schools and hospitals are named after one place: higher places before it stay places
# (湖北省/ns 宜昌市/ns 第一/m 中学/n -> 湖北省 + 宜昌市第一中学)
_SCHOOL_ENDINGS = ("学校", "小学", "中学", "大学", "学院", "医院", "幼儿园", "分校", "附中", "附小")
MAX_ORG_TOKENS = 14
MAX_ORG_CHARS = 32


def _closes_org(word: str, pos: str) -> bool:
    if pos == "nt":
        return True
    if pos == "j":
        return is_org_abbreviation(word)
    if pos in ("Ng", "n") and word in _SINGLE_HEADS:
        return True
    return is_head_word(word, pos) or (pos in {"n", "Ng", "nz", "l"} and is_standalone_org(word))


def in_org_body(word: str, pos: str) -> bool:
    if pos in _BODY_POS or word in _BODY_VERBS or word in _BODY_ADJECTIVES:  # 香港/ns 特别/a 行政区/n
        return True
    if pos == "f":
        return word in _BODY_DIRECTIONS
    if pos == "m":  # 第十一 (次), 二 (中)
        return word.startswith("第") or word.isdigit()
    return pos == "q" and word in _ORDINAL_MEASURES


def _opens_org(word: str, pos: str) -> bool:
    # 第十四届 opens a numbered congress (第十四届全国人民代表大会第三次会议)
    return pos in _PROPER_POS or word in HEAD_WORDS or (pos == "m" and word.startswith("第"))


def _is_branch(head: str) -> bool:
    """A branch or mission takes its own place after its parent's name (农业银行|江苏省苏州分行)."""
    return head.startswith(("分", "支")) or head in ("办事处", "代表处", "代表团", "分理处")


def _is_part(parent: str, part: str) -> bool:
    """`part` is a numbered congress or session, a mission, a branch or a school of `parent`
    (X党|第十次全国代表大会, 解放军|驻澳部队, 南京大学|商学院)."""
    return part.startswith(("驻", "第")) or _is_branch(part) or (
        parent.endswith(("大学", "学院", "科学院", "研究院")) and part.endswith(
            ("学院", "研究所", "研究院", "研究中心", "实验室", "医院")))


def _same_kind(a: str, b: str) -> bool:
    """Two equal heads: names side by side (中国石油总公司|中国煤炭总公司), not a body and its
    branch (农业银行|苏州分行)."""
    return a == b or (len(a) >= 2 and len(b) >= 2 and a[-2:] == b[-2:])


def compound_orgs(pairs: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of compound organisation names (longest first, no overlap)."""
    out: list[tuple[int, int]] = []
    n = len(pairs)
    i = n - 1
    limit = n  # the first token of the name found last (names never overlap)
    while i >= 0:
        word, pos = pairs[i]
        if not _closes_org(word, pos) or (word in _SINGLE_HEADS and (
                i == 0 or not in_org_body(*pairs[i - 1]))):
            i -= 1
            continue
        # a name closed here may go on with more suffix words (中共中央/nt 政治局/n): take the last
        end = i + 1
        while end < limit and end - i < 3 and pairs[end][1] != "nt" and (
                _closes_org(*pairs[end]) or is_continuation_word(*pairs[end])):
            end += 1
        start = i
        while start > 0 and end - start < MAX_ORG_TOKENS and in_org_body(*pairs[start - 1]):
            if pos == "nt" and start == i and pairs[start - 1][1] == "nt" and not _is_part(
                    pairs[start - 1][0], pairs[start][0]):
                break  # two bodies side by side (党中央/nt 国务院/nt)
            if start - 1 > 0 and pairs[start - 1][1] != "nt" and _closes_org(*pairs[start - 1]) \
                    and _same_kind(pairs[start - 1][0], word) and pairs[start][1] in _PROPER_POS:
                break  # two names of the same kind side by side
            if (_closes_org(*pairs[start - 1]) and pairs[start][1] == "ns" and start + 1 < i
                    and pairs[start + 1][1] == "ns" and not _is_branch(word)):
                break  # a chain of places after a name opens the next name (…医院|云南省…歌舞团)
            start -= 1
        # open on a proper noun or a head word; drop leading common nouns, numbers, measures and
        # a one-character abbreviation bound to a verb (赴/v 京/j 考察团/n; not 美/j 政府/n)
        while start < i and (not _opens_org(*pairs[start]) or (
                len(pairs[start][0]) == 1 and pairs[start][1] in ("j", "ns") and start > 0
                and pairs[start - 1][1] == "v")):
            start += 1
        if pairs[start][1] == "m" and not any(
                p in _PROPER_POS or w in HEAD_WORDS for w, p in pairs[start:end]):
            start = i  # an ordinal alone does not make a name (第一次全体会议)
        if pairs[end - 1][0].endswith(_SCHOOL_ENDINGS):
            while start < i and pairs[start][1] == "ns" and pairs[start + 1][1] in ("ns", "nt"):
                start += 1
        chars = sum(len(w) for w, _ in pairs[start:end])
        # a head word alone names no body (新/a 政府/n), unless it is a name itself
        if start == i and pos not in {"nt", "j"} and not is_standalone_org(word):
            i -= 1
            continue
        if chars <= MAX_ORG_CHARS and chars >= 2 and not is_description(pairs[start:end]):
            out.append((start, end))
            limit = start
        i = start - 1
    return sorted(out)


def merge_known_organisations(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Runs of words that spell an organisation of the gazetteer become one `nt` word
    (国防/n 大学/n -> 国防大学/nt), as the segmenter will cut them at run time."""
    from pipeline.nlp.gazetteer import organisation_names
    names = _name_set(organisation_names())
    out: list[tuple[str, str]] = []
    i, n = 0, len(pairs)
    while i < n:
        best = 0
        joined = pairs[i][0]
        for j in range(i + 1, min(n, i + 6)):
            joined += pairs[j][0]
            if joined in names:
                best = j
        if best:
            out.append(("".join(w for w, _ in pairs[i:best + 1]), "nt"))
            i = best + 1
        else:
            out.append(pairs[i])
            i += 1
    return out


@functools.lru_cache(maxsize=1)
def _name_set(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(names)


def news_entities(pairs: list[tuple[str, str]]) -> tuple[str, list[Span]]:
    """Text of a (name-merged) line and its entity spans in the news convention."""
    pairs = merge_known_organisations(pairs)
    offsets = []
    pos_ = 0
    for word, _ in pairs:
        offsets.append(pos_)
        pos_ += len(word)
    offsets.append(pos_)
    text = "".join(w for w, _ in pairs)
    taken = [False] * len(pairs)
    spans: list[Span] = []
    n = len(pairs)
    for a, b in compound_orgs(pairs):
        if any(taken[a:b]):
            continue
        spans.append((offsets[a], offsets[b], "ORG"))
        for k in range(a, b):
            taken[k] = True
    # 香港/ns 特别/a 行政区/n and 香港/ns 特区/n are one GPE
    for k in range(n - 1):
        if pairs[k][1] != "ns" or taken[k]:
            continue
        if pairs[k + 1][0] == "特区":
            width = 2
        elif k + 2 < n and pairs[k + 1][0] == "特别" and pairs[k + 2][0] == "行政区":
            width = 3
        else:
            continue
        if not any(taken[k:k + width]):
            spans.append((offsets[k], offsets[k + width], "GPE"))
            for j in range(k, k + width):
                taken[j] = True
    for k, (word, tag) in enumerate(pairs):
        if taken[k]:
            continue
        label = None
        if tag == "nr":
            label = "PERSON"
        elif tag == "ns":
            label = place_label(word)
        elif tag == "nt":
            label = "ORG"
        elif tag == "j":
            if len(word) == 1 and word in PLACE_ABBREVIATIONS:
                label = "GPE"
            elif is_org_abbreviation(word):
                label = "ORG"
            elif place_label(word) == "LOC":
                label = "LOC"  # 拉美/j, 亚太地区/j
        if label:
            spans.append((offsets[k], offsets[k + 1], label))
    return text, sorted(spans)
