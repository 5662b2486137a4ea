"""NLP stage: segmentation (jieba through spaCy), POS tags and entities.

`annotate(text, byline)` is the stage's one entry point:
  tokens   -> [(start, end, pos)], tiling `text` apart from whitespace
  entities -> [(start, end, label)] with OntoNotes labels
"""
from __future__ import annotations

from typing import Iterable

import jieba.posseg

Token = tuple[int, int, str]
Entity = tuple[int, int, str]

_POS_TO_LABEL = {"nr": "PERSON", "ns": "GPE", "nt": "ORG"}


def annotate(text: str, byline: Iterable[str] = ()) -> tuple[list[Token], list[Entity]]:
    """Baseline (to be replaced by the trained pipeline): jieba.posseg tokens and POS entities."""
    tokens: list[Token] = []
    entities: list[Entity] = []
    pos = 0
    for pair in jieba.posseg.cut(text):
        word, flag = pair.word, pair.flag
        start = pos
        pos += len(word)
        if word.isspace():
            continue
        tokens.append((start, pos, flag))
        if flag in _POS_TO_LABEL:
            entities.append((start, pos, _POS_TO_LABEL[flag]))
    return tokens, entities
