"""The real NLP stage without the domain dictionary, for evaluating facts on general
vocabulary only (issue: fact subjects must not depend on words taken from the seed).

`annotate_general(text)` is `pipeline.nlp.annotate` with a segmenter built from the
People's Daily training dictionary alone.  It is a separate spaCy pipeline, so the
cached one the product uses is left untouched.
"""
from __future__ import annotations

import functools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@functools.lru_cache(maxsize=1)
def _nlp():
    import spacy

    import pipeline.nlp  # noqa: F401  registers the tokenizer and the entity component
    from pipeline.nlp.segment import Segmenter

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "news_jieba_tokenizer.v1"}}})
    nlp.tokenizer.segmenter = Segmenter(domain_dict=None)
    nlp.add_pipe("news_entities")
    return nlp


def annotate_general(text: str, byline=()) -> tuple[list, list]:
    """(tokens, entities) like pipeline.nlp.annotate, with no domain dictionary."""
    nlp = _nlp()
    doc = nlp.make_doc(text)
    doc.user_data["byline"] = list(byline)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    tokens = doc.user_data.get("nlp_tokens")
    entities = doc.user_data.get("nlp_entities")
    if tokens is None or entities is None:
        tokens = [(t.idx, t.idx + len(t.text), t.tag_) for t in doc if not t.is_space]
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return list(tokens), list(entities)
