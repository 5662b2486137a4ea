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

# (政府/人民政府 are left out: 阿根廷政府, 西安市政府 -> the place is the GPE, as in the corpus)
# exact token texts that end an organisation name
ORG_SUFFIX_TOKENS = frozenset(
    "公司 有限公司 有限责任公司 股份有限公司 总公司 分公司 集团 集团公司 大学 学院 医院 委员会 开发区 "
    "产业开发区 高新区 工会 总工会 中心 部 局 厅 委 办 银行 研究院 研究所 协会 学会 联合会 "
    "法院 检察院 公安局 小学 中学 党委 党工委 办公室 办公厅 管委会 出版社 报社 电视台 电台 基金会 "
    "商会 合作社 工厂 厂 站 处 署 院 社 俱乐部 出版社 通讯社 报社".split())
# weak one-character suffixes need a proper-noun head and at least 3 chars in all
WEAK_SUFFIX = frozenset("厂 站 处 署 院 社 办 委 部 局 厅 中心".split())
# a finished company name ends the left extension (中国集邮总公司|中国金币总公司)
COMPANY_END = frozenset("公司 总公司 有限公司 股份有限公司 有限责任公司 集团公司 出版社".split())
NAME_TAGS = frozenset({"ns", "nt", "nz", "j", "nx"})
BODY_TAGS = NAME_TAGS | {"n", "vn", "an", "b", "ng", "m", "a", "nr", "l"}
STOP_CHARS = set("的和与及或在是为被由将把对向从以于等各该这那其了也都又并而且但")


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
        if not name or len(name) > 12:
            continue
        for m in regex.finditer(regex.escape(name), text):
            out.append((m.start(), m.end(), "PERSON"))
    return out


def org_suffix_spans(text: str, tokens: list[Span]) -> list[Span]:
    """ORG spans ending in an organisation-suffix token, extended left over name-like tokens."""
    out = []
    for i, (s, e, pos) in enumerate(tokens):
        word = text[s:e]
        if word not in ORG_SUFFIX_TOKENS and pos != "nt":
            continue
        j = i
        has_name = False
        while j > 0 and i - j < 6:
            ps, pe, ppos = tokens[j - 1]
            prev = text[ps:pe]
            if pe != tokens[j][0] or ppos not in BODY_TAGS or any(c in STOP_CHARS for c in prev) \
                    or prev in COMPANY_END or prev.endswith("电"):
                break
            if ppos == "nr" and j - 1 < i - 1:
                break
            j -= 1
            if ppos in NAME_TAGS:
                has_name = True
        start = tokens[j][0]
        # trim leading tokens that are not part of a name (numbers, generic adjectives)
        while j < i and tokens[j][2] in {"m", "a", "t"}:
            j += 1
            start = tokens[j][0]
        if j == i:
            if pos == "nt" and len(word) >= 2:
                out.append((s, e, "ORG"))
            continue
        if not has_name and pos != "nt":
            continue
        if word in WEAK_SUFFIX and e - start < 3:
            continue
        if e - start > 25:
            continue
        out.append((start, e, "ORG"))
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
    """Names listed before 等企业/等公司 (泰丰、灵圣等23家企业) are organisations, unless an item is
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


def dictionary_spans(text: str, tokens: list[Span]) -> list[Span]:
    """Fallback: whole tokens the dictionary tags as a person or place name."""
    from pipeline.nlp.corpus_split import place_label
    out = []
    for s, e, pos in tokens:
        if pos == "nr" and 2 <= e - s <= 4:
            out.append((s, e, "PERSON"))
        elif pos == "ns" and e - s >= 2 and not text.startswith(("杯", "牌"), e):
            out.append((s, e, place_label(text[s:e])))
    return out

