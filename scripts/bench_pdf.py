"""PDF reading speed on a dense generated page (10k+ characters, fake-bold headlines).

Prints pages/s for our reader (pdfplumber chars + de-duplication + line building) and for bare
`page.extract_text()`, the cost of our de-duplication over pdfplumber's own char parsing, and
our de-duplication against pdfplumber's `dedupe_chars()`.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import pdfplumber

from pipeline.ingest.glyphs import dedupe
from pipeline.ingest.pdf import read_pdf
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.pagegen
from tests.pagegen import PageSpec, Placement, load_article, render_page

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3


def dense_spec() -> PageSpec:
    seed = load_article(ROOT / "tests" / "fixtures" / "articles" / "seed.json")
    body = dict(seed, captions=[])
    # Three copies of the seed side by side on a broadsheet with 12 narrow columns.
    return PageSpec(columns=12, width=1700.0, height=2000.0, gutter=8.0, placements=[
        Placement(body, 0, 3, 50.0, 1980.0, headline_size=28.0, copies=3, offset=(0.4, 0.2)),
        Placement(body, 4, 7, 50.0, 1980.0, headline_size=28.0, copies=2, offset=(2.0, 0.0)),
        Placement(body, 8, 11, 50.0, 1980.0, headline_size=28.0, copies=3, offset=(0.0, 0.0)),
    ])


def best(fn) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dense.pdf"
        path.write_bytes(render_page(dense_spec()))
        with pdfplumber.open(path) as pdf:
            chars = pdf.pages[0].chars
            n_chars = len(chars)

        def parse_chars() -> None:
            with pdfplumber.open(path) as pdf:
                pdf.pages[0].chars

        def extract_text() -> None:
            with pdfplumber.open(path) as pdf:
                pdf.pages[0].extract_text()

        def plumber_dedupe() -> None:
            with pdfplumber.open(path) as pdf:
                page = pdf.pages[0]
                page.chars
                start = time.perf_counter()
                page.dedupe_chars().chars
                plumber_dedupe.elapsed = time.perf_counter() - start  # type: ignore[attr-defined]

        t_chars = best(parse_chars)
        t_text = best(extract_text)
        t_ours = best(lambda: read_pdf(str(path)))
        t_dedupe = best(lambda: dedupe(chars))
        plumber_times = []
        for _ in range(REPEATS):
            plumber_dedupe()
            plumber_times.append(plumber_dedupe.elapsed)  # type: ignore[attr-defined]
        t_plumber_dedupe = min(plumber_times)
        kept = len(dedupe(chars))
    print("== bench: PDF reading, dense generated page ==")
    print(f"page: {n_chars} chars drawn, {kept} after de-duplication")
    print(f"pdfplumber page.extract_text():        {1 / t_text:6.2f} pages/s ({t_text * 1000:.0f} ms)")
    print(f"ours read_pdf (chars+dedupe+lines):    {1 / t_ours:6.2f} pages/s ({t_ours * 1000:.0f} ms)")
    print(f"pdfplumber char parsing alone:         {t_chars * 1000:.0f} ms")
    print(f"our de-duplication:                    {t_dedupe * 1000:.1f} ms "
          f"= {100 * t_dedupe / t_chars:.1f}% on top of char parsing (target < 10%)")
    print(f"pdfplumber dedupe_chars():             {t_plumber_dedupe * 1000:.0f} ms "
          f"({t_plumber_dedupe / t_dedupe:.0f}x ours)")
    return 0 if t_dedupe < 0.10 * t_chars else 1


if __name__ == "__main__":
    sys.exit(main())
