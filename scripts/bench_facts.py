"""Fact extraction speed: characters per second on one core, and how cost grows.

Times are CPU time of this process (time.process_time), steadier than wall time on a
shared machine.  Throughput: the seed article's body (lines joined) is repeated to
~1 MB; tokens are computed once outside the timing (segmentation is the NLP stage's
cost, not ours).
Target: >= 200k characters/second.

Growth: hostile inputs of n, 2n and 4n characters (one digit run, ASCII and full-width;
a number followed by a run of 亿; a run of Chinese numerals that parse only in short
pieces; digits separated by spaces; a long run of spaces after a sign; long mixed text
of news and noise; with tokens, one endless clause of counts, money and changes, so that
subject finding walks words with no punctuation to stop it).  Every cost must grow about linearly: the time ratio per doubling is
printed (target about 2; the old pattern took 1 s for 20 digits and 83 s for 30).
"""
from __future__ import annotations

import os
import random
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
        t0 = time.process_time()
        facts = extract_facts(text, tokens)
        best = min(best, time.process_time() - t0)
    rate = len(text) / best
    print(f"facts: {len(text):,} chars, {len(facts):,} facts, {best:.3f} s -> "
          f"{rate:,.0f} chars/s (target {TARGET:,}) {'OK' if rate >= TARGET else 'BELOW TARGET'}")
    return rate


def _mixed(n: int, body: str) -> str:
    rnd = random.Random(7)
    noise = "１２３４５６７８９０一二三四五六七八九十百千万亿%％元年月日 ,.，。-—e^/"
    out, size = [], 0
    while size < n:
        piece = body[rnd.randrange(len(body) - 200):][:rnd.randrange(20, 200)] \
            if rnd.random() < 0.6 else "".join(rnd.choice(noise) for _ in range(rnd.randrange(5, 60)))
        out.append(piece)
        size += len(piece)
    return "".join(out)[:n]


def _clause_tokens(n: int) -> tuple[str, list]:
    """One clause of n characters without punctuation, and its tokens (the NLP stage's
    tokens of one unit, repeated)."""
    unit = "全市企业3家职工5人收入增长5%投资2亿元的项目"
    base = annotate(unit)[0]
    reps = n // len(unit) + 1
    text = (unit * reps)[:n]
    tokens = [(s + k * len(unit), e + k * len(unit), p) for k in range(reps) for s, e, p in base
              if e + k * len(unit) <= n]
    return text, tokens


def growth() -> None:
    body = join_lines(SEED.read_text(encoding="utf-8"))
    cases = [
        ("ASCII digit run", 40_000, lambda n: ("1234567890" * (n // 10 + 1))[:n]),
        ("full-width digit run", 40_000, lambda n: ("１２３４５６７８９０" * (n // 10 + 1))[:n]),
        ("1 then a run of 亿", 20_000, lambda n: "1" + "亿" * (n - 1)),
        ("1e then a long exponent", 40_000, lambda n: "1e" + "9" * (n - 2)),
        ("run of 一十 (short parses)", 5_000, lambda n: ("一十" * n)[:n]),
        ("digits between spaces", 20_000, lambda n: ("1 " * n)[:n]),
        ("sign then spaces", 40_000, lambda n: "-" + " " * (n - 2) + "x"),
        ("mixed news and noise", 100_000, lambda n: _mixed(n, body)),
    ]
    print("growth: seconds for n, 2n, 4n characters (no tokens); ratio per doubling, target about 2")
    for name, n, make in cases:
        times = []
        for size in (n, 2 * n, 4 * n):
            text = make(size)
            best = float("inf")
            for _ in range(2):
                t0 = time.process_time()
                extract_facts(text, [])
                best = min(best, time.process_time() - t0)
            times.append(best)
        ratios = [b / a if a > 0 else float("nan") for a, b in zip(times, times[1:])]
        print(f"  {name:28s} n={n:>7,}: " + " / ".join(f"{t:.3f}" for t in times)
              + "  ratios " + " ".join(f"{r:.2f}" for r in ratios))
    n, times = 20_000, []
    for size in (n, 2 * n, 4 * n):
        text, tokens = _clause_tokens(size)
        best = float("inf")
        for _ in range(2):
            t0 = time.process_time()
            extract_facts(text, tokens)
            best = min(best, time.process_time() - t0)
        times.append(best)
    ratios = [b / a if a > 0 else float("nan") for a, b in zip(times, times[1:])]
    print(f"  {'one clause, with tokens':28s} n={n:>7,}: " + " / ".join(f"{t:.3f}" for t in times)
          + "  ratios " + " ".join(f"{r:.2f}" for r in ratios))


if __name__ == "__main__":
    main()
    growth()
