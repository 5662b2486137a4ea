"""Speed of the NLP stage on one core: segmentation, tagger and whole annotate() chars/s.

Usage: .venv/bin/python scripts/bench_nlp.py [--rounds N] [--baseline CHECKOUT]

Texts: held-out People's Daily lines joined into article-sized texts (~1500 chars), else the
seed article.  Each figure is characters per CPU-second of one thread, the best of N rounds.  With --baseline (another checkout of the
project, e.g. `git archive <commit> | tar -x -C /tmp/old`), that checkout's annotate() runs in a
child process on the same texts, alternating rounds with ours, so both see the same machine load.
"""
from __future__ import annotations

import os

os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 100_000

_CHILD = """
import json, os, sys, time
os.environ["OMP_NUM_THREADS"] = "1"
sys.path.insert(0, sys.argv[1])
from pipeline.nlp import annotate
docs = json.loads(sys.stdin.readline())
annotate(docs[0])
for line in sys.stdin:
    t0 = time.process_time()
    for d in docs:
        annotate(d)
    print(sum(map(len, docs)) / (time.process_time() - t0), flush=True)
"""


def texts() -> list[str]:
    from pipeline.corpus import DEFAULT_PATH
    if DEFAULT_PATH.exists():
        from pipeline.nlp.corpus_split import iter_split
        lines = ["".join(w for w, _ in p) for p in iter_split("test", limit=1000)]
        out, cur = [], []
        for line in lines:
            cur.append(line)
            if sum(map(len, cur)) > 1500:
                out.append("\n".join(cur))
                cur = []
        return out + (["\n".join(cur)] if cur else [])
    seed = ROOT / "corpora" / "000_6bde4154404ab639.txt"
    return [seed.read_text(encoding="utf-8")] * 20


def rate(fn, docs) -> float:
    """Characters per second of this process's CPU time (the machine is shared: wall-clock time
    counts other jobs' slices too)."""
    t0 = time.process_time()
    for d in docs:
        fn(d)
    return sum(map(len, docs)) / (time.process_time() - t0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline", type=Path, default=None)
    args = ap.parse_args()
    from pipeline.nlp import annotate, get_finder
    docs = texts()
    finder = get_finder()
    annotate(docs[0])  # warm up: dictionaries and weights loaded
    tokens = {d: finder.segment(d) for d in docs}
    child = None
    if args.baseline:
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(args.baseline)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                 cwd=str(args.baseline))
        child.stdin.write(json.dumps(docs) + "\n")
        child.stdin.flush()
    whole = ["\n".join(docs)]  # one long text: a rate far below the articles' means quadratic work
    best = {"segmentation": 0.0, "tagger": 0.0, "annotate": 0.0, "baseline": 0.0, "long": 0.0}
    for _ in range(args.rounds):
        best["segmentation"] = max(best["segmentation"], rate(finder.segment, docs))
        best["tagger"] = max(best["tagger"], rate(lambda d: finder.tagger.spans(d, tokens[d]), docs))
        best["annotate"] = max(best["annotate"], rate(annotate, docs))
        best["long"] = max(best["long"], rate(annotate, whole))
        if child:
            child.stdin.write("go\n")
            child.stdin.flush()
            best["baseline"] = max(best["baseline"], float(child.stdout.readline()))
    if child:
        child.stdin.close()
        child.wait()
    print(f"texts: {len(docs)} ({sum(map(len, docs))} chars), 1 thread, chars per CPU-second, "
          f"best of {args.rounds}")
    print(f"segmentation      : {best['segmentation']:10.0f} chars/s")
    print(f"tagger (CRF)      : {best['tagger']:10.0f} chars/s")
    print(f"annotate() (whole): {best['annotate']:10.0f} chars/s  (target >= {TARGET})")
    print(f"annotate() of all texts as one ({len(whole[0])} chars): {best['long']:10.0f} chars/s "
          f"({best['long'] / best['annotate']:.2f}x the articles' rate; well below 1 means work "
          f"that grows faster than the text)")
    if child:
        print(f"annotate() of {args.baseline}: {best['baseline']:10.0f} chars/s "
              f"(ours {best['annotate'] / best['baseline']:.1f}x)")


if __name__ == "__main__":
    main()
