"""Layout speed on a dense generated page, against pdfplumber's own char parsing of that page.

Prints the best CPU time (`time.process_time`) of several rounds, the three taking turns
within each round (the machine is shared: the ratio within one run is the figure to read), for: pdfplumber `page.chars` (pdfminer parsing), our lines stage (glyphs -> lines:
fragments, gutters, joins) and our layout stage (lines -> articles).
"""
from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import pdfplumber

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.pagegen
from pipeline.ingest.pdf import read_pdf  # noqa: E402
from pipeline.layout.lines import page_lines  # noqa: E402
from pipeline.layout.pdf_layout import layout_page  # noqa: E402
from pipeline.repair import repair_lines  # noqa: E402
from tests.pagegen import PageSpec, Placement, load_article, render_page  # noqa: E402

REPEATS = 9


def dense_spec() -> PageSpec:
    seed = load_article(ROOT / "tests" / "fixtures" / "articles" / "seed.json")
    body = dict(seed, captions=[])
    # Three copies of the seed side by side on a broadsheet with 12 narrow columns.
    return PageSpec(columns=12, width=1700.0, height=2000.0, gutter=8.0, placements=[
        Placement(body, 0, 3, 50.0, 1980.0, headline_size=28.0, copies=3, offset=(0.4, 0.2)),
        Placement(body, 4, 7, 50.0, 1980.0, headline_size=28.0, copies=2, offset=(2.0, 0.0)),
        Placement(body, 8, 11, 50.0, 1980.0, headline_size=28.0, copies=3, offset=(0.0, 0.0)),
    ])


def best_of(*fns) -> list[float]:
    """The best time of each function over REPEATS rounds, the functions taking turns within
    a round (so a busy spell on the shared machine slows all of them alike)."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(REPEATS):
        for fn, spent in zip(fns, times):
            start = time.process_time()
            fn()
            spent.append(time.process_time() - start)
    return [min(t) for t in times]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dense.pdf"
        path.write_bytes(render_page(dense_spec()))

        def parse_chars() -> None:
            with pdfplumber.open(path) as pdf:
                pdf.pages[0].chars

        raw = next(iter(read_pdf(str(path)).pages))
        lined = replace(raw, lines=repair_lines(page_lines(raw)))
        chars, lines_time, layout_time = best_of(parse_chars, lambda: page_lines(raw), lambda: layout_page(lined))
        glyphs = len(raw.glyphs)
    print(f"dense page: {glyphs} glyphs, {len(lined.lines)} lines (best of {REPEATS})")
    print(f"pdfplumber char parsing   {1000 * chars:7.1f} ms")
    print(f"lines stage               {1000 * lines_time:7.1f} ms  ({100 * lines_time / chars:.1f}% of char parsing)")
    print(f"layout stage              {1000 * layout_time:7.1f} ms  ({100 * layout_time / chars:.1f}% of char parsing)")
    print(f"lines + layout            {1000 * (lines_time + layout_time):7.1f} ms  "
          f"({100 * (lines_time + layout_time) / chars:.1f}% of char parsing)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
