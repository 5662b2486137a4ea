"""Numeric facts on the out-of-domain gold set (tests/fixtures/ood/{dev,test}.jsonl).

Each document's text goes through the real NLP stage (`pipeline.nlp.annotate`) and
`extract_facts`.  Splits: `dev` and `dev_facts_extra` (tuned on), `test` (held out).

- fact P/R: a predicted fact matches a gold fact when their spans overlap and value,
  unit and approx agree (one-to-one); span-only P/R: spans overlap.
- subject accuracy: over gold facts matched by a prediction, the predicted subject is one
  of the gold list (gold [] means no subject expected, so None is right).  Also printed
  over all gold facts (a missed fact counts as a wrong subject).
- the worst errors: missed facts, spurious facts, wrong value/unit/approx, wrong subjects.

Tune on dev only; run test only to report:
python scripts/eval_ood_facts.py [--split dev|dev_facts_extra|test|all] [--errors N]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OOD = ROOT / "tests" / "fixtures" / "ood"
SPLITS = ("dev", "dev_facts_extra", "test")


def load(split: str) -> list[dict]:
    path = OOD / f"{split}.jsonl"
    if not path.exists():
        raise SystemExit(f"{path}: missing (the OOD gold set is built in branch `ood`)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same_value(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) \
            and not isinstance(a, bool) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def overlaps(f: dict, g: dict) -> bool:
    return f["start"] < g["end"] and g["start"] < f["end"]


def agrees(f: dict, g: dict) -> bool:
    return same_value(f["value"], g["value"]) and f["unit"] == g["unit"] and f["approx"] == g["approx"]


def subject_ok(predicted, gold: list[str]) -> bool:
    return predicted is None if not gold else predicted in gold


def _match(pred: list[dict], gold: list[dict], full: bool) -> dict[int, int]:
    """gold index -> predicted index, one-to-one; closest start first."""
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for gi, g in enumerate(gold):
        cands = [pi for pi, f in enumerate(pred) if pi not in used and overlaps(f, g)
                 and (not full or agrees(f, g))]
        if cands:
            pi = min(cands, key=lambda i: (abs(pred[i]["start"] - g["start"]), pred[i]["start"]))
            used.add(pi)
            pairs[gi] = pi
    return pairs


def evaluate(docs: list[dict], annotate) -> dict:
    from pipeline.facts import extract_facts

    tot = {"gold": 0, "pred": 0, "tp": 0, "span_tp": 0, "subj_n": 0, "subj_ok": 0}
    errors: list[tuple[int, str, str]] = []  # (severity, doc id, description)
    for doc in docs:
        text = doc["text"]
        pred = extract_facts(text, annotate(text)[0])
        gold = doc["facts"]
        full = _match(pred, gold, True)
        span = _match(pred, gold, False)
        tot["gold"] += len(gold)
        tot["pred"] += len(pred)
        tot["tp"] += len(full)
        tot["span_tp"] += len(span)
        matched_pred = set(span.values())
        for gi, g in enumerate(gold):
            ctx = text[max(0, g["start"] - 12):g["end"] + 8].replace("\n", " ")
            if gi not in span:
                errors.append((0, doc["id"], f"MISSED {g['text']} ({g['value']} {g['unit']} {g['approx']}) in …{ctx}…"))
                continue
            f = pred[span[gi]]
            if gi not in full:
                errors.append((1, doc["id"], f"WRONG {g['text']}: got {f['text']} {f['value']} {f['unit']} "
                                             f"{f['approx']}, want {g['value']} {g['unit']} {g['approx']}"))
            tot["subj_n"] += 1
            if subject_ok(f["subject"], g["subject"]):
                tot["subj_ok"] += 1
            else:
                errors.append((2, doc["id"], f"SUBJECT {g['text']} ({g['kind']}): got {f['subject']!r}, "
                                             f"want {g['subject']} in …{ctx}…"))
        for pi, f in enumerate(pred):
            if pi not in matched_pred:
                ctx = text[max(0, f["start"] - 12):f["end"] + 8].replace("\n", " ")
                errors.append((0, doc["id"], f"SPURIOUS {f['text']} ({f['value']} {f['unit']} {f['kind']}) "
                                             f"in …{ctx}…"))
    tot["errors"] = sorted(errors, key=lambda e: e[0])
    return tot


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "-"


def report(name: str, r: dict, n_errors: int) -> None:
    print(f"{name}: {r['gold']} gold facts, {r['pred']} predicted")
    print(f"  facts (span overlap + value, unit, approx): P {_ratio(r['tp'], r['pred'])}  "
          f"R {_ratio(r['tp'], r['gold'])}")
    print(f"  span only:                                 P {_ratio(r['span_tp'], r['pred'])}  "
          f"R {_ratio(r['span_tp'], r['gold'])}")
    print(f"  subject accuracy on matched facts: {_ratio(r['subj_ok'], r['subj_n'])}; "
          f"over all gold facts: {_ratio(r['subj_ok'], r['gold'])}")
    if n_errors:
        print(f"  {min(n_errors, len(r['errors']))} worst errors (of {len(r['errors'])}):")
        for _, doc_id, desc in r["errors"][:n_errors]:
            print(f"    [{doc_id}] {desc}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=SPLITS + ("all",), default="all")
    ap.add_argument("--errors", type=int, default=10, help="how many errors to list (default 10)")
    args = ap.parse_args(argv)
    from pipeline.nlp import annotate

    splits = SPLITS if args.split == "all" else (args.split,)
    print("OOD numeric facts, tokens from pipeline.nlp.annotate")
    for split in splits:
        report(split, evaluate(load(split), annotate), args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
