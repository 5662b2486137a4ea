"""Growth of the running time with input size on hostile shapes: n, 2n, 4n for each case.

Each measurement runs in its own forked process under a time limit, so a case that explodes
prints "over limit" instead of hanging the bench; the larger sizes of that case are skipped.
The ratio printed is time(2n) / time(n): about 2 is linear, 4 quadratic. Each time is the best
of up to three runs (fewer when one run is long) on one core; wall-clock timings on a shared
machine are noisy, ratios within one run less so.

Cases: glyph de-duplication (a row of identical glyphs, a page of tiny identical dots, stacked
copies of one glyph), repair (a phrase printed over and over, long runs of one character),
fact extraction on digit runs (ASCII, full-width) and runs of 亿, and the whole pipeline on a
long text file.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "000_6bde4154404ab639.txt"


def glyph(text: str, x0: float, top: float, size: float) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size,
            "fontname": "Song", "object_type": "char"}


def glyph_row(n: int) -> Callable[[], object]:
    from pipeline.ingest.glyphs import dedupe

    row = [glyph("中", 10.0 * i, 100.0, 10.0) for i in range(n)]
    return lambda: dedupe(row)


def dot_page(n: int) -> Callable[[], object]:
    """Tiny dots 1.2 pt apart on a square grid: none are copies, all share one text."""
    from pipeline.ingest.glyphs import dedupe

    side = int(n ** 0.5) + 1
    dots = [glyph(".", 1.2 * (i % side), 1.2 * (i // side), 1.0) for i in range(n)]
    return lambda: dedupe(dots)


def stacked(n: int) -> Callable[[], object]:
    """One glyph drawn n times at shadow offsets cycling within the tolerance."""
    from pipeline.ingest.glyphs import dedupe

    copies = [glyph("国", 50.0 + 0.1 * (i % 7), 50.0 + 0.1 * (i % 5), 20.0) for i in range(n)]
    return lambda: dedupe(copies)


def repeated_phrase(n: int) -> Callable[[], object]:
    from pipeline.repair import repair_text

    phrase = "打好改革攻坚战"
    line = phrase * (n // len(phrase))
    return lambda: repair_text(line)


def long_run(n: int) -> Callable[[], object]:
    from pipeline.repair import repair_text

    line = "—" * n + "标题标题"  # a rule running into a doubled word: every count is even
    return lambda: repair_text(line)


def facts_on(text_of: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
    def case(n: int) -> Callable[[], object]:
        from pipeline.facts import extract_facts

        text = text_of(n)
        return lambda: extract_facts(text, [(0, len(text), "m")])

    return case


def whole_pipeline(n: int) -> Callable[[], object]:
    """The seed article's paragraphs repeated to n characters, as one .txt through every stage."""
    from pipeline.stages import process

    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if len(p) > 40]
    body, i = [], 0
    while sum(len(p) + 1 for p in body) < n:
        body.append(paragraphs[i % len(paragraphs)])
        i += 1
    folder = tempfile.mkdtemp(prefix="bench-growth-")
    path = Path(folder) / "long.txt"
    path.write_text("长文本\n\n" + "\n".join(body) + "\n", encoding="utf-8")
    warm = Path(folder) / "warm.txt"
    warm.write_text("短文本\n\n" + body[0] + "\n", encoding="utf-8")
    process(warm, warm.name)  # loads the models once, outside the timing
    return lambda: process(path, path.name)


# (name, case, base size): sizes are base, 2 base, 4 base.
CASES: list[tuple[str, Callable[[int], Callable[[], object]], int]] = [
    ("dedupe: row of identical glyphs", glyph_row, 20_000),
    ("dedupe: page of tiny identical dots", dot_page, 50_000),
    ("dedupe: one glyph stacked n times", stacked, 50_000),
    ("repair: phrase printed n/7 times", repeated_phrase, 100_000),
    ("repair: run of one char + doubled word", long_run, 200_000),
    ("facts: ASCII digit run", facts_on(lambda n: "1" * n), 8),
    ("facts: full-width digit run", facts_on(lambda n: "１" * n), 8),
    ("facts: run of 亿", facts_on(lambda n: "亿" * n), 300),
    ("pipeline: long .txt through every stage", whole_pipeline, 20_000),
]


def _measure(case: Callable[[int], Callable[[], object]], n: int, budget: float, out) -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        except OSError:
            pass
    run = case(n)
    best = float("inf")
    spent = 0.0
    for _ in range(3):
        start = time.perf_counter()
        run()
        took = time.perf_counter() - start
        best, spent = min(best, took), spent + took
        if spent + took > budget / 3:
            break
    out.send(best)


def measure(case: Callable[[int], Callable[[], object]], n: int, limit: float) -> Optional[float]:
    """Best time of `case` at size n in a forked process; None when it passes `limit` seconds."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_measure, args=(case, n, limit, send))
    process.start()
    send.close()
    ready = receive.poll(limit)
    if not ready:
        process.kill()
        process.join()
        return None
    try:
        took = receive.recv()
    except EOFError:  # the child died (memory, a crash): no time to report
        took = None
    process.join()
    return took


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=60.0, help="seconds allowed per measurement")
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    args = parser.parse_args(argv)
    print(f"== growth per doubling (time(2n) / time(n); about 2 is linear), limit {args.limit:.0f} s ==")
    worst: list[str] = []
    for name, case, base in CASES:
        if args.only and args.only not in name:
            continue
        times: list[tuple[int, Optional[float]]] = []
        for n in (base, 2 * base, 4 * base):
            took = measure(case, n, args.limit)
            times.append((n, took))
            if took is None:
                break
        cells = []
        for i, (n, took) in enumerate(times):
            shown = "over limit" if took is None else f"{took:.3f} s"
            if i and took is not None and times[i - 1][1]:
                shown += f" (x{took / times[i - 1][1]:.1f})"
            cells.append(f"n={n:,}: {shown}")
        print(f"{name:42s} " + "  ".join(cells))
        sys.stdout.flush()
        if any(took is None for _, took in times):
            worst.append(name)
    if worst:
        print(f"over the limit: {', '.join(worst)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
