"""Score the pipeline against every reviewer decision stored in a corrections folder.

    python scripts/eval_corrections.py [--corrections corrections] [--sources corpora]

Each stored decision file names its input by sha256; the input is found under --sources and run
through the pipeline *without* corrections, and each decision is checked against what the
pipeline gives now:

- confirmed or corrected fact/entity: the pipeline has the item at that text and its fields
  (value, unit, subject / label) equal the reviewer's -> true positive; has it with other
  fields -> false positive (the item is there but wrong); has no item there -> false negative;
- rejected: the pipeline still has the item -> false positive; no longer has it -> true negative;
- added entity (one the pipeline missed): the pipeline now finds it with that label -> true
  positive, otherwise false negative.

Precision = TP / (TP + FP) over the decided items the pipeline reports; recall = TP / (TP + FN)
over the items reviewers say are right. The decisions are people's judgements on outputs,
never used to tune anything, so the figures are held-out by construction.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.corrections import (  # noqa: E402
    ENTITY_FIELDS, FACT_FIELDS, Decision, article_matches, locate, read_decisions,
)
from pipeline.errors import InputError  # noqa: E402
from pipeline.model import ArticleOut  # noqa: E402
from pipeline.stages import INPUT_SUFFIXES, Options, process  # noqa: E402


PLURAL = {"fact": "facts", "entity": "entities"}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inputs_by_hash(sources: Path) -> dict[str, Path]:
    return {_sha256(p): p for p in sorted(sources.rglob("*"))
            if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES}


def outcome(decision: Decision, articles: list[ArticleOut]) -> str:
    """tp, fp, fn or tn for one decision against the pipeline's own articles."""
    for article in articles:
        if not article_matches(decision, article):
            continue
        span = locate(decision, article.text)
        if span is None:
            continue
        items = article.facts if decision.item == "fact" else article.entities
        names = FACT_FIELDS if decision.item == "fact" else ENTITY_FIELDS
        found = [i for i in items if (i.start, i.end) == span]
        if decision.verdict == "rejected":
            return "fp" if found else "tn"
        wanted = {k: v for k, v in decision.fields.items() if k in names}
        if any(all(getattr(i, k) == v for k, v in wanted.items()) for i in found):
            return "tp"
        return "fp" if found and not decision.added else "fn"
    return "tn" if decision.verdict == "rejected" else "fn"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corrections", type=Path, default=Path(Options.corrections))
    parser.add_argument("--sources", type=Path, default=Path("corpora"))
    args = parser.parse_args(argv)
    stored = sorted(args.corrections.glob("*.json")) if args.corrections.is_dir() else []
    if not stored:
        print(f"eval_corrections: no stored decisions in {args.corrections}/: nothing to score")
        return 0
    inputs = inputs_by_hash(args.sources)
    counts: dict[str, Counter] = {"fact": Counter(), "entity": Counter()}
    missing = 0
    for path in stored:
        try:
            decisions = read_decisions(path)
        except InputError as error:
            print(f"error: {path}: {error}", file=sys.stderr)
            continue
        source = inputs.get(decisions.sha256)
        if source is None:
            missing += len(decisions.decisions)
            print(f"skipped: {path.name}: its input ({decisions.path or 'unknown'}) is not in "
                  f"{args.sources}", file=sys.stderr)
            continue
        document = process(source, decisions.path or source.name, Options(corrections=None))
        for decision in decisions.decisions:
            counts[decision.item][outcome(decision, document.articles)] += 1
    print(f"{'items':8} {'decided':>8} {'TP':>5} {'FP':>5} {'FN':>5} {'TN':>5} "
          f"{'precision':>10} {'recall':>7}")
    for kind, c in counts.items():
        decided = sum(c.values())
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
        print(f"{PLURAL[kind]:8} {decided:8d} {c['tp']:5d} {c['fp']:5d} {c['fn']:5d} {c['tn']:5d} "
              f"{precision:10.3f} {recall:7.3f}")
    if missing:
        print(f"({missing} decision(s) not scored: their inputs are not in {args.sources})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
