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
    """(tokens, entities) like pipeline.nlp.annotate, with no domain dictionary: the stage's
    own annotate() runs with this pipeline in place of the cached product one."""
    import pipeline.nlp as stage

    product = stage.get_nlp
    stage.get_nlp = lambda use_model=True: _nlp()
    try:
        return stage.annotate(text, byline)
    finally:
        stage.get_nlp = product
