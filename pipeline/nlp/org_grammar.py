"""Organisation names built by grammar over the segmenter's words and the tagger's names.

The tagger finds most names, but long and nested organisations (a place, a parent body, a
sub-unit, an organisation-type head word) are rare in its training text and come out in pieces
(杭州市|工商局 商标 管理所) or run together (中国石油总公司中国煤炭总公司).  The words of a
text, with the tagger's names merged into one word each and tagged like the corpus (PERSON nr,
GPE/LOC ns, ORG nt), go through the grammar that derives compound organisations from People's
Daily 1998 (`corpus_labels.compound_orgs`: name-like words closed by an organisation head word),
which both repairs the tagger's organisations and joins the pieces it left.
"""
from __future__ import annotations

from bisect import bisect_left

from pipeline.nlp.corpus_labels import compound_orgs, in_org_body
from pipeline.nlp.orgs import (CONGRESS_RE, HEAD_WORDS, PLACE_ABBREVIATIONS, is_description,
                               is_org_abbreviation, is_standalone_org)
from pipeline.nlp.corpus_split import place_label

Token = tuple[int, int, str]
Entity = tuple[int, int, str]
_NAME_TAG = {"PERSON": "nr", "GPE": "ns", "LOC": "ns", "ORG": "nt"}


# administrative words that make a place name longer (新疆/ns 维吾尔/nz 自治区/n)
ADMINISTRATIVE = frozenset("自治区 自治州 自治县 自治旗 特别行政区 特区 地区 省 市 县 区 州".split())
# words whose last one ends an organisation only inside a name (a loose verb or particle makes
# a tagger span suspect: X学校|参加|Y中学)
_NOT_LAST = frozenset("q m v p u d c r f t w y e o Tg Vg Dg".split())


def units(text: str, tokens: list[Token], spans: list[Entity]) -> list[Token]:
    """The words with every name span as one word tagged by its label (nr, ns, nt), and a place
    followed by administrative words as one place (新疆维吾尔自治区)."""
    from pipeline.nlp.entities import retokenize
    named = [(s, e, lab) for s, e, lab in spans if lab in _NAME_TAG]
    words = retokenize(tokens, named)
    at = {(s, e): _NAME_TAG[lab] for s, e, lab in named}
    out: list[Token] = []
    for s, e, t in words:
        t = at.get((s, e), t)
        if out and out[-1][2] == "ns" and out[-1][1] == s and text[s:e] in ADMINISTRATIVE:
            out[-1] = (out[-1][0], e, "ns")
        elif (len(out) >= 2 and out[-2][2] == "ns" and out[-1][2] == "nz" and out[-1][1] == s
              and out[-2][1] == out[-1][0] and text[s:e] in ADMINISTRATIVE):
            out[-2:] = [(out[-2][0], e, "ns")]
        else:
            out.append((s, e, t))
    return out


def within(items: list[Entity], starts: list[int], s: int, e: int) -> list[Entity]:
    """The items inside [s, e), in order; `items` sorted by start, `starts` their starts (a
    bisection, not a scan: long texts hold thousands of spans)."""
    out: list[Entity] = []
    for k in range(bisect_left(starts, s), len(items)):
        if items[k][0] >= e:
            break
        if items[k][1] <= e:
            out.append(items[k])
    return out


def grammar_spans(text: str, words: list[Token]) -> list[Entity]:
    """ORG spans of the grammar over `words`; a name never runs over whitespace."""
    out: list[Entity] = []
    start = 0
    for k in range(1, len(words) + 1):
        if k == len(words) or words[k][0] != words[k - 1][1]:
            run = words[start:k]
            pairs = [(text[s:e], t) for s, e, t in run]
            out += [(run[a][0], run[b - 1][1], "ORG") for a, b in compound_orgs(pairs)]
            start = k
    return out


def _repair(text: str, tokens: list[Token], spans: list[Entity]) -> list[Entity]:
    """A tagger organisation the grammar reads as two names, as a name and a loose verb
    (X学校|参加|Y中学), or as a school after higher places (湖北省|宜昌市第一中学), is cut."""
    others = [sp for sp in spans if sp[2] != "ORG"]
    words = units(text, tokens, others)
    found = grammar_spans(text, words)
    found_starts, word_starts = [g[0] for g in found], [w[0] for w in words]
    out = list(others)
    for s, e, label in spans:
        if label != "ORG":
            continue
        inside = within(found, found_starts, s, e)
        inner = within(words, word_starts, s, e)
        loose = any(not in_org_body(text[a:b], t) for a, b, t in inner)
        lead = inside and inside[-1][1] == e and inside[0][0] > s and all(
            t == "ns" for a, b, t in inner if b <= inside[0][0])
        bad_end = len(inner) >= 2 and inner[-1][2] in _NOT_LAST
        common = is_description([(text[a:b], t) for a, b, t in inner])
        if len(inside) >= 2 or (inside and (loose or bad_end)) or (len(inside) == 1 and lead):
            out += inside
            if lead:  # the higher places stay places
                out += [(a, b, place_label(text[a:b])) for a, b, t in inner
                        if b <= inside[0][0] and t == "ns"]
        elif bad_end:  # 乌干达|部 份: the places in it stay places
            out += [(a, b, place_label(text[a:b])) for a, b, t in inner if t == "ns"]
        elif not common:  # 委员会会议, 社会组织: common nouns alone name no body
            out.append((s, e, label))
    return sorted(out)


# head words that open descriptions as often as names (国家 高新区, 国际 组织, 全国 重点 中学);
# the others open names of bodies even without a proper noun (省 工商局, 人民军 总政治局)
DESCRIPTIVE_OPENERS = frozenset("全国 国家 中央 国际 世界 人民 民主 共产 地区 特区".split())


def _names_something(word: str, tag: str) -> bool:
    """A word that is a name: a person, place, organisation or other proper noun, or an
    abbreviation of a body or of places (not 党群/j, 八大/j)."""
    if tag in ("ns", "nr", "nz", "nx", "nt"):
        return True
    return tag == "j" and (is_org_abbreviation(word) and not CONGRESS_RE.fullmatch(word)
                           or all(c in PLACE_ABBREVIATIONS for c in word))


def revise(text: str, tokens: list[Token], spans: list[Entity]) -> list[Entity]:
    """The tagger's name spans with organisations repaired and grown by the grammar.  A grammar
    name replaces the tagger's names inside it (杭州市|教育局少儿艺术团); where the tagger found
    nothing, it is taken only when it holds a name (国家 高新区 is a description) or is a party or
    agency word of its own (社会民主党, 地震局)."""
    spans = _repair(text, tokens, spans)
    words = units(text, tokens, spans)
    ordered = sorted(spans)
    ordered_starts, word_starts = [sp[0] for sp in ordered], [w[0] for w in words]
    taken: list[Entity] = []
    for s, e, _ in grammar_spans(text, words):
        covered = within(ordered, ordered_starts, s, e)
        if len(covered) == 1 and covered[0][:2] == (s, e):
            continue
        inner = within(words, word_starts, s, e)
        if not covered:
            if len(inner) == 1:
                if not is_standalone_org(text[s:e]):
                    continue
            elif not (any(_names_something(text[a:b], t) or is_standalone_org(text[a:b])
                          for a, b, t in inner)
                      or text[inner[0][0]:inner[0][1]] in HEAD_WORDS - DESCRIPTIVE_OPENERS):
                continue
        taken.append((s, e, "ORG"))
    replaced = {sp for g in taken for sp in within(ordered, ordered_starts, g[0], g[1])}
    result = [sp for sp in ordered if sp not in replaced]
    return sorted(result + taken)
