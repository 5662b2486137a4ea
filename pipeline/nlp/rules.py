"""Newspaper rules for entities: bylines, `（以下简称X）` aliases, organisation suffixes, 《》 titles
and DATE patterns.  Everything works on character offsets and (start, end, pos) tokens."""
from __future__ import annotations

from typing import Iterable

import regex

Span = tuple[int, int, str]

LAW_WORDS = ("办法", "规定", "条例", "规划", "方案", "意见", "法", "细则", "决定", "通知", "纲要",
             "规则", "准则", "制度", "章程", "公约", "协定", "条约", "指南", "标准", "政策", "措施")
TITLE_RE = regex.compile(r"《([^《》\n]{1,60})》")
ALIAS_RE = regex.compile(r"[（(]以下(?:简称|称)[“\"「]?([^）)”\"」，,、\s]{1,15})[”\"」]?[）)]")

_CN = "〇○零一二三四五六七八九"
_CNM = "一二三四五六七八九十"
_NUM_YEAR = rf"(?:[0-9０-９]{{4}}|[{_CN}]{{4}})年"
_NUM_MONTH = rf"(?:[0-9０-９]{{1,2}}|[{_CNM}]{{1,3}})月"
_NUM_DAY = rf"(?:[0-9０-９]{{1,2}}|[{_CNM}]{{1,3}})[日号]"
DATE_RE = regex.compile(
    rf"{_NUM_YEAR}(?:{_NUM_MONTH}(?:{_NUM_DAY})?)?(?:[初底末])?"
    rf"|(?<![0-9０-９{_CNM}])(?:{_NUM_MONTH}{_NUM_DAY}|[0-9０-９]{{1,2}}月(?![0-9０-９]))"
    rf"|[0-9０-９]{{2,4}}年代"
)

MIN_LEN = {"PERSON": 2, "GPE": 1, "LOC": 2, "ORG": 2}
# a one-character surname is a PERSON when a title follows (江主席, 周总理, 钟小姐, 韩老师)
TITLES_AFTER_SURNAME = ("主席", "总理", "书记", "委员长", "部长", "省长", "市长", "县长", "局长", "厂长",
                        "经理", "主任", "总", "老师", "师傅", "教授", "医生", "大夫", "先生", "小姐",
                        "女士", "大爷", "大娘", "大妈", "老汉", "同志", "队长", "班长", "校长", "院长")


# no surname is a numeral (万 is, and stays out of this set)
_NUMERAL_START = frozenset("〇零一二两三四五六七八九十百千亿几数")


# names of people and places are Han characters (a foreign name's · inside); organisations may
# hold Latin letters and digits (VOA, 3M公司) but no punctuation other than · - &
_NAME_RE = regex.compile(r"\p{Han}+(?:[·•]\p{Han}+)*")
_ORG_RE = regex.compile(r"[\p{Han}\p{Latin}0-9０-９Ａ-Ｚａ-ｚ]+(?:[·&\-＆][\p{Han}\p{Latin}0-9０-９]+)*")


def keep_model_span(text: str, sp: Span) -> bool:
    s, e, label = sp
    piece = text[s:e]
    if label == "PERSON" and piece[0] in _NUMERAL_START:
        return False  # 七成, 三成 (amounts), not people
    if not (_ORG_RE if label == "ORG" else _NAME_RE).fullmatch(piece):
        return False
    if label in ("GPE", "LOC") and text.startswith(("杯", "牌"), e):
        return False  # 安康杯 (a contest), 长城牌 (a brand)
    if e - s >= MIN_LEN.get(label, 1):
        return True
    return label == "PERSON" and text.startswith(TITLES_AFTER_SURNAME, e)


def title_spans(text: str) -> list[Span]:
    out = []
    for m in TITLE_RE.finditer(text):
        inner = m.group(1).strip()
        if not inner:
            continue
        label = "LAW" if inner.endswith(LAW_WORDS) else "WORK_OF_ART"
        out.append((m.start(1), m.end(1), label))
    return out


def date_spans(text: str) -> list[Span]:
    return [(m.start(), m.end(), "DATE") for m in DATE_RE.finditer(text)]


def byline_spans(text: str, byline: Iterable[str]) -> list[Span]:
    out = []
    for name in byline:
        name = (name or "").strip()
        # A name with a blank or control character inside is no single entity span.
        if not name or len(name) > 12 or any(ch.isspace() for ch in name):
            continue
        for m in regex.finditer(regex.escape(name), text):
            out.append((m.start(), m.end(), "PERSON"))
    return out


def alias_spans(text: str, spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """(full-name spans, alias mention spans) from `X（以下简称Y）`; Y takes X's label."""
    fulls, aliases = [], []
    for m in ALIAS_RE.finditer(text):
        alias = m.group(1)
        before = m.start()
        full = [sp for sp in spans if sp[1] == before]
        if full:
            full_span = max(full, key=lambda sp: sp[1] - sp[0])
        else:
            continue
        label = full_span[2]
        fulls.append(full_span)
        for a in regex.finditer(regex.escape(alias), text):
            aliases.append((a.start(), a.end(), label))
    return fulls, aliases


def resolve(candidates: list[tuple[int, Span]], length: int) -> list[Span]:
    """Greedy non-overlapping selection: lower priority number first, then longer spans."""
    taken = bytearray(length + 1)
    chosen: list[Span] = []
    for _, (s, e, label) in sorted(candidates, key=lambda c: (c[0], -(c[1][1] - c[1][0]), c[1][0])):
        if s >= e or any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append((s, e, label))
    return sorted(chosen)


ENUM_ORG_RE = regex.compile(r"(\p{Han}{2,10}(?:、\p{Han}{2,8})*)等(?:[0-9０-９]+[家个户])?"
                            r"(?:企业|公司|单位|厂家|集团|工厂|银行)")
_LEAD_FUNCTION = set("将在把对向与和及由让使从如像为是有")
ENTITY_TAGS = frozenset({"ns", "nt", "nr", "nz", "j"})


def enum_org_spans(text: str, tags: dict) -> list[Span]:
    """Names listed before 等企业/等公司 (海尔、长虹等12家企业) are organisations, unless an item is
    an ordinary dictionary word (钢铁、化工等企业)."""
    out = []
    for m in ENUM_ORG_RE.finditer(text):
        pos = m.start(1)
        for k, item in enumerate(m.group(1).split("、")):
            start, name = pos, item
            pos += len(item) + 1
            if k == 0:
                cut = max((i for i, c in enumerate(name) if c in _LEAD_FUNCTION), default=-1)
                if cut >= 0 and len(name) - cut - 1 >= 2:
                    name, start = name[cut + 1:], start + cut + 1
                if len(name) > 6:
                    continue
            tag = tags.get(name)
            if tag and tag not in ENTITY_TAGS:
                continue
            if 2 <= len(name) <= 8:
                out.append((start, start + len(name), "ORG"))
    return out
