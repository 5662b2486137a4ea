"""Character-level statistical NER (spaCy `ner` over one-token-per-character Docs).

Each character is a token; its NORM is overridden with the character bigram (char + next char), so
the hash embeddings see unigram (ORTH) and bigram (NORM) features.  Spans are mapped back to the
jieba Doc by character offsets.
"""
from __future__ import annotations

from pathlib import Path

import numpy
import regex
import spacy
from spacy.attrs import NORM
from spacy.tokens import Doc

MODEL_DIR = Path(__file__).resolve().parent.parent / "resources" / "ner_model"
LABELS = ("PERSON", "GPE", "LOC", "ORG")

CONFIG = """
[nlp]
lang = "zh"
pipeline = ["ner"]

[nlp.tokenizer]
@tokenizers = "spacy.zh.ChineseTokenizer"
segmenter = "char"

[components]

[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 48
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.ner.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 48
attrs = ["ORTH", "NORM"]
rows = [3000, 5000]
include_static_vectors = false

[components.ner.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 48
depth = 3
window_size = 1
maxout_pieces = 3

[training]
seed = 0
"""


# the model was trained on sentences split after 。！？; predict on the same units (and lines)
_CHUNK_RE = regex.compile(r"[^\n。！？]*[。！？]+|[^\n。！？]+")


def char_doc(vocab, text: str) -> Doc:
    words = list(text)
    doc = Doc(vocab, words=words, spaces=[False] * len(words))
    if words:
        add = vocab.strings.add
        norms = numpy.fromiter((add(text[i:i + 2]) for i in range(len(text))), dtype="uint64",
                               count=len(text))
        doc.from_array([NORM], norms.reshape(-1, 1))
    return doc


def load_model(path: Path = MODEL_DIR):
    return spacy.load(path)


def predict_spans(nlp, text: str) -> list[tuple[int, int, str]]:
    """Entity spans (start, end, label) over `text`, predicted sentence by sentence (batched)."""
    if not text:
        return []
    chunks = [(m.start(), m.group()) for m in _CHUNK_RE.finditer(text) if not m.group().isspace()]
    docs = (char_doc(nlp.vocab, chunk) for _, chunk in chunks)
    out = []
    for (offset, _), doc in zip(chunks, nlp.get_pipe("ner").pipe(docs, batch_size=64)):
        out.extend((offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
    return out
