"""The numpy Viterbi decoder gives python-crfsuite's own labels for an exported model, and the
hashed features are stable."""
from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import require_corpus


def test_feature_ids_are_stable_and_bounded():
    from pipeline.nlp.features import FEATURES, feature_ids
    text = "国家计委 今天发布通知。"
    tokens = [(0, 4, "nt"), (5, 7, "t"), (7, 9, "v"), (9, 11, "n"), (11, 12, "w")]
    ids = feature_ids(text, tokens, 18)
    assert ids.shape == (len(text), FEATURES)
    assert int(ids.max()) < 1 << 18
    assert np.array_equal(ids, feature_ids(text, tokens, 18))
    # same character, different word context -> different word features, same unigram feature
    other = feature_ids("国", [(0, 1, "ns")], 18)
    assert ids[0, 3] == other[0, 3] and ids[0, 11] != other[0, 11]


def test_pieces_stop_at_forced_outside_characters():
    from pipeline.nlp.tagger import MAX_PIECE, pieces
    text = "李鹏 乔石、朱镕基\n" + "甲" * (MAX_PIECE + 5)
    got = [(text[s:e], after) for s, e, after in pieces(text)]
    assert got[:3] == [("李鹏", False), ("乔石", True), ("朱镕基", True)]
    assert [len(p) for p, _ in got[3:]] == [MAX_PIECE, 5]


@pytest.mark.slow
def test_numpy_viterbi_matches_crfsuite(tmp_path):
    require_corpus()
    import pycrfsuite

    from pipeline.nlp.corpus_labels import news_entities
    from pipeline.nlp.corpus_split import iter_split
    from pipeline.nlp.segment import Segmenter
    from pipeline.nlp.tagger import LinearChainTagger, pieces
    from scripts.train_ner import BITS, bio, export, items

    seg = Segmenter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 30,
                        "feature.possible_transitions": True})
    for pairs in iter_split("train", limit=300):
        text, ents = news_entities(pairs)
        trainer.append(items(text, seg.segment(text)), bio(len(text), ents))
    model_file = str(tmp_path / "m.crfsuite")
    trainer.train(model_file)
    export(model_file, tmp_path / "m.npz")
    # crfsuite does not forbid I-X after O: compare with the decoder's constraints off
    ours = LinearChainTagger.load(tmp_path / "m.npz", constrained=False)
    assert ours.bits == BITS
    reference = pycrfsuite.Tagger()
    reference.open(model_file)
    compared = 0
    for pairs in iter_split("test", limit=60):
        text = "".join(w for w, _ in pairs)
        tokens = seg.segment(text)
        em = ours.emissions(text, tokens)
        runs = [(s, e, False) for s, e, _ in pieces(text)]
        tags = ours.viterbi(em, runs)
        for s, e, _ in runs:
            # crfsuite decodes the run on its own, with the run's features from the whole line
            want = reference.tag(items(text, tokens)[s:e])
            assert [ours.labels[t] for t in tags[s:e]] == want, text[s:e]
            compared += 1
    assert compared > 100
