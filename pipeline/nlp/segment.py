"""Word segmentation: a private jieba.Tokenizer with the 1998 People's Daily training dictionary,
the domain dictionary and a number/unit regex pre-pass.

`Segmenter.segment(text)` -> [(start, end, pos)] tiling `text` apart from whitespace.  POS comes
from the dictionary (most frequent tag in the training split), not from slow jieba.posseg.
"""
from __future__ import annotations

import functools
import gzip
import logging
from math import log
from pathlib import Path

import jieba
import regex

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SEG_DICT = RESOURCES / "seg_dict.txt.gz"
DOMAIN_DICT = RESOURCES / "domain_dict.txt"

jieba.setLogLevel(logging.WARNING)
logging.getLogger("jieba").setLevel(logging.WARNING)

# full-width ASCII -> half-width, one char for one char, so offsets are unchanged
_FW = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FW[0x3000] = 0x20

_NUM = r"[0-9]+(?:[.,][0-9]+)*"
_CNY = r"[〇○零一二三四五六七八九]{2,4}"
_UNIT = (r"(?:万元|亿元|千元|元|美元|港元|欧元|日元|吨|公斤|千克|克|平方公里|平方米|立方米|公里|千米|厘米|"
         r"毫米|米|亩|公顷|千瓦时|千瓦|兆瓦|升)")
_PER = r"(?:月|年|日|天|小时|吨|人|公斤|亩|平方米|台|户)"
NUMBER_RE = regex.compile(
    rf"(?:{_NUM}|{_CNY})年"                         # 1997年, 一九九八年
    rf"|[0-9]{{1,2}}月[0-9]{{1,2}}[日号]"           # 10月20日
    rf"|{_NUM}(?:[%‰]"                              # 23.4%
    rf"|(?:[万亿千百]+)?{_UNIT}(?:/{_PER})?"         # 42.7万元, 1500吨/月
    rf"|[万亿]+"                                     # 25万
    rf"|[月日号时]"                                   # 12月, 31日
    rf")?"
)
_DATE_TOKEN = regex.compile(r"[0-9〇○零一二三四五六七八九]+年|[0-9]{1,2}月(?:[0-9]{1,2}[日号])?|[0-9]{1,2}[日号]")
_NUMERAL_WORD = regex.compile(r"[〇○零一二三四五六七八九十百千万亿两几数半]+(?:分之[〇○零一二三四五六七八九十百千]+|分点)?")
_PUNCT = regex.compile(r"[\p{P}\p{S}]+")
_ALNUM = regex.compile(r"[A-Za-z]+")


# jieba's tags that People's Daily spells otherwise
_JIEBA_TAGS = {"nrt": "nr", "nrfg": "nr", "eng": "nx", "x": "n", "zg": "n", "mq": "m", "vg": "v",
               "ag": "a", "tg": "t", "ng": "n", "g": "n", "rg": "r", "rr": "r", "rz": "r", "ug": "u",
               "uj": "u", "ul": "u", "uv": "u", "uz": "u", "ud": "u", "df": "d", "yg": "y", "vi": "v",
               "vq": "v"}
# an organisation name from the gazetteer beats the words it is made of (中央|电视台)
GAZETTEER_FREQ = 20


def _load_dict(path: Path, opener=open) -> list[tuple[str, int, str]]:
    rows = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) >= 2:
                rows.append((parts[0], int(parts[1]), parts[2] if len(parts) > 2 else "n"))
    return rows


def base_rows(seg_dict: Path = SEG_DICT, domain_dict: Path | None = DOMAIN_DICT
              ) -> list[tuple[str, int, str]]:
    rows = _load_dict(seg_dict, gzip.open)
    if domain_dict and Path(domain_dict).exists():
        rows += _load_dict(domain_dict)
    return rows


class RouteTokenizer(jieba.Tokenizer):
    """jieba's accurate mode without HMM, word for word jieba's cut, with the word graph and
    the best route through it computed in one right-to-left pass: no DAG dictionary and no
    generator per character (jieba's `get_DAG` + `calc` were a fifth of the NLP stage)."""

    def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        if cut_all or HMM or use_paddle:
            yield from super().cut(sentence, cut_all, HMM, use_paddle)
            return
        han, skip = jieba.re_han_default, jieba.re_skip_default  # jieba.cut's own splitting
        for block in han.split(jieba.strdecode(sentence)):
            if not block:
                continue
            if han.match(block):
                yield from self._cut_block(block)
                continue
            for piece in skip.split(block):
                if skip.match(piece):
                    yield piece
                else:
                    yield from piece

    def _cut_block(self, sentence: str):
        """jieba's `__cut_DAG_NO_HMM`: the same scores, summed in the same order, and the same
        tie-break (the longer word), so the same words."""
        freq, n = self.FREQ, len(sentence)
        logtotal = log(self.total)
        route: list[tuple[float, int]] = [(0, 0)] * (n + 1)
        for k in range(n - 1, -1, -1):
            best = None
            i, frag = k, sentence[k]
            while i < n and frag in freq:
                count = freq[frag]
                if count:
                    candidate = (log(count) - logtotal + route[i + 1][0], i)
                    if best is None or candidate > best:
                        best = candidate
                i += 1
                frag = sentence[k:i + 1]
            if best is None:  # no word starts here: the character alone
                best = (log(freq.get(sentence[k]) or 1) - logtotal + route[k + 1][0], k)
            route[k] = best
        english = jieba.re_eng
        x, buffer = 0, ""
        while x < n:
            y = route[x][1] + 1
            word = sentence[x:y]
            if len(word) == 1 and english.match(word):
                buffer += word
            else:
                if buffer:
                    yield buffer
                    buffer = ""
                yield word
            x = y
        if buffer:
            yield buffer


def _tokenizer(freq: dict[str, int]) -> jieba.Tokenizer:
    """A private jieba.Tokenizer over `freq` (no cache file, the global jieba untouched)."""
    total = 0
    pfdict: dict[str, int] = {}
    for word, count in freq.items():
        pfdict[word] = count
        total += count
        for i in range(1, len(word)):
            pfdict.setdefault(word[:i], 0)
    tok = RouteTokenizer(dictionary=None)
    tok.FREQ, tok.total, tok.initialized = pfdict, total, True
    return tok


@functools.lru_cache(maxsize=1)
def _general_segmenter() -> tuple[jieba.Tokenizer, dict[str, str]]:
    from pipeline.nlp.gazetteer import general_dictionary
    freq, tags = general_dictionary()
    return _tokenizer(freq), {w: _JIEBA_TAGS.get(t, t) for w, t in tags.items()}


_SINGLE_HAN = regex.compile(r"\p{Han}")
# numerals, measures and dates stay single for the fact extractor (一|两|首, 三|四|家)
_KEEP_SINGLE = frozenset({"m", "q", "t", "w"})


def _recut_tag(word: str, tag: str) -> str:
    """jieba tags some ordinary words as organisations (大格局/nt): an `nt` word keeps its tag
    only when it is shaped like an organisation name (pipeline.nlp.gazetteer)."""
    if tag == "nt":
        from pipeline.nlp.gazetteer import is_organisation_entry
        return tag if is_organisation_entry(word) else "n"
    return tag


class Segmenter:
    """`rows` (word, frequency, POS) replace the shipped dictionaries (training builds one per
    fold); organisation names from jieba's general dictionary are added either way."""

    def __init__(self, seg_dict: Path = SEG_DICT, domain_dict: Path | None = DOMAIN_DICT,
                 hmm: bool = False, rows: list[tuple[str, int, str]] | None = None,
                 organisations: bool = True, general: bool = True):
        self.hmm = hmm
        if rows is None:
            rows = base_rows(seg_dict, domain_dict)
        freq: dict[str, int] = {}
        self.tags: dict[str, str] = {}
        for word, count, tag in rows:
            freq[word] = max(freq.get(word, 0), count)
            self.tags[word] = tag
        if organisations:
            from pipeline.nlp.gazetteer import organisation_names
            for word in organisation_names():
                if word not in freq:
                    freq[word] = GAZETTEER_FREQ
                    self.tags[word] = "nt"
        self.tokenizer = _tokenizer(freq)
        # jieba's general vocabulary re-cuts only runs of single characters the first pass
        # left (入|驻 -> 入驻, 一|块 -> 一块): words the corpus dictionary knows keep their cut
        self.general = _general_segmenter() if general else None
        self._pos_cache: dict[str, str] = {}

    def add_word(self, word: str, freq: int = 1000, tag: str = "n") -> None:
        self.tokenizer.add_word(word, freq, tag)
        self.tags[word] = tag
        self._pos_cache.pop(word, None)

    def _pos(self, word: str) -> str:
        tag = self._pos_cache.get(word)
        if tag is None:
            if len(self._pos_cache) > 500_000:  # bounded memory on endless input
                self._pos_cache.clear()
            tag = self._pos_cache[word] = self._pos_uncached(word)
        return tag

    def _pos_uncached(self, word: str) -> str:
        if _NUMERAL_WORD.fullmatch(word):
            return "m"
        tag = self.tags.get(word)
        if tag:
            return tag
        if word[0].isdigit():
            return "m"
        if _PUNCT.fullmatch(word):
            return "w"
        if _ALNUM.fullmatch(word):
            return "nx"
        return "n"

    def _cut(self, chunk: str, offset: int, out: list) -> None:
        pos = offset
        tag_of = self._pos
        append = out.append
        for word in self.tokenizer.cut(chunk, HMM=self.hmm):
            end = pos + len(word)
            if not word.isspace():
                append((pos, end, tag_of(word)))
            pos = end

    def segment(self, text: str) -> list[tuple[int, int, str]]:
        norm = text.translate(_FW)
        out: list[tuple[int, int, str]] = []
        last = 0
        for match in NUMBER_RE.finditer(norm):
            start, end = match.span()
            if start > last:
                self._cut(norm[last:start], last, out)
            word = match.group()
            out.append((start, end, "t" if _DATE_TOKEN.fullmatch(word) else "m"))
            last = end
        if last < len(norm):
            self._cut(norm[last:], last, out)
        if self.general is not None:
            out = self._recut_single_characters(norm, out)
        return out

    def _recut_single_characters(self, norm: str, tokens: list) -> list:
        tokenizer, tags = self.general
        out: list = []
        i, n = 0, len(tokens)
        while i < n:
            j = i
            while (j < n and tokens[j][1] - tokens[j][0] == 1 and (j == i or tokens[j][0] ==
                   tokens[j - 1][1]) and tokens[j][2] not in _KEEP_SINGLE
                   and _SINGLE_HAN.match(norm, tokens[j][0])):
                j += 1
            if j - i < 2:
                out.append(tokens[i])
                i += 1
                continue
            pos = tokens[i][0]
            for word in tokenizer.cut(norm[pos:tokens[j - 1][1]], HMM=False):
                end = pos + len(word)
                out.append((pos, end, _recut_tag(word, tags.get(word, "n")) if len(word) > 1
                            else tokens[i + (pos - tokens[i][0])][2]))
                pos = end
            i = j
        return out

    def words(self, text: str) -> list[str]:
        return [text[s:e] for s, e, _ in self.segment(text)]
