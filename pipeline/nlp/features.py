"""Hashed per-character features for the linear-chain entity tagger, computed with numpy.

Every character gets FEATURES feature ids in [0, 2**bits): character unigrams and bigrams
around it, and what the segmentation says about the word it sits in (its position B/M/E/S in the
word, the word's POS tag, the word itself, the neighbouring words' tags).  Ids are a fixed
64-bit multiplicative hash of (template, value), so training (scripts/train_ner.py) and
prediction see the same ids without any string table.
"""
from __future__ import annotations

import zlib

import numpy as np

Token = tuple[int, int, str]

# digits and Latin letters fold to one symbol each (0, A): names are Han, numbers are context
_FOLD = {**{i: ord("0") for i in range(ord("0"), ord("9") + 1)},
         **{i: ord("0") for i in range(0xFF10, 0xFF1A)},
         **{i: ord("A") for i in range(ord("A"), ord("Z") + 1)},
         **{i: ord("A") for i in range(ord("a"), ord("z") + 1)},
         **{i: ord("A") for i in range(0xFF21, 0xFF3B)},
         **{i: ord("A") for i in range(0xFF41, 0xFF5B)},
         0x3000: 0x20, 0x09: 0x20, 0x0D: 0x0A}
_PAD_LEFT, _PAD_RIGHT = 0x110000, 0x110001
_MULT = np.uint64(0x9E3779B97F4A7C15)
_MIX = 0xBF58476D1CE4E5B9

# positions in the word: B(egin), M(iddle), E(nd), S(ingle); whitespace is X
B, M, E, S, X = 1, 2, 3, 4, 5
FEATURES = 17


def _tag_code(tag: str) -> int:
    return zlib.crc32(tag.encode("utf-8")) & 0xFFFF


def code_points(text: str) -> np.ndarray:
    folded = text.translate(_FOLD)
    return np.frombuffer(folded.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)


def _char_class(cp: np.ndarray) -> np.ndarray:
    """0 Han, 1 digit, 2 Latin, 3 space/newline, 4 CJK punctuation, 5 other."""
    out = np.full(cp.shape, 5, dtype=np.uint64)
    han = ((cp >= 0x4E00) & (cp <= 0x9FFF)) | ((cp >= 0x3400) & (cp <= 0x4DBF))
    out[han] = 0
    out[cp == ord("0")] = 1
    out[cp == ord("A")] = 2
    out[(cp == 0x20) | (cp == 0x0A)] = 3
    out[((cp >= 0x3000) & (cp <= 0x303F)) | ((cp >= 0xFF00) & (cp <= 0xFF0F))] = 4
    return out


_TAG_CODES: dict[str, int] = {}
_WORD_CODES: dict[str, int] = {}


def _word_code(word: str) -> int:
    code = _WORD_CODES.get(word)
    if code is None:
        if len(_WORD_CODES) > 500_000:  # bounded memory on endless input
            _WORD_CODES.clear()
        code = _WORD_CODES[word] = zlib.crc32(word.encode("utf-8", "surrogatepass"))
    return code


def _tag(tag: str) -> int:
    code = _TAG_CODES.get(tag)
    if code is None:
        code = _TAG_CODES[tag] = _tag_code(tag)
    return code


def word_arrays(text: str, tokens: list[Token], cp: np.ndarray) -> tuple[np.ndarray, ...]:
    """Per character: position in word, word hash, word tag, previous/next word tag, word length,
    the word's last character (局, 部, 院 ... end organisation words the dictionary lacks)."""
    n = len(text)
    bmes = np.full(n, X, dtype=np.uint64)
    word = np.zeros(n, dtype=np.uint64)
    tag = np.full(n, _tag("_SP"), dtype=np.uint64)
    prev_tag = np.full(n, _tag("_BOS"), dtype=np.uint64)
    next_tag = np.full(n, _tag("_EOS"), dtype=np.uint64)
    length = np.zeros(n, dtype=np.uint64)
    last_char = np.zeros(n, dtype=np.uint64)
    if not tokens:
        return bmes, word, tag, prev_tag, next_tag, length, last_char
    start_list, end_list, tag_list = zip(*tokens)
    starts = np.array(start_list, dtype=np.int64)
    ends = np.array(end_list, dtype=np.int64)
    codes = np.array([_TAG_CODES.get(t) or _tag(t) for t in tag_list], dtype=np.uint64)
    word_code = _WORD_CODES.get
    words = np.array([word_code(w) or _word_code(w) for w in map(text.__getitem__, map(
        slice, start_list, end_list))], dtype=np.uint64)
    lens = ends - starts
    # character positions covered by tokens, and the token each one belongs to
    tok = np.repeat(np.arange(len(tokens)), lens)
    pos = np.arange(len(tok)) - np.repeat(np.cumsum(lens) - lens, lens)
    chars = starts[tok] + pos
    word[chars] = words[tok]
    tag[chars] = codes[tok]
    length[chars] = np.minimum(lens, 6)[tok].astype(np.uint64)
    prev_codes = np.concatenate([[np.uint64(_tag("_BOS"))], codes[:-1]]).astype(np.uint64)
    next_codes = np.concatenate([codes[1:], [np.uint64(_tag("_EOS"))]]).astype(np.uint64)
    prev_tag[chars] = prev_codes[tok]
    next_tag[chars] = next_codes[tok]
    last = pos == lens[tok] - 1
    bmes[chars] = np.where(pos == 0, np.where(last, S, B), np.where(last, E, M)).astype(np.uint64)
    last_char[chars] = cp[ends - 1][tok]
    return bmes, word, tag, prev_tag, next_tag, length, last_char


def feature_ids(text: str, tokens: list[Token], bits: int) -> np.ndarray:
    """(len(text), FEATURES) uint64 ids in [0, 2**bits)."""
    return np.ascontiguousarray(feature_columns(text, tokens, bits).T)


def feature_columns(text: str, tokens: list[Token], bits: int) -> np.ndarray:
    """(FEATURES, len(text)) uint64 ids in [0, 2**bits): `feature_ids` one feature per row, as
    the tagger sums them (rows are contiguous, so each feature's weights are one gather)."""
    n = len(text)
    if n == 0:
        return np.zeros((FEATURES, 0), dtype=np.uint64)
    cp = code_points(text)
    pad = np.concatenate([np.array([_PAD_LEFT, _PAD_LEFT], dtype=np.uint64), cp,
                          np.array([_PAD_RIGHT, _PAD_RIGHT], dtype=np.uint64)])
    c = [pad[k:k + n] for k in range(5)]  # c[2] is the character itself
    cls = _char_class(pad)
    bmes, word, tag, prev_tag, next_tag, length, last_char = word_arrays(text, tokens, cp)
    s21 = np.uint64(21)
    s16 = np.uint64(16)
    s32 = np.uint64(32)
    values = [
        np.zeros(n, dtype=np.uint64),                      # bias
        c[0], c[1], c[2], c[3], c[4],                      # unigrams -2..+2
        (c[1] << s21) | c[2], (c[2] << s21) | c[3],        # bigrams -1..0, 0..+1
        (c[0] << s21) | c[1], (c[3] << s21) | c[4],        # bigrams -2..-1, +1..+2
        (c[1] << s21) | c[3],                              # skip bigram -1, +1
        (tag << np.uint64(3)) | bmes,                      # word tag + position in word
        (word << np.uint64(3)) | bmes,                     # word + position in word
        (((prev_tag << s16) | next_tag) << np.uint64(3)) | bmes,  # neighbouring words' tags
        (length << np.uint64(3)) | bmes | (tag << s32),    # word length + position + tag
        (cls[1:n + 1] << np.uint64(6)) | (cls[2:n + 2] << np.uint64(3)) | cls[3:n + 3],
        (last_char << np.uint64(3)) | bmes,                # word's last character + position
    ]
    out = np.empty((FEATURES, n), dtype=np.uint64)
    shift = np.uint64(64 - bits)
    for t, v in enumerate(values):
        h = (v + np.uint64(((t + 1) * _MIX) & 0xFFFFFFFFFFFFFFFF)) * _MULT
        h ^= h >> np.uint64(29)
        out[t] = (h * _MULT) >> shift
    return out
