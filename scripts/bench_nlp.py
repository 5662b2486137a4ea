"""Speed of the NLP stage on one core: segmentation chars/s and whole annotate() chars/s.

Usage: .venv/bin/python scripts/bench_nlp.py   (uses held-out corpus lines, else the seed article)
"""
from __future__ import annotations

import os

os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"

import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.nlp import annotate, get_nlp  # noqa: E402
from pipeline.nlp.segment import Segmenter  # noqa: E402


def texts() -> list[str]:
    from pipeline.corpus import DEFAULT_PATH
    if DEFAULT_PATH.exists():
        from pipeline.nlp.corpus_split import iter_split
        lines = ["".join(w for w, _ in p) for p in iter_split("test", limit=1000)]
        # article-sized texts (~1500 chars) with newlines between parts
        out, cur = [], []
        for line in lines:
            cur.append(line)
            if sum(map(len, cur)) > 1500:
                out.append("\n".join(cur))
                cur = []
        return out + (["\n".join(cur)] if cur else [])
    seed = Path(__file__).resolve().parent.parent / "corpora" / "000_6bde4154404ab639.txt"
    return [seed.read_text(encoding="utf-8")] * 20


def bench(fn, docs, repeat=1) -> float:
    chars = sum(map(len, docs)) * repeat
    t0 = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            fn(d)
    return chars / (time.perf_counter() - t0)


def main() -> None:
    docs = texts()
    seg = Segmenter()
    get_nlp()
    annotate(docs[0])  # warm up
    print(f"texts: {len(docs)} ({sum(map(len, docs))} chars), 1 thread")
    print(f"segmentation      : {bench(seg.segment, docs, 3):10.0f} chars/s  (target >= 150000)")
    print(f"annotate() (whole): {bench(annotate, docs):10.0f} chars/s  (target >= 30000)")


if __name__ == "__main__":
    main()
