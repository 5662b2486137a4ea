"""Place names longer than the tagger's spans, by the news convention of the out-of-domain gold:
the official full names used abroad and in sport (中国 + 香港 / 澳门 / 台北, with 特别行政区 or
特区), a direction before an ocean or continent (西 + 太平洋, 东 + 非), 之角 after a continent
(X洲之角), and world-region words the tagger may miss (亚太地区, 中东)."""
from __future__ import annotations

import regex

from pipeline.nlp.corpus_split import place_label

Entity = tuple[int, int, str]

# regions that take 中国 before them in their official names abroad
_FULL_NAME_PARTS = ("香港", "澳门", "台北")
_SAR = ("特别行政区", "特区")
_DIRECTIONS = "东西南北中"
# a world region, optionally followed by 地区 (亚太地区, 中东地区, 东北亚)
REGION_RE = regex.compile(
    r"(?:东南亚|西南亚|东北亚|中东|近东|远东|亚太|印太|拉美|拉丁美洲|加勒比|巴尔干)(?!部)(?:地区)?")


def full_place_names(text: str, spans: list[Entity]) -> list[Entity]:
    """中国 right before 香港 / 澳门 / 台北 (and its 特别行政区) is one GPE."""
    out: list[Entity] = []
    for s, e, label in sorted(spans):
        if (out and out[-1][2] == "GPE" and text[out[-1][0]:out[-1][1]] == "中国"
                and out[-1][1] == s and label == "GPE" and text.startswith(_FULL_NAME_PARTS, s)):
            s = out.pop()[0]
        out.append((s, e, label))
    return out


def grow_places(text: str, spans: list[Entity], taken: list[Entity]) -> list[Entity]:
    """A LOC grows by a direction character before it when that character is free (西太平洋) and
    by 之角 after it (X洲之角); `taken` are spans of other kinds it must not run into."""
    busy = set()
    for s, e, _ in list(spans) + list(taken):
        busy.update(range(s, e))
    out = []
    for s, e, label in spans:
        if label == "LOC":
            if (s > 0 and text[s - 1] in _DIRECTIONS and s - 1 not in busy
                    and (s < 2 or not regex.match(r"\p{Han}", text[s - 2]) or text[s - 2] in "在向和与的、")):
                s -= 1
            if text.startswith("之角", e):
                e += 2
        out.append((s, e, label))
    return out


def region_spans(text: str) -> list[Entity]:
    """World-region words as LOC (labelled by corpus_split.place_label)."""
    out = []
    for m in REGION_RE.finditer(text):
        word = m.group()
        core = word[:-2] if word.endswith("地区") else word
        if place_label(core) == "LOC":
            out.append((m.start(), m.end(), "LOC"))
    return out
