"""End-to-end speed and memory: `make bench`.

On 200+ generated dense newspaper pages (tests/pagegen, fixed seeds) in a temporary folder:
1. bare pdfplumber `page.extract_text()` over every page (one process): the yardstick;
2. `python -m pipeline extract -j 1` with each PDF engine: pages/s, chars/s per stage (from
   `_run.json`), peak worker RSS, and the ratio of the whole pipeline's time to (1);
3. `-j 2` against `-j 1` (pages/s over the working window, model loading excluded);
4. an unchanged rerun against the full run (wall time, everything included);
5. memory: one 1,000-page PDF (a dense page repeated) through the pipeline, peak worker RSS.

Timings on a shared machine are noisy: (1) and (2) are repeated and interleaved, and the best
of each is compared within this one run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.batch_pages import dense_document  # noqa: E402

FILES, PAGES_PER_FILE = 42, 5  # 210 pages
MEMORY_PAGES = 1000
MEMORY_LIMIT_MB = 1024


def make_corpus(folder: Path, files: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        (folder / f"p{n:03d}.pdf").write_bytes(dense_document(PAGES_PER_FILE, seed=100 + n))
    return files * PAGES_PER_FILE


def plumber_extract_text(folder: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, characters) of bare pdfplumber over every page."""
    import pdfplumber

    start, start_cpu = time.perf_counter(), time.process_time()
    chars = 0
    for path in sorted(folder.glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                chars += len(page.extract_text() or "")
                page.close()
    return time.perf_counter() - start, time.process_time() - start_cpu, chars


def extract(folder: Path, out: Path, *flags: str) -> tuple[float, dict]:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline", "extract", str(folder), "-o", str(out),
                    "--no-progress", *flags], cwd=ROOT, check=True)
    wall = time.perf_counter() - start
    return wall, json.loads((out / "_run.json").read_text(encoding="utf-8"))


def stage_table(report: dict) -> list[str]:
    pages, chars = report["totals"]["pages"], report["totals"]["chars"]
    lines = [f"    {'stage':9} {'wall s':>8} {'CPU s':>8} {'pages/s CPU':>12} {'chars/s CPU':>12}"]
    for name, figures in report["stages"].items():
        cpu = figures["cpu_seconds"]
        lines.append(f"    {name:9} {figures['seconds']:8.2f} {cpu:8.2f} "
                     f"{pages / cpu if cpu else 0:12.1f} {chars / cpu if cpu else 0:12,.0f}")
    return lines


def work_seconds(report: dict) -> float:
    """CPU time in the stages, summed over files (what one process spends on the pages)."""
    return sum(f["cpu_seconds"] for f in report["files"] if f["status"] == "done")


def wall_seconds(report: dict) -> float:
    return sum(f["seconds"] for f in report["files"] if f["status"] == "done")


def repeat_page(page_pdf: Path, target: Path, count: int) -> None:
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(page_pdf))
    document = pdfium.PdfDocument.new()
    document.import_pages(source, [0] * count)
    document.save(str(target))
    document.close()
    source.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=FILES)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--memory-pages", type=int, default=MEMORY_PAGES)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        base = Path(tmp)
        corpus = base / "pages"
        pages = make_corpus(corpus, args.files)
        print(f"== bench: whole pipeline on {pages} generated dense pages ({args.files} PDFs) ==")

        plumber_times: list[tuple[float, float]] = []
        runs: dict[str, list[tuple[float, dict]]] = {"pdfium": [], "pdfplumber": []}
        for attempt in range(args.repeats):  # interleaved, so load changes hit both alike
            seconds, cpu, chars = plumber_extract_text(corpus)
            plumber_times.append((cpu, seconds))
            for engine in runs:
                if engine == "pdfplumber" and attempt:
                    continue  # the reference engine is slow; once is enough for its figures
                out = base / f"out-{engine}-{attempt}"
                runs[engine].append(extract(corpus, out, "-j", "1", "--pdf-engine", engine))
        plumber, plumber_wall = min(plumber_times)
        print(f"load average at start: {', '.join(f'{v:.1f}' for v in os.getloadavg())} "
              f"on {os.cpu_count()} cores")
        print(f"bare pdfplumber extract_text: {plumber:.1f} s CPU ({plumber_wall:.1f} s wall), "
              f"{pages / plumber:.2f} pages/s ({chars:,} chars); runs (CPU/wall): "
              f"{', '.join(f'{c:.1f}/{w:.1f}' for c, w in plumber_times)} s")
        for engine, results in runs.items():
            best = min(results, key=lambda r: work_seconds(r[1]))
            wall, report = best
            work = work_seconds(report)
            totals = report["totals"]
            print(f"\npipeline -j 1 --pdf-engine {engine}: {work:.1f} s CPU in the stages "
                  f"({pages / work:.2f} pages/s, {totals['chars'] / work:,.0f} chars/s), "
                  f"{wall_seconds(report):.1f} s wall; {wall:.1f} s wall with start-up; runs (CPU): "
                  f"{', '.join(f'{work_seconds(r):.1f}' for _, r in results)} s")
            print(f"  ratio to bare pdfplumber extract_text: {work / plumber:.2f}x (CPU, best "
                  f"runs); {wall_seconds(report) / plumber_wall:.2f}x (wall)")
            nlp = report["stages"].get("nlp", {}).get("cpu_seconds", 0.0)
            print(f"  without the NLP stage: {(work - nlp) / plumber:.2f}x; NLP at 100k chars/s "
                  f"would take {totals['chars'] / 100_000:.1f} s -> "
                  f"{(work - nlp + totals['chars'] / 100_000) / plumber:.2f}x")
            print(f"  peak worker RSS: {totals['peak_worker_rss_mb']:.0f} MB")
            print("\n".join(stage_table(report)))

        print("\n== parallel: -j 1 vs -j 2 (pdfium; pages/s after the models loaded) ==")
        rates: dict[int, list[float]] = {}
        cpu_per_page: dict[int, list[float]] = {}
        for n, jobs in enumerate((1, 2) * args.repeats):
            out = base / f"out-j{jobs}-{n}"
            load = os.getloadavg()[0]
            wall, report = extract(corpus, out, "-j", str(jobs), "--pdf-engine", "pdfium")
            totals = report["totals"]
            rate = totals["pages_per_s"]
            rates.setdefault(jobs, []).append(rate)
            cpu_per_page.setdefault(jobs, []).append(totals["cpu_seconds"] / totals["pages"])
            share = totals["cpu_seconds"] / totals["working_seconds"]
            print(f"  -j {jobs}: {rate:.2f} pages/s (working {totals['working_seconds']:.1f} s, wall "
                  f"{wall:.1f} s; workers got {share:.2f} cores; load before {load:.1f}; "
                  f"{1000 * cpu_per_page[jobs][-1]:.0f} ms CPU per page; peak worker RSS "
                  f"{totals['peak_worker_rss_mb']:.0f} MB)")
        print(f"  speed-up -j 2 / -j 1 measured: {max(rates[2]) / max(rates[1]):.2f}x (best of "
              f"each); other processes on the machine take cores, so also: CPU per page -j 1 "
              f"{1000 * min(cpu_per_page[1]):.0f} ms, -j 2 {1000 * min(cpu_per_page[2]):.0f} ms -> "
              f"{2 * min(cpu_per_page[1]) / min(cpu_per_page[2]):.2f}x on two idle cores")

        print("\n== incremental: unchanged rerun vs full run (wall, everything included) ==")
        out = base / "out-rerun"
        full, _ = extract(corpus, out, "--pdf-engine", "pdfium")
        again, report = extract(corpus, out, "--pdf-engine", "pdfium")
        assert report["totals"]["skipped"] == args.files, report["totals"]
        print(f"  full run {full:.1f} s, unchanged rerun {again:.2f} s = {100 * again / full:.1f}%")

        if not args.memory_pages:
            return 0
        print(f"\n== memory: one {args.memory_pages}-page PDF of a dense page ==")
        one = base / "one.pdf"
        one.write_bytes(dense_document(1, seed=5))
        big = base / "big" / "thousand.pdf"
        big.parent.mkdir()
        repeat_page(one, big, args.memory_pages)
        wall, report = extract(big.parent, base / "out-big", "-j", "1", "--pdf-engine", "pdfium",
                               "--max-seconds", "0")
        totals = report["totals"]
        peak = totals["peak_worker_rss_mb"]
        print(f"  {totals['pages']} pages in {wall:.0f} s; peak worker RSS {peak:.0f} MB "
              f"(target < {MEMORY_LIMIT_MB} MB): {'ok' if peak < MEMORY_LIMIT_MB else 'OVER'}")
        return 0 if peak < MEMORY_LIMIT_MB else 1


if __name__ == "__main__":
    sys.exit(main())
