"""Fact extraction speed: characters per second on one core.

The seed article's body (lines joined) is repeated to ~1 MB; tokens are
computed once outside the timing (segmentation is the NLP stage's cost, not
ours).  Target: >= 200k characters/second.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.facts import extract_facts  # noqa: E402
from scripts.facts_seed_score import SEED, join_lines  # noqa: E402
from pipeline.nlp import annotate  # noqa: E402

TARGET = 200_000


def main(size: int = 1_000_000) -> float:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        except OSError:
            pass
    body = join_lines(SEED.read_text(encoding="utf-8")).strip() + "\n\n"
    reps = max(1, size // len(body))
    text = body * reps
    base_tokens = annotate(body)[0]
    tokens = [(s + k * len(body), e + k * len(body), p) for k in range(reps) for s, e, p in base_tokens]
    extract_facts(body, base_tokens)  # warm caches
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        facts = extract_facts(text, tokens)
        best = min(best, time.perf_counter() - t0)
    rate = len(text) / best
    print(f"facts: {len(text):,} chars, {len(facts):,} facts, {best:.3f} s -> "
          f"{rate:,.0f} chars/s (target {TARGET:,}) {'OK' if rate >= TARGET else 'BELOW TARGET'}")
    return rate


if __name__ == "__main__":
    main()
