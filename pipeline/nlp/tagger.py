"""Linear-chain CRF entity tagger over hashed character features, decoded with numpy.

The weights are trained by python-crfsuite in scripts/train_ner.py and exported to
`resources/ner_model/crf.npz`: per label a weight for every hashed feature id it uses, plus
label-to-label transition weights.  Decoding is Viterbi, batched over the text's pieces
(sentences and lines, at most MAX_PIECE characters) so the cost is linear in text length.
BIO constraints are hard (I-X only after B-X or I-X) and characters in FORCED_OUTSIDE are never
inside an entity (whitespace, line breaks, list punctuation `、`).
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import regex

from pipeline.nlp.features import feature_columns

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "ner_model" / "crf.npz"
MAX_PIECE = 200
# never inside an entity: whitespace, line breaks, list and sentence punctuation, quotes
FORCED_OUTSIDE = frozenset(" \t\n\r\u3000\u00a0、，。；：！？,;:!?“”\"《》")
_RUN_RE = regex.compile("[^" + regex.escape("".join(sorted(FORCED_OUTSIDE))) + "]+")
_NEG = np.float32(-1e9)


def pieces(text: str) -> list[tuple[int, int, bool]]:
    """Runs of characters that may be inside an entity, at most MAX_PIECE long, as
    (start, end, after_outside).  A FORCED_OUTSIDE character is O for sure, so Viterbi splits
    exactly there: the run after it starts from O (after_outside=True)."""
    out = []
    for m in _RUN_RE.finditer(text):
        s, e = m.span()
        after = s > 0
        while e - s > MAX_PIECE:
            out.append((s, s + MAX_PIECE, after))
            s += MAX_PIECE
            after = False
        out.append((s, e, after))
    return out


class LinearChainTagger:
    def __init__(self, labels: list[str], weights: np.ndarray, transitions: np.ndarray, bits: int,
                 constrained: bool = True):
        self.labels = labels
        self.bits = bits
        self.weights = weights.astype(np.float32)
        k = len(labels)
        self.transitions = transitions.astype(np.float32).copy()
        self.start = np.zeros(k, dtype=np.float32)
        self.outside = labels.index("O")
        for j, lab in enumerate(labels):
            if constrained and lab.startswith("I-"):
                self.start[j] = _NEG
                for i, prev in enumerate(labels):
                    if prev[2:] != lab[2:] or prev == "O":
                        self.transitions[i, j] = _NEG

    @classmethod
    def load(cls, path: Path = MODEL_PATH, constrained: bool = True) -> "LinearChainTagger":
        with np.load(path) as z:
            labels = [str(x) for x in z["labels"]]
            bits = int(z["bits"])
            weights = np.zeros((1 << bits, len(labels)), dtype=np.float32)
            weights[z["ids"].astype(np.int64)] = z["rows"].astype(np.float32) * float(z["scale"])
            return cls(labels, weights, z["transitions"], bits, constrained)

    def emissions(self, text: str, tokens) -> np.ndarray:
        """(len(text), labels) sums of the characters' feature weights, added feature by feature
        in feature order (the same float32 sums as gathering all and summing over features)."""
        columns = feature_columns(text, tokens, self.bits)
        em = np.take(self.weights, columns[0], axis=0)
        for ids in columns[1:]:
            em += np.take(self.weights, ids, axis=0)
        return em

    def viterbi(self, em: np.ndarray, spans: list[tuple[int, int, bool]]) -> np.ndarray:
        """Best label index per character; characters outside every piece are O.

        All pieces are decoded together, longest first: at step t only the pieces longer than
        t are live and they form a prefix of the batch, so no work is spent on padding."""
        tags = np.full(len(em), self.outside, dtype=np.int64)
        if not spans:
            return tags
        group = sorted(spans, key=lambda sp: sp[0] - sp[1])  # longest first, stable
        lengths = np.array([e - s for s, e, _ in group])
        rows, T, k = len(group), int(lengths[0]), len(self.labels)
        emit = np.zeros((rows, T, k), dtype=np.float32)
        for r, (s, e, _) in enumerate(group):
            emit[r, :e - s] = em[s:e]
        after = np.array([a for _, _, a in group])[:, None]
        score = np.where(after, self.transitions[self.outside][None, :], self.start[None, :])
        score = score + emit[:, 0]
        back = np.zeros((rows, T, k), dtype=np.int8)
        trans_t = self.transitions.T[None, :, :]  # [to, from]: reduce over the last axis
        live = np.searchsorted(-lengths, -np.arange(T), side="left")  # rows longer than t
        for t in range(1, T):
            n = live[t]
            cand = score[:n, None, :] + trans_t
            best = cand.argmax(axis=2)
            back[:n, t] = best
            score[:n] = np.take_along_axis(cand, best[:, :, None], axis=2)[:, :, 0] + emit[:n, t]
        cur = score.argmax(axis=1)
        path = np.empty((rows, T), dtype=np.int64)
        for t in range(T - 1, 0, -1):
            n = live[t]
            path[:n, t] = cur[:n]
            cur[:n] = back[np.arange(n), t, cur[:n]]
        path[:, 0] = cur
        for r, (s, e, _) in enumerate(group):
            tags[s:e] = path[r, :e - s]
        return tags

    def spans(self, text: str, tokens) -> list[tuple[int, int, str]]:
        if not text:
            return []
        em = self.emissions(text, tokens)
        tags = self.viterbi(em, pieces(text))
        out: list[tuple[int, int, str]] = []
        labels = self.labels
        start, end, label = -1, -1, ""
        for i in np.flatnonzero(tags != self.outside).tolist():
            lab = labels[tags[i]]
            if lab[:2] == "I-" and i == end and lab[2:] == label:
                end = i + 1
                continue
            if start >= 0:
                out.append((start, end, label))
            start, end, label = i, i + 1, lab[2:]
        if start >= 0:
            out.append((start, end, label))
        return out
