"""Words for subject finding: the NLP tokens with segmentation fragments repaired.

A dictionary without a text's terms cuts them into single characters (入/驻, 靛/蓝/粉,
建/会/率) or at the wrong place (领军人/才).  Near numbers that matters, because a
subject is a chain of words.  Repairs, from general vocabulary only (jieba's own
dictionary through lexicon.py, and a list of function characters):
- two adjacent tokens, one of them a single character, that form a word of the
  general lexicon are merged (入驻, 靛蓝);
- a run of two or more single-character tokens with no function character among
  them is one word (an unknown term: 续互, 建会率), a noun when it ends like one;
- a token ending with a character that forms a frequent word with a following
  single-character token is re-cut (领军人|才 -> 领军|人才);
- a noun-suffix character the tagger split off and tagged otherwise joins the noun before
  it (城镇化|率/v -> 城镇化率), also when glued to the next character (赤字|率拟 -> 赤字率|拟);
- 比 glued to the end of a word before a time or number is the comparison preposition
  (投入比|１９９４年 -> 投入|比);
- 可 + a verb right before a noun is one attributive word (可|支配|收入 -> 可支配|收入).
"""
from __future__ import annotations

from .lexicon import tag_of, word_frequency
from .mention import Token

# characters that are words of grammar on their own: never part of a fragment run
FUNCTION_CHARS = frozenset(
    "的地得了着过和与及或在对从由把被为是有等将已共约近达占比到至向以于并而也都还又就才再仅只各每"
    "该此其这那中上下内外前后间之乃所要能可让使给跟同向往自据按经因如若即便则但却不没无未很更最太"
    "它他她我你您们谁啥何某本全各另每个这那些")
# nouns made by a suffix: 率 (rate), 额 (amount), 量 (quantity), 者, 员 ...
NOUN_SUFFIXES = frozenset("率额量值数价费者员家商户区业品物金款法权力度")
OPEN_POS = ("w", "m", "q", "mq", "t", "x")
_CLOSED = frozenset(p[0] for p in OPEN_POS)  # first letters of those tags
MERGE_MIN_FREQ = 20
RECUT_MIN_FREQ = 1000
NOUNISH_FIRST = ("n", "vn", "j", "an")


def _merge_pos(word: str, parts: list[Token]) -> str:
    tag = tag_of(word) if word_frequency(word) >= MERGE_MIN_FREQ else None
    if tag:
        return tag
    if word[-1] in NOUN_SUFFIXES or any(p[2].startswith("n") for p in parts):
        return "n"
    if any(p[2].startswith(("v", "V")) for p in parts):
        return "v"
    return parts[-1][2]


def _suffix_joins(text: str, prev: Token, tok: Token) -> bool:
    """tok is a lone noun-suffix character (率 额 量 …) glued to the noun-like prev, or the
    agent suffix 者 glued to a verb (抗议|者 -> 抗议者)."""
    if tok[1] - tok[0] != 1 or prev[1] != tok[0] or prev[1] - prev[0] < 2:
        return False
    if text[tok[0]] == "者":
        return prev[2].startswith(("v", "n"))
    return text[tok[0]] in NOUN_SUFFIXES and prev[2].startswith(NOUNISH_FIRST) \
        and not tok[2].startswith(("q", "m", "w", "x", "n"))


def _suffix_starts(text: str, prev: Token, tok: Token) -> bool:
    """tok is an unknown two-character token whose first character is a noun suffix of the
    noun-like prev and whose second is a word (赤字|率拟)."""
    if tok[1] - tok[0] != 2 or prev[1] != tok[0] or prev[1] - prev[0] < 2 \
            or not prev[2].startswith(NOUNISH_FIRST) or text[tok[0]] not in NOUN_SUFFIXES:
        return False
    return word_frequency(text[tok[0]:tok[1]]) < MERGE_MIN_FREQ \
        and word_frequency(text[tok[0] + 1]) >= MERGE_MIN_FREQ


def _comparison_cut(text: str, tok: Token, nxt: Token | None) -> list[Token] | None:
    """投入比|１９９４年: a word with 比 glued on before a time or number."""
    if nxt is None or tok[1] - tok[0] < 3 or text[tok[1] - 1] != "比" or nxt[0] != tok[1] \
            or not (nxt[2].startswith(("t", "m")) or text[nxt[0]].isdigit()):
        return None
    head = text[tok[0]:tok[1] - 1]
    if word_frequency(head) < MERGE_MIN_FREQ:
        return None
    return [(tok[0], tok[1] - 1, tag_of(head) or tok[2]), (tok[1] - 1, tok[1], "p")]


def repair_words(text: str, tokens: list[Token]) -> list[Token]:
    out = _first_pass(text, tokens)
    fixed: list[Token] = []
    for i, tok in enumerate(out):
        if fixed and _suffix_joins(text, fixed[-1], tok):
            fixed[-1] = (fixed[-1][0], tok[1], "n")
            continue
        if fixed and _suffix_starts(text, fixed[-1], tok):  # 赤字|率拟 -> 赤字率|拟
            rest = text[tok[0] + 1:tok[1]]
            fixed[-1] = (fixed[-1][0], tok[0] + 1, "n")
            fixed.append((tok[0] + 1, tok[1], tag_of(rest) or tok[2]))
            continue
        cut = _comparison_cut(text, tok, out[i + 1] if i + 1 < len(out) else None)
        fixed.extend(cut if cut else [tok])
    return _able_attributes(text, fixed)


def _able_attributes(text: str, words: list[Token]) -> list[Token]:
    """可 + verb + noun: 可支配收入, 可再生能源 (V-able as an attribute, tagged b)."""
    out: list[Token] = []
    i, n = 0, len(words)
    while i < n:
        tok = words[i]
        if text[tok[0]:tok[1]] == "可" and i + 2 < n and words[i + 1][0] == tok[1] \
                and words[i + 1][2].startswith("v") and words[i + 1][2] != "vn" \
                and words[i + 2][0] == words[i + 1][1] and words[i + 2][2].startswith(NOUNISH_FIRST):
            out.append((tok[0], words[i + 1][1], "b"))
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


def _first_pass(text: str, tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else None
        # every repair involves a single-character token: test that first (it is cheap)
        if nxt is not None and (tok[1] - tok[0] == 1 or nxt[1] - nxt[0] == 1) and tok[1] == nxt[0] \
                and tok[2][:1] not in _CLOSED and nxt[2][:1] not in _CLOSED:
            a, b = text[tok[0]:tok[1]], text[nxt[0]:nxt[1]]
            # a run of single characters without function characters: one unknown word
            if len(a) == 1 and len(b) == 1 and a not in FUNCTION_CHARS and b not in FUNCTION_CHARS:
                j = i + 1
                while j + 1 < n and tokens[j + 1][2][:1] not in _CLOSED and tokens[j + 1][0] == tokens[j][1] \
                        and tokens[j + 1][1] - tokens[j + 1][0] == 1 \
                        and text[tokens[j + 1][0]] not in FUNCTION_CHARS:
                    j += 1
                parts = tokens[i:j + 1]
                word = text[tok[0]:parts[-1][1]]
                if word_frequency(word) >= MERGE_MIN_FREQ or j > i:
                    out.append((tok[0], parts[-1][1], _merge_pos(word, parts)))
                    i = j + 1
                    continue
            if (len(a) == 1 or len(b) == 1) and word_frequency(a + b) >= MERGE_MIN_FREQ:
                out.append((tok[0], nxt[1], _merge_pos(a + b, [tok, nxt])))
                i += 2
                continue
            if len(a) >= 3 and len(b) == 1 and word_frequency(a[-1] + b) >= RECUT_MIN_FREQ \
                    and word_frequency(a[:-1]) >= MERGE_MIN_FREQ:
                out.append((tok[0], tok[1] - 1, tag_of(a[:-1]) or tok[2]))
                out.append((tok[1] - 1, nxt[1], tag_of(a[-1] + b) or "n"))
                i += 2
                continue
        out.append(tok)
        i += 1
    return out
