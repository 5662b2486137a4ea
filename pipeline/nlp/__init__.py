"""NLP stage: segmentation (jieba), POS tags and entities.

`annotate(text, byline)` is the stage's one entry point:
  tokens   -> [(start, end, pos)], tiling `text` apart from whitespace (People's Daily POS tags)
  entities -> [(start, end, label)] with OntoNotes labels, sorted, non-overlapping, each one or more
              whole tokens, never containing whitespace, a line break or `、`

Steps (pipeline.nlp.entities.EntityFinder): a private jieba.Tokenizer with the 1998 People's
Daily dictionary, jieba's organisation names and a number/unit pre-pass; a linear-chain CRF over
hashed character and word features (trained in the repo, decoded with numpy); newspaper rules
(bylines, `（以下简称X）` aliases, 《》 titles, dates, `X、Y等企业`).  Any text is processed in
blocks of at most BLOCK characters, so cost and memory grow linearly with its length.

`get_nlp()` wraps the same steps as a spaCy pipeline (tokenizer "news_jieba_tokenizer.v1",
component "news_entities") for callers who want a Doc; `annotate` does not build Docs.
"""
from __future__ import annotations

import functools
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp.entities import ENTITY_TAG, Entity, EntityFinder, Token, retokenize

__all__ = ["annotate", "get_finder", "get_nlp", "Token", "Entity"]


@functools.lru_cache(maxsize=1)
def get_finder() -> EntityFinder:
    return EntityFinder()


def annotate(text: str, byline: Iterable[str] = ()) -> tuple[list[Token], list[Entity]]:
    if not isinstance(text, str):
        raise TypeError(f"annotate() needs a str, not {type(text).__name__}")
    finder = get_finder()
    tokens = finder.segment(text)
    entities = finder.find(text, tokens, byline)
    return retokenize(tokens, entities), entities


def _doc(vocab, text: str, tokens: list[Token], ents: list[Entity]) -> Doc:
    """Doc tiling `text`: (start, end, pos) tokens plus whitespace tokens for the gaps."""
    words, tags, iob = [], [], []
    ent_at = {s: (e, lab) for s, e, lab in ents}
    ent_end, ent_label, pos = -1, "", 0
    for s, e, tag in tokens:
        if s > pos:
            words.append(text[pos:s]); tags.append("_SP"); iob.append("O")
        words.append(text[s:e]); tags.append(tag)
        if s in ent_at:
            ent_end, ent_label = ent_at[s]
            iob.append(f"B-{ent_label}")
        else:
            iob.append(f"I-{ent_label}" if s < ent_end else "O")
        pos = e
    if pos < len(text):
        words.append(text[pos:]); tags.append("_SP"); iob.append("O")
    return Doc(vocab, words=words, spaces=[False] * len(words), tags=tags, ents=iob)


class JiebaTokenizer:
    """spaCy tokenizer: the segmenter's words with their dictionary POS as token.tag_."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        tokens = get_finder().segment(text)
        doc = _doc(self.vocab, text, tokens, [])
        doc.user_data["nlp_tokens"] = tokens
        return doc

    def to_disk(self, path, **kwargs):  # resources ship with the package
        pass

    def from_disk(self, path, **kwargs):
        return self


@spacy.registry.tokenizers("news_jieba_tokenizer.v1")
def create_jieba_tokenizer():
    def make(nlp):
        return JiebaTokenizer(nlp.vocab)
    return make


class NewsEntities:
    """spaCy component: entities -> doc.ents, tokens re-cut so every entity is whole tokens."""

    def __init__(self, nlp: Language, name: str = "news_entities"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        tokens = doc.user_data.get("nlp_tokens") or get_finder().segment(text)
        ents = get_finder().find(text, tokens, doc.user_data.get("byline", ()))
        final = retokenize(tokens, ents)
        new = _doc(doc.vocab, text, final, ents)
        new.user_data.update(doc.user_data)
        new.user_data["nlp_tokens"] = final
        new.user_data["nlp_entities"] = ents
        return new

    def to_disk(self, path, exclude=()):  # the tagger's weights ship with the package
        pass

    def from_disk(self, path, exclude=()):
        return self


@Language.factory("news_entities")
def create_news_entities(nlp: Language, name: str) -> NewsEntities:
    return NewsEntities(nlp, name)


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "news_jieba_tokenizer.v1"}}})
    nlp.add_pipe("news_entities")
    nlp.max_length = 1 << 62  # the tokenizer works in bounded blocks: no E088 on long texts
    return nlp


ENTITY_POS = ENTITY_TAG
