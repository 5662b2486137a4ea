"""Evaluate segmentation and NER on the held-out split of People's Daily 1998-01.

Usage: .venv/bin/python scripts/eval_nlp.py [--lines N]

Conventions (applied identically to gold and every system):
  * consecutive `nr` tokens are merged (江/nr 泽民/nr -> 江泽民); predicted consecutive tokens tagged
    nr are merged too;
  * inside spans matched by the number/unit pattern (pipeline.nlp.segment.NUMBER_RE: 1997年,
    10月20日, 23.4%, 42.7万元, 1500吨/月) word boundaries are ignored (the corpus splits ４２.７万/元,
    we keep them whole on purpose);
  * NER is strict span + label, on whole lines; gold: nr -> PERSON, ns -> GPE/LOC, nt -> ORG.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.nlp.corpus_split import gold_entities, iter_split, span_scores  # noqa: E402
from pipeline.nlp.segment import _FW, NUMBER_RE  # noqa: E402

LABELS = ("PERSON", "GPE", "LOC", "ORG")
SEED = Path(__file__).resolve().parent.parent / "corpora" / "000_6bde4154404ab639.txt"


def merge_nr(tokens):
    out = []
    for s, e, t in tokens:
        if t == "nr" and out and out[-1][2] == "nr" and out[-1][1] == s:
            out[-1] = (out[-1][0], e, "nr")
        else:
            out.append((s, e, t))
    return out


def gold_words(pairs):
    text = "".join(w for w, _ in pairs)
    inside = set()
    for m in NUMBER_RE.finditer(text.translate(_FW)):
        inside.update(range(m.start() + 1, m.end()))
    bounds, pos = [], 0
    for w, _ in pairs:
        if pos not in inside:
            bounds.append(pos)
        pos += len(w)
    bounds.append(pos)
    return text, set(zip(bounds, bounds[1:])), inside


def seg_counts(lines, segment):
    tp = fp = fn = 0
    for pairs in lines:
        text, gold, inside = gold_words(pairs)
        toks = merge_nr(segment(text))
        bounds = [s for s, _, _ in toks if s not in inside] + [len(text)]
        pred = set(zip(bounds, bounds[1:]))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p, r = tp / (tp + fp), tp / (tp + fn)
    return p, r, 2 * p * r / (p + r)


def ner_counts(lines, find, gold_fn=gold_entities):
    def pairs():
        for line in lines:
            text, gold = gold_fn(line)
            yield find(text), gold

    return span_scores(pairs(), LABELS)


def posseg_tokens(text):
    import jieba.posseg
    out, pos = [], 0
    for pair in jieba.posseg.cut(text):
        end = pos + len(pair.word)
        if not pair.word.isspace():
            out.append((pos, end, pair.flag))
        pos = end
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=None, help="first N held-out lines only")
    args = ap.parse_args()
    import jieba
    import logging
    jieba.setLogLevel(logging.WARNING)
    from pipeline.nlp import annotate, get_nlp
    from pipeline.nlp.segment import Segmenter

    lines = list(iter_split("test", limit=args.lines))
    chars = sum(len(w) for p in lines for w, _ in p)
    print(f"held-out split: {len(lines)} lines, {chars} chars (line i with i % 10 == 9)\n")

    print("## Segmentation (P / R / F1)")
    seg = Segmenter(hmm=False)
    seg_hmm = Segmenter(hmm=True)
    baseline_cache = {}

    def baseline(text):
        if text not in baseline_cache:
            baseline_cache[text] = posseg_tokens(text)
        return baseline_cache[text]

    for name, fn in [("ours (train dict + organisations + numbers, no HMM)", seg.segment),
                     ("ours with jieba HMM for unknown words", seg_hmm.segment),
                     ("baseline: jieba default dict + posseg", baseline)]:
        p, r, f = seg_counts(lines, fn)
        print(f"  {name:48s} {p:.4f} {r:.4f} {f:.4f}")

    print("\n## NER, strict span + label (P / R / F1 / gold count)")
    from pipeline.nlp import get_finder
    from pipeline.nlp.corpus_labels import news_entities
    from pipeline.nlp.corpus_split import place_label
    finder = get_finder()
    _POS = {"nr": "PERSON", "ns": "GPE", "nt": "ORG"}

    def tagger_only(t):
        return [(s, e, place_label(t[s:e]) if lab in ("GPE", "LOC") else lab)
                for s, e, lab in finder.model_spans(t, finder.segment(t))]

    systems = [
        ("tagger alone (+ GPE/LOC suffix label rule)", tagger_only),
        ("full annotate() (tagger + rules)", lambda t: annotate(t)[1]),
        ("baseline: jieba posseg tags", lambda t: [(s, e, _POS[p]) for s, e, p in merge_nr(baseline(t))
                                                   if p in _POS]),
    ]
    for convention, gold_fn in [("news convention: compound ORG, 香港特别行政区, 中/美 (training labels)",
                                 news_entities),
                                ("corpus convention: nt words only, as tagged in the file",
                                 gold_entities)]:
        print(f" gold = {convention}")
        for name, fn in systems:
            t0 = time.time()
            rows = ner_counts(lines, fn, gold_fn)
            print(f"  {name}  ({chars / (time.time() - t0):.0f} chars/s)")
            for label, (p, r, f, n) in rows.items():
                print(f"    {label:7s} {p:.3f} {r:.3f} {f:.3f} {n}")
    print("  note: the corpus file has no [...]nt compounds, so under the corpus convention a right\n"
          "  上海音乐学院 counts as an ORG false positive and a GPE miss (gold 上海/ns 音乐/n 学院/n).")

    print("\n## Seed article entities")
    from pipeline.stages import process
    doc = process(SEED, SEED.name)
    for art in doc.articles:
        seen = []
        for ent in art.entities:
            item = (ent.text, ent.label) if hasattr(ent, "label") else tuple(ent)
            if item not in seen:
                seen.append(item)
        print("  " + "  ".join(f"{t}/{l}" for t, l in seen))


if __name__ == "__main__":
    main()
