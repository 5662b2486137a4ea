"""NLP stage: segmentation (jieba through spaCy), POS tags and entities.

`annotate(text, byline)` is the stage's one entry point:
  tokens   -> [(start, end, pos)], tiling `text` apart from whitespace
  entities -> [(start, end, label)] with OntoNotes labels, sorted, non-overlapping

`get_nlp()` returns the spaCy pipeline (built once):
  spacy.blank("zh") + tokenizer "news_jieba_tokenizer.v1" (private jieba.Tokenizer with the
  People's Daily training dictionary, the domain dictionary and a number/unit pre-pass; token.tag_
  is the dictionary POS) + component "news_entities" (character-level spaCy NER model trained in
  the repo + newspaper rules; sets doc.ents and re-cuts tokens so every entity is one token).
"""
from __future__ import annotations

import functools
from bisect import bisect_right
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.nlp import rules
from pipeline.nlp.segment import Segmenter

Token = tuple[int, int, str]
Entity = tuple[int, int, str]

ENTITY_TAG = {"PERSON": "nr", "GPE": "ns", "LOC": "ns", "ORG": "nt", "DATE": "t"}
MIN_LEN = {"PERSON": 2, "GPE": 2, "LOC": 2, "ORG": 2}
# a one-character surname is a PERSON when a title follows (江主席, 周总理, 钟小姐, 韩老师)
TITLES_AFTER_SURNAME = ("主席", "总理", "书记", "委员长", "部长", "省长", "市长", "县长", "局长", "厂长",
                        "经理", "主任", "总", "老师", "师傅", "教授", "医生", "大夫", "先生", "小姐",
                        "女士", "大爷", "大娘", "大妈", "老汉", "同志", "队长", "班长", "校长", "院长")


def _keep_model_span(text: str, sp: Entity) -> bool:
    s, e, label = sp
    piece = text[s:e]
    if piece.isspace() or "\n" in piece:
        return False
    if label in ("GPE", "LOC") and text.startswith(("杯", "牌"), e):
        return False  # 安康杯 (a contest), 长城牌 (a brand)
    if e - s >= MIN_LEN.get(label, 1):
        return True
    return label == "PERSON" and text.startswith(TITLES_AFTER_SURNAME, e)


_NAME_TAGS = frozenset({"nr", "ns", "nt", "nz", "j"})


def _snap(tokens: list[Token], starts: list[int], sp: Entity) -> Entity:
    """Grow a model span to the dictionary name token it cuts (小渊惠|三 -> 小渊惠三)."""
    s, e, label = sp
    i = bisect_right(starts, s) - 1
    if i >= 0 and tokens[i][0] < s < tokens[i][1] and tokens[i][2] in _NAME_TAGS:
        s = tokens[i][0]
    i = bisect_right(starts, e) - 1
    if i >= 0 and tokens[i][0] < e < tokens[i][1] and tokens[i][2] in _NAME_TAGS:
        e = tokens[i][1]
    return (s, e, label)


def _cuts_word(tokens: list[Token], starts: list[int], sp: Entity) -> bool:
    """A model span with an edge strictly inside a multi-character dictionary word that is not a
    name (非公党 inside 非公|党建指导员) is a fragment, not an entity."""
    for edge in (sp[0], sp[1]):
        i = bisect_right(starts, edge) - 1
        if i >= 0:
            ts, te, tag = tokens[i]
            if ts < edge < te and te - ts >= 2 and tag not in _NAME_TAGS:
                return True
    return False


def _build_doc(vocab, text: str, tokens: list[Token], ents: list[Entity] = ()) -> Doc:
    """Doc tiling `text`: (start, end, pos) tokens plus whitespace tokens for the gaps."""
    words, spaces, tags, iob = [], [], [], []
    ent_at = {s: (e, lab) for s, e, lab in ents}
    ent_end = -1
    ent_label = ""
    pos = 0
    for s, e, tag in tokens:
        if s > pos:
            words.append(text[pos:s]); spaces.append(False); tags.append("_SP"); iob.append("O")
        words.append(text[s:e]); spaces.append(False); tags.append(tag)
        if s in ent_at:
            ent_end, ent_label = ent_at[s]
            iob.append(f"B-{ent_label}")
        elif s < ent_end:
            iob.append(f"I-{ent_label}")
        else:
            iob.append("O")
        pos = e
    if pos < len(text):
        words.append(text[pos:]); spaces.append(False); tags.append("_SP"); iob.append("O")
    return Doc(vocab, words=words, spaces=spaces, tags=tags, ents=iob if ents else None)


class JiebaTokenizer:
    def __init__(self, vocab, hmm: bool = False):
        self.vocab = vocab
        self.segmenter = Segmenter(hmm=hmm)

    def __call__(self, text: str) -> Doc:
        tokens = self.segmenter.segment(text)
        doc = _build_doc(self.vocab, text, tokens)
        doc.user_data["nlp_tokens"] = tokens  # (start, end, pos), saves re-reading the Doc
        return doc

    def to_disk(self, path, **kwargs):  # resources ship with the package
        pass

    def from_disk(self, path, **kwargs):
        return self


@spacy.registry.tokenizers("news_jieba_tokenizer.v1")
def create_jieba_tokenizer(hmm: bool = False):
    def make(nlp):
        return JiebaTokenizer(nlp.vocab, hmm=hmm)
    return make


def _recut(tokens: list[Token], ents: list[Entity]) -> list[Token]:
    """Split tokens at entity boundaries, then make each entity one token."""
    if not ents:
        return tokens
    out: list[Token] = []
    ents_sorted = sorted(ents)
    cuts = sorted({b for s, e, _ in ents_sorted for b in (s, e)})
    ci = 0
    for s, e, tag in tokens:
        while ci < len(cuts) and cuts[ci] <= s:
            ci += 1
        start = s
        while ci < len(cuts) and cuts[ci] < e:
            out.append((start, cuts[ci], tag))
            start = cuts[ci]
            ci += 1
        out.append((start, e, tag))
    merged: list[Token] = []
    ent_by_start = {s: (e, label) for s, e, label in ents_sorted}
    open_end = -1
    for tok in out:
        if tok[0] in ent_by_start:
            open_end, label = ent_by_start[tok[0]]
            merged.append((tok[0], tok[1], ENTITY_TAG.get(label, tok[2])))
        elif tok[0] < open_end and merged:
            merged[-1] = (merged[-1][0], tok[1], merged[-1][2])  # inside the entity: extend
        else:
            merged.append(tok)
    return merged


class NewsEntities:
    """Statistical char-level NER + newspaper rules -> doc.ents (and entity-aligned tokens)."""

    def __init__(self, nlp: Language, name: str = "news_entities", use_model: bool = True,
                 use_dictionary: bool = True):
        self.name = name
        self.use_dictionary = use_dictionary
        tokenizer = getattr(nlp, "tokenizer", None)
        self.tags = tokenizer.segmenter.tags if isinstance(tokenizer, JiebaTokenizer) else {}
        self.vocab = nlp.vocab
        self.model = None
        if use_model:
            from pipeline.nlp.charner import MODEL_DIR, load_model
            if (MODEL_DIR / "meta.json").exists():
                self.model = load_model(MODEL_DIR)

    def to_disk(self, path, exclude=()):
        if self.model is not None:
            self.model.to_disk(path)

    def from_disk(self, path, exclude=()):
        from pathlib import Path
        if (Path(path) / "meta.json").exists():
            self.model = spacy.load(path)
        return self

    def model_spans(self, text: str) -> list[Entity]:
        if self.model is None:
            return []
        from pipeline.nlp.charner import predict_spans
        from pipeline.nlp.corpus_split import place_label
        # places: the mountain/river/lake/sea suffix decides GPE vs LOC (the training convention)
        return [(s, e, place_label(text[s:e]) if label in ("GPE", "LOC") else label)
                for s, e, label in predict_spans(self.model, text)]

    def word_model_spans(self, text: str, tokens: list[Token]) -> list[Entity]:
        """Model spans checked against the segmentation: grown to the name token they cut,
        dropped when they cut an ordinary word or are too short."""
        starts = [t[0] for t in tokens]
        model = [_snap(tokens, starts, sp) for sp in self.model_spans(text)]
        return [sp for sp in model
                if _keep_model_span(text, sp) and not _cuts_word(tokens, starts, sp)]

    def find(self, text: str, tokens: list[Token], byline: Iterable[str] = ()) -> list[Entity]:
        model = self.word_model_spans(text, tokens)
        titles = rules.title_spans(text)
        orgs = rules.org_suffix_spans(text, tokens)
        dates = rules.date_spans(text)
        bylines = rules.byline_spans(text, byline)
        # dictionary entries tagged as places/people complete the model
        fulls, aliases = rules.alias_spans(text, orgs + model)
        cands: list[tuple[int, Entity]] = []
        cands += [(0, sp) for sp in bylines]
        cands += [(1, sp) for sp in titles]
        cands += [(2, sp) for sp in fulls]
        cands += [(3, sp) for sp in aliases]
        # an ORG-suffix span beats model spans it contains (内蒙古 in 内蒙古工业大学)
        cands += [(4, sp) for sp in orgs if sp[1] - sp[0] > 2 or sp not in model]
        cands += [(5, sp) for sp in model]
        cands += [(6, sp) for sp in dates]
        cands += [(1, sp) for sp in rules.enum_org_spans(text, self.tags)]
        if self.use_dictionary:
            cands += [(7, sp) for sp in rules.dictionary_spans(text, tokens)]
        return rules.resolve(cands, len(text))

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        tokens = doc.user_data.get("nlp_tokens")
        if tokens is None:
            tokens = [(t.idx, t.idx + len(t.text), t.tag_) for t in doc if not t.is_space]
        ents = self.find(text, tokens, doc.user_data.get("byline", ()))
        final = _recut(tokens, ents)
        new = _build_doc(doc.vocab, text, final, ents)
        new.user_data.update(doc.user_data)
        new.user_data["nlp_tokens"] = final
        new.user_data["nlp_entities"] = ents
        return new


@Language.factory("news_entities", default_config={"use_model": True})
def create_news_entities(nlp: Language, name: str, use_model: bool) -> NewsEntities:
    return NewsEntities(nlp, name, use_model)


@functools.lru_cache(maxsize=2)
def get_nlp(use_model: bool = True) -> Language:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "news_jieba_tokenizer.v1"}}})
    nlp.add_pipe("news_entities", config={"use_model": use_model})
    return nlp


def annotate(text: str, byline: Iterable[str] = ()) -> tuple[list[Token], list[Entity]]:
    nlp = get_nlp()
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
