"""Entity F1 on the hand-annotated out-of-domain sets (tests/fixtures/ood/{dev,test}.jsonl).

Usage: .venv/bin/python scripts/eval_ood_entities.py [--part dev|dev_extra|test|both|all] [--dir DIR]
       [--worst N]

Strict span + label P/R/F1 per label (PERSON, GPE, LOC, ORG, and GPE+LOC counted together as
one place label) for the full `pipeline.nlp.annotate()` and for a baseline of jieba's own POS
tags (jieba.posseg with its default dictionary: nr -> PERSON, ns -> GPE, nt -> ORG), each part
separately, then the N worst errors of annotate() (missed or spurious spans, with a wrong-label
or wrong-boundary partner when there is one; longest first).
Tune on dev and dev_extra only (`both` = dev + test, `all` = every part); run test to report.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

OOD_DIR = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ood"
LABELS = ("PERSON", "GPE", "LOC", "ORG")
PLACE = {"GPE": "PLACE", "LOC": "PLACE"}
_JIEBA = {"nr": "PERSON", "nrfg": "PERSON", "nrt": "PERSON", "ns": "GPE", "nt": "ORG"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_spans(doc: dict) -> set[tuple[int, int, str]]:
    return {(s, e, label) for s, e, label, _ in doc["entities"] if label in LABELS}


def annotate_spans(text: str) -> set[tuple[int, int, str]]:
    from pipeline.nlp import annotate
    return {sp for sp in annotate(text)[1] if sp[2] in LABELS}


def jieba_spans(text: str) -> set[tuple[int, int, str]]:
    """jieba.posseg (default dictionary, HMM on) tags; consecutive nr words merged."""
    import jieba.posseg
    out: list[tuple[int, int, str]] = []
    pos = 0
    for pair in jieba.posseg.cut(text):
        end = pos + len(pair.word)
        label = _JIEBA.get(pair.flag)
        if label and not pair.word.isspace():
            if label == "PERSON" and out and out[-1][2] == "PERSON" and out[-1][1] == pos:
                out[-1] = (out[-1][0], end, label)
            else:
                out.append((pos, end, label))
        pos = end
    return set(out)


def scores(pairs: list[tuple[set, set]]) -> dict[str, tuple[float, float, float, int]]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for pred, gold in pairs:
        for view in ("label", "place"):
            if view == "place":
                pred_v = {(s, e, PLACE[l]) for s, e, l in pred if l in PLACE}
                gold_v = {(s, e, PLACE[l]) for s, e, l in gold if l in PLACE}
            else:
                pred_v, gold_v = pred, gold
            for s in pred_v & gold_v:
                tp[s[2]] += 1
            for s in pred_v - gold_v:
                fp[s[2]] += 1
            for s in gold_v - pred_v:
                fn[s[2]] += 1
    rows = {}
    for label in ("PERSON", "PLACE", "GPE", "LOC", "ORG"):
        t, f_p, f_n = tp[label], fp[label], fn[label]
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        rows["GPE+LOC" if label == "PLACE" else label] = (
            p, r, 2 * p * r / (p + r) if p + r else 0.0, t + f_n)
    return rows


def errors(docs: list[dict], preds: list[set]) -> list[tuple[int, str]]:
    out = []
    for doc, pred in zip(docs, preds):
        text, gold = doc["text"], gold_spans(doc)
        for s, e, label in sorted(gold - pred):
            near = [p for p in pred - gold if p[0] < e and s < p[1]]
            got = ", ".join(f"{text[a:b]}/{l}" for a, b, l in near) or "nothing"
            out.append((e - s, f"{doc['id']}: missed {text[s:e]}/{label} (got {got})"))
        for s, e, label in sorted(pred - gold):
            if any(g[0] < e and s < g[1] for g in gold):
                continue  # reported with the gold span it overlaps
            ctx = text[max(0, s - 4):e + 4].replace("\n", "/")
            out.append((e - s, f"{doc['id']}: spurious {text[s:e]}/{label} in …{ctx}…"))
    return sorted(out, key=lambda x: -x[0])


def report(name: str, docs: list[dict], worst: int) -> None:
    chars = sum(len(d["text"]) for d in docs)
    gold = [gold_spans(d) for d in docs]
    ours = [annotate_spans(d["text"]) for d in docs]
    base = [jieba_spans(d["text"]) for d in docs]
    print(f"## {name}: {len(docs)} documents, {chars} characters, "
          f"{sum(map(len, gold))} gold entities")
    print(f"  {'label':8s} {'annotate() P / R / F1':>24s}   {'jieba posseg P / R / F1':>24s}  gold")
    ours_rows, base_rows = scores(list(zip(ours, gold))), scores(list(zip(base, gold)))
    for label in ("PERSON", "GPE+LOC", "GPE", "LOC", "ORG"):
        p, r, f, n = ours_rows[label]
        bp, br, bf, _ = base_rows[label]
        print(f"  {label:8s} {p:7.3f} {r:7.3f} {f:7.3f}   {bp:7.3f} {br:7.3f} {bf:7.3f}  {n}")
    print(f"  {worst} worst errors of annotate():")
    for _, line in errors(docs, ours)[:worst]:
        print("    " + line)
    print()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=["dev", "dev_extra", "test", "both", "all"], default="both")
    ap.add_argument("--dir", type=Path, default=OOD_DIR)
    ap.add_argument("--worst", type=int, default=10)
    args = ap.parse_args()
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    parts = {"both": ["dev", "test"], "all": ["dev", "dev_extra", "test"]}.get(args.part, [args.part])
    for part in parts:
        path = args.dir / f"{part}.jsonl"
        if not path.exists():
            print(f"{path}: missing (the hand-annotated out-of-domain set)", file=sys.stderr)
            continue
        report(part, load(path), args.worst)


if __name__ == "__main__":
    main()
