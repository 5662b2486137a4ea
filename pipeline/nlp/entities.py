"""Segmentation + statistical tagger + newspaper rules -> tokens and entities, for any text.

Texts are cut into blocks of at most BLOCK characters (at a line break or sentence end when
possible); the segmenter and the tagger see one block at a time, the regex rules the whole text,
so every step is linear in the text's length and offsets always index the whole text.
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

import regex

from pipeline.nlp import org_grammar, places, rules
from pipeline.nlp.corpus_split import place_label
from pipeline.nlp.orgs import is_continuation_word, is_suffix_word
from pipeline.nlp.person_names import looks_like_name
from pipeline.nlp.segment import Segmenter
from pipeline.nlp.tagger import FORCED_OUTSIDE, MODEL_PATH, LinearChainTagger

Token = tuple[int, int, str]
Entity = tuple[int, int, str]

BLOCK = 20_000
ENTITY_TAG = {"PERSON": "nr", "GPE": "ns", "LOC": "ns", "ORG": "nt", "DATE": "t"}
_NAME_TAGS = frozenset({"nr", "ns", "nt", "nz", "j"})
# words that make a place name longer (加沙地带, 香港特区) or, after a place, an organisation
PLACE_CONTINUATIONS = frozenset({"地带", "特区", "特别行政区"})
ORG_AFTER_PLACE = frozenset({"队", "党"})
_BLOCK_END = regex.compile(r"\n|[。！？]")
# dictionary tags of words that are not names when the tagger calls them PERSON (周二/t, 一起/d)
NOT_NAME_TAGS = frozenset("t m q d p c u f r v a ad y e o Tg".split())
NOT_NAME_MIN_FREQ = 20


def blocks(text: str, size: int = BLOCK) -> list[tuple[int, int]]:
    """(start, end) pieces of at most `size` characters covering `text`, cut after a line break
    or sentence end in the second half of the window when there is one."""
    out, start, n = [], 0, len(text)
    while n - start > size:
        window = text[start + size // 2:start + size]
        cut = None
        for m in _BLOCK_END.finditer(window):
            cut = m.end()
        end = start + size // 2 + cut if cut else start + size
        out.append((start, end))
        start = end
    if start < n or not out:
        out.append((start, n))
    return out


def clean(text: str, spans: Iterable[Entity]) -> list[Entity]:
    """Drop spans that are empty, out of bounds or hold whitespace, a line break or `、`."""
    out = []
    for s, e, label in spans:
        if 0 <= s < e <= len(text) and not any(ch in _NEVER_INSIDE for ch in text[s:e]):
            out.append((s, e, label))
    return out


_NEVER_INSIDE = frozenset(" \t\n\r\u3000\u00a0\u2028\u2029\x0b\x0c、") | frozenset(
    ch for ch in FORCED_OUTSIDE if ch.isspace())


def _snap(tokens: list[Token], starts: list[int], sp: Entity) -> Entity:
    """Grow a tagger span to the dictionary name token it cuts (小渊惠|三 -> 小渊惠三)."""
    s, e, label = sp
    i = bisect_right(starts, s) - 1
    if i >= 0 and tokens[i][0] < s < tokens[i][1] and tokens[i][2] in _NAME_TAGS:
        s = tokens[i][0]
    i = bisect_right(starts, e) - 1
    if i >= 0 and tokens[i][0] < e < tokens[i][1] and tokens[i][2] in _NAME_TAGS:
        e = tokens[i][1]
    return (s, e, label)


def retokenize(tokens: list[Token], ents: list[Entity]) -> list[Token]:
    """Each entity becomes one token tagged by its label; tokens it cuts are split at its edges.
    One pass over tokens and entities (both sorted; entities hold no whitespace)."""
    if not ents:
        return list(tokens)
    out: list[Token] = []
    i, n = 0, len(tokens)
    cur = tokens[0] if tokens else None  # the current token, or what is left of it
    for s, e, label in ents:
        while cur is not None and cur[1] <= s:
            out.append(cur)
            i += 1
            cur = tokens[i] if i < n else None
        if cur is not None and cur[0] < s:
            out.append((cur[0], s, cur[2]))
        out.append((s, e, ENTITY_TAG.get(label, cur[2] if cur else "n")))
        while cur is not None and cur[1] <= e:
            i += 1
            cur = tokens[i] if i < n else None
        if cur is not None and cur[0] < e:
            cur = (e, cur[1], cur[2])
    while cur is not None:
        out.append(cur)
        i += 1
        cur = tokens[i] if i < n else None
    return out


def _token_at(tokens: list[Token], starts: list[int], pos: int) -> int:
    """Index of the token starting at `pos`, or -1."""
    i = bisect_right(starts, pos) - 1
    return i if 0 <= i < len(tokens) and tokens[i][0] == pos else -1


def join_organisations(text: str, spans: list[Entity], tokens: list[Token]) -> list[Entity]:
    """The longest printed name: a place right before an organisation belongs to it (中国|财政部,
    菲律宾|国家统计局), an organisation word right after one extends it (公安部|消防局), a place
    followed by a word that closes organisation names is one (中国|共产党, 中国|队), and a place
    followed by 地带 or 特区 is one place (加沙|地带, 香港|特区)."""
    starts = [t[0] for t in tokens]
    out: list[Entity] = []
    for s, e, label in spans:
        i = _token_at(tokens, starts, e)
        if label == "GPE" and i >= 0 and (not out or out[-1][1] <= s):
            word, tag = text[tokens[i][0]:tokens[i][1]], tokens[i][2]
            if word in PLACE_CONTINUATIONS:
                e, i = tokens[i][1], _token_at(tokens, starts, tokens[i][1])
            elif e - s >= 2 and tag in ("n", "nt") and (is_suffix_word(word) and len(word) >= 2
                                                     or word in ORG_AFTER_PLACE):
                label = "ORG"
        if label == "ORG":
            if out and out[-1][1] == s and out[-1][2] == "GPE" and out[-1][1] - out[-1][0] >= 2:
                s = out.pop()[0]
            while i >= 0 and is_continuation_word(text[tokens[i][0]:tokens[i][1]], tokens[i][2]):
                e = tokens[i][1]
                i = _token_at(tokens, starts, e)
        out.append((s, e, label))
    return out


# function words never sit inside a place name (实行 特/d 岗 特/d 薪 is no place)
_NOT_IN_PLACES = frozenset("d p c u y e o".split())


def is_place(text: str, tokens: list[Token], starts: list[int], sp: Entity) -> bool:
    """A tagger GPE/LOC span holds no adverb, preposition, conjunction or particle word (特别
    of 特别行政区 aside)."""
    s, e, _ = sp
    lo = bisect_right(starts, s) - 1 if tokens else 0
    for k in range(max(lo, 0), len(tokens)):  # by index: a slice would copy the rest of the text
        a, b, tag = tokens[k]
        if a >= e:
            break
        if b > s and tag in _NOT_IN_PLACES and (a, b) != (s, e) and text[a:b] != "特别":
            return False
    return True


class EntityFinder:
    def __init__(self, segmenter: Segmenter | None = None, tagger: LinearChainTagger | None = None):
        self.segmenter = segmenter or Segmenter()
        self.tagger = tagger if tagger is not None else (
            LinearChainTagger.load(MODEL_PATH) if MODEL_PATH.exists() else None)

    def segment(self, text: str) -> list[Token]:
        out: list[Token] = []
        for s, e in blocks(text):
            out += [(a + s, b + s, t) for a, b, t in self.segmenter.segment(text[s:e])]
        return out

    def model_spans(self, text: str, tokens: list[Token]) -> list[Entity]:
        """Tagger spans, block by block, snapped to the name tokens they cut."""
        if self.tagger is None:
            return []
        out: list[Entity] = []
        starts = [t[0] for t in tokens]
        parts = blocks(text)
        if len(parts) == 1:
            out = self.tagger.spans(text, tokens)
        for s, e in parts if len(parts) > 1 else ():
            lo, hi = bisect_right(starts, s - 1), bisect_right(starts, e - 1)
            block_tokens = [(a - s, b - s, t) for a, b, t in tokens[lo:hi]]
            out += [(a + s, b + s, lab) for a, b, lab in self.tagger.spans(text[s:e], block_tokens)]
        return clean(text, [_snap(tokens, starts, sp) for sp in out])

    def is_person(self, text: str, sp: Entity, starts: set[int], ends: set[int]) -> bool:
        """A tagger PERSON span that is a name: one the corpus tags nr, one in a list of names
        or before a title, or one shaped like a name (pipeline.nlp.person_names); not a word the
        dictionaries know as a time, number, verb or function word (周二, 一起)."""
        s, e, _ = sp
        name = text[s:e]
        tag = self.segmenter.tags.get(name)
        if tag == "nr":
            return True
        if text.startswith(rules.TITLES_AFTER_SURNAME, e) or rules.in_name_list(text, s, e, starts, ends):
            return True
        if tag is None:
            from pipeline.nlp.gazetteer import general_dictionary
            freq, tags = general_dictionary()
            tag = tags.get(name) if freq.get(name, 0) >= NOT_NAME_MIN_FREQ else None
        if tag in NOT_NAME_TAGS:
            return False
        return looks_like_name(name)

    def find(self, text: str, tokens: list[Token], byline: Iterable[str] = ()) -> list[Entity]:
        model = [sp for sp in self.model_spans(text, tokens) if rules.keep_model_span(text, sp)]
        starts = {s for s, _, lab in model if lab == "PERSON"}
        ends = {e for _, e, lab in model if lab == "PERSON"}
        model = [sp for sp in model if sp[2] != "PERSON" or self.is_person(text, sp, starts, ends)]
        token_starts = [t[0] for t in tokens]
        model = [sp for sp in model
                 if sp[2] not in ("GPE", "LOC") or is_place(text, tokens, token_starts, sp)]
        model = [(s, e, place_label(text[s:e])) if lab in ("GPE", "LOC") else (s, e, lab)
                 for s, e, lab in model]
        model = join_organisations(text, model, tokens)
        model = org_grammar.revise(text, tokens, model)
        model = places.grow_places(text, places.full_place_names(text, model), [])
        model = rules.resolve([(0, sp) for sp in rules.broadcaster_spans(text, model)]
                              + [(1, sp) for sp in model], len(text))
        fulls, aliases = rules.alias_spans(text, model)
        cands: list[tuple[int, Entity]] = []
        cands += [(0, sp) for sp in rules.byline_spans(text, byline)]
        cands += [(1, sp) for sp in rules.title_spans(text)]
        cands += [(1, sp) for sp in rules.enum_org_spans(text, self.segmenter.tags)]
        cands += [(2, sp) for sp in fulls]
        cands += [(3, sp) for sp in aliases]
        cands += [(3, sp) for sp in rules.latin_abbreviation_spans(text, model)]
        cands += [(5, sp) for sp in model]
        cands += [(6, sp) for sp in rules.date_spans(text)]
        cands += [(6, sp) for sp in places.region_spans(text)]
        # organisation words of the dictionary the tagger left out (国防大学/nt, 武警部队/nt)
        cands += [(7, (s, e, "ORG")) for s, e, t in tokens if t == "nt" and e - s >= 2]
        return rules.resolve([(p, sp) for p, sp in cands if clean(text, [sp])], len(text))
