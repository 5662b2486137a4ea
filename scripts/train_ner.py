"""Train the linear-chain CRF entity tagger on the People's Daily 1998 training split and export it
to pipeline/resources/ner_model/crf.npz (+ MODEL_CARD.md with held-out scores).

Deterministic: fixed folds, fixed augmentation, L-BFGS (python-crfsuite) for a fixed number of
iterations.  Word features come from a jackknifed segmentation: the training lines of fold f are
segmented with a dictionary built from the other folds, so the tagger meets unknown names in
training as it will in new text.

Usage: .venv/bin/python scripts/train_ner.py [--iterations N] [--lines N] [--c1 X] [--c2 X]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pycrfsuite  # noqa: E402
import regex  # noqa: E402

from pipeline.nlp.corpus_labels import news_entities  # noqa: E402
from pipeline.nlp.corpus_split import iter_split, span_scores  # noqa: E402
from pipeline.nlp.features import feature_ids  # noqa: E402
from pipeline.nlp.segment import DOMAIN_DICT, Segmenter, _load_dict  # noqa: E402
from pipeline.nlp.tagger import MODEL_PATH, LinearChainTagger  # noqa: E402
from scripts.build_seg_dict import dictionary_rows  # noqa: E402

LABELS = ("PERSON", "GPE", "LOC", "ORG")
FOLDS = 5
BITS = 20
SENT_END = regex.compile(r"(?<=[。！？])")
# name lists: 、 between two people is printed as a space or an ideographic space as often
LIST_SEPARATORS = (" ", "\u3000", "  ")


def bio(n: int, ents: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n
    for s, e, label in ents:
        tags[s] = f"B-{label}"
        for i in range(s + 1, e):
            tags[i] = f"I-{label}"
    return tags


def sentences(text: str, ents):
    start = 0
    for piece in SENT_END.split(text):
        if not piece:
            continue
        end = start + len(piece)
        yield piece, [(s - start, e - start, lab) for s, e, lab in ents if s >= start and e <= end]
        start = end


def name_list_variant(text: str, ents, k: int):
    """The sentence with 、 between adjacent PERSON names replaced by a space variant, or None."""
    people = [sp for sp in ents if sp[2] == "PERSON"]
    cuts = [a[1] for a, b in zip(people, people[1:]) if b[0] == a[1] + 1 and text[a[1]] == "、"]
    if not cuts:
        return None
    sep = LIST_SEPARATORS[k % len(LIST_SEPARATORS)]
    out, shift, pos, new_ents = [], 0, 0, []
    moved = {}
    for c in cuts:
        out.append(text[pos:c])
        out.append(sep)
        pos = c + 1
        moved[c] = len(sep) - 1
    out.append(text[pos:])
    for s, e, lab in ents:
        d = sum(v for c, v in moved.items() if c < s)
        new_ents.append((s + d, e + d, lab))
    return "".join(out), new_ents


def fold_segmenters(lines) -> list[Segmenter]:
    domain = _load_dict(DOMAIN_DICT) if DOMAIN_DICT.exists() else []
    segs = []
    for f in range(FOLDS):
        rows = dictionary_rows(p for k, p in enumerate(lines) if k % FOLDS != f)
        segs.append(Segmenter(rows=rows + domain))
        print(f"fold {f} dictionary: {len(rows)} words", flush=True)
    return segs


def items(text: str, tokens) -> list[list[str]]:
    ids = feature_ids(text, tokens, BITS)
    return ids.astype(str).tolist()


def export(model_file: str, out: Path) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(model_file)
    info = tagger.info()
    labels = sorted(info.labels.keys(), key=lambda l: (l != "O", l))
    index = {l: i for i, l in enumerate(labels)}
    rows: dict[int, np.ndarray] = {}
    for (attr, label), w in info.state_features.items():
        row = rows.setdefault(int(attr), np.zeros(len(labels), dtype=np.float32))
        row[index[label]] = w
    ids = np.array(sorted(rows), dtype=np.uint32)
    weights = np.stack([rows[i] for i in ids.tolist()])
    scale = float(np.abs(weights).max()) / 32000.0
    trans = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (a, b), w in info.transitions.items():
        trans[index[a], index[b]] = w
    np.savez_compressed(out, labels=np.array(labels), bits=np.array(BITS), ids=ids,
                        rows=np.round(weights / scale).astype(np.int16), scale=np.array(scale),
                        transitions=trans)
    tagger.close()


def evaluate(tagger: LinearChainTagger, seg: Segmenter, lines, convention) -> dict:
    def pairs():
        for p in lines:
            text, gold = convention(p)
            yield tagger.spans(text, seg.segment(text)), gold
    return span_scores(pairs(), LABELS)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.3)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--lines", type=int, default=None, help="first N training lines only")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--eval-lines", type=int, default=None)
    args = ap.parse_args()

    t0 = time.time()
    lines = list(iter_split("train", limit=args.lines))
    segs = fold_segmenters(lines)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    n_sent = n_chars = n_aug = 0
    for k, pairs in enumerate(lines):
        seg = segs[k % FOLDS]
        text, ents = news_entities(pairs)
        for sent, sents_ents in sentences(text, ents):
            trainer.append(items(sent, seg.segment(sent)), bio(len(sent), sents_ents))
            n_sent += 1
            n_chars += len(sent)
            variant = name_list_variant(sent, sents_ents, n_aug)
            if variant:
                vtext, vents = variant
                trainer.append(items(vtext, seg.segment(vtext)), bio(len(vtext), vents))
                n_aug += 1
    prep = time.time() - t0
    print(f"{n_sent} sentences ({n_chars} chars) + {n_aug} name-list variants; "
          f"features in {prep:.0f}s", flush=True)
    t1 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        model_file = str(Path(tmp) / "crf.crfsuite")
        trainer.train(model_file)
        train_time = time.time() - t1
        args.out.parent.mkdir(parents=True, exist_ok=True)
        export(model_file, args.out)
    print(f"trained in {train_time:.0f}s -> {args.out} ({args.out.stat().st_size} bytes)", flush=True)

    tagger = LinearChainTagger.load(args.out)
    seg = Segmenter()
    test = list(iter_split("test", limit=args.eval_lines))
    from pipeline.nlp.corpus_split import gold_entities
    for name, convention in [("news convention (compound ORG)", news_entities),
                             ("corpus convention (nt words only)", gold_entities)]:
        rows = evaluate(tagger, seg, test, convention)
        print(f"held-out, {name}:")
        for label, (p, r, f, n) in rows.items():
            print(f"  {label:7s} {p:.3f} {r:.3f} {f:.3f} {n}")


if __name__ == "__main__":
    main()
