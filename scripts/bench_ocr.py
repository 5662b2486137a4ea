"""OCR speed and accuracy on generated pages turned into scans.

Each generated page (tests/pagegen) is read twice: from its text layer (the reference) and as an
image-only PDF of its rendering (200 dpi, and degraded: noise, 0.7 degree skew, JPEG quality 40,
150 dpi, a 100 dpi greyscale JPEG). Printed per case:
- OCR seconds for the page (wall and CPU, with rapidocr's own breakdown: det / orientation /
  deskew / rec), the page's size in pixels;
- `line`: recognition accuracy per printed line of the text layer (OCR glyphs taken by position,
  spaces ignored): OCR alone, whatever layout does;
- `body`: per-article body accuracy (1 - edit distance / length, spaces ignored) of the whole
  pipeline against the text-layer run, the lowest article's; `head`: every headline exact;
  `facts`: the same (text, value) numeric facts in every article.

Pages: `port+farm` is the page the thresholds were tuned on; the others are held out
(`seed`, `side8` 8 columns, `dense` an A3 page of 8 narrow columns and six articles, and `uming`: the
two-article page set in AR PL UMing, a Ming/Song face, instead of WenQuanYi Zen Hei).

    .venv/bin/python scripts/bench_ocr.py [--pages NAME,...] [--cases NAME,...] [--threads N]
    .venv/bin/python scripts/bench_ocr.py --compare-threads   # intra-op threads vs processes
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.pagegen, tests.scanpages, tests.ocr_eval

import tests.pagegen as pagegen  # noqa: E402
from tests.ocr_eval import accuracy, body, line_accuracy, truth_lines  # noqa: E402
from tests.scanpages import greyscale_jpeg, image_pdf, jpeg, noisy, page_image, skewed  # noqa: E402

ARTICLES = ROOT / "tests" / "fixtures" / "articles"
UMING = ("ARPLUMing", "/usr/share/fonts/truetype/arphic/uming.ttc")


def _article(name: str) -> dict:
    return pagegen.load_article(ARTICLES / f"{name}.json")


def dense_a3() -> pagegen.PageSpec:
    """An A3 page of 8 narrow columns in two tiers of three articles each."""
    port, farm = _article("port"), _article("farm")
    tiers = [(50.0, 620.0), (640.0, 1165.0)]
    spans = [[(port, 0, 2), (farm, 3, 4), (port, 5, 7)], [(farm, 0, 2), (port, 3, 5), (farm, 6, 7)]]
    placements = [pagegen.Placement(article, first, last, top, bottom, headline_size=20.0,
                                    copies=2, offset=(0.5, 0.2))
                  for (top, bottom), row in zip(tiers, spans) for article, first, last in row]
    return pagegen.PageSpec(columns=8, width=842.0, height=1191.0, gutter=9.0, margin=30.0,
                            placements=placements)


PAGES = {
    "port+farm": lambda: pagegen.two_article_page(_article("port"), _article("farm")),
    "seed": lambda: pagegen.seed_page(_article("seed")),
    "side8": lambda: pagegen.side_by_side_page(_article("farm"), _article("port")),
    "dense": dense_a3,
    "uming": lambda: pagegen.two_article_page(_article("farm"), _article("port")),
}
TUNED_ON = {"port+farm"}

CASES = {
    "200dpi": (200, lambda im: im),
    "noise": (200, lambda im: noisy(im, 18.0, seed=3)),
    "skew0.7": (200, lambda im: skewed(im, 0.7)),
    "jpeg40": (200, lambda im: jpeg(im, 40)),
    "150dpi": (150, lambda im: im),
    "100dpi-grey-jpeg": (100, lambda im: greyscale_jpeg(im, 60)),
}


def render(name: str) -> bytes:
    if name == "uming":
        saved = pagegen.FONT, pagegen.FONT_FILE
        pagegen.FONT, pagegen.FONT_FILE = UMING
        try:
            return pagegen.render_page(PAGES[name]())
        finally:
            pagegen.FONT, pagegen.FONT_FILE = saved
    return pagegen.render_page(PAGES[name]())


def run_case(page_name: str, case: str, threads: int, folder: Path) -> dict:
    from pipeline.ingest.ocr import read_page_image
    from pipeline.stages import Options, process

    clean = folder / f"{page_name}.pdf"
    if not clean.exists():
        clean.write_bytes(render(page_name))
    dpi, degrade = CASES[case]
    scan = folder / f"{page_name}-{case}.pdf"
    scan.write_bytes(image_pdf([degrade(page_image(clean.read_bytes(), dpi))], dpi))

    reference = process(clean, clean.name)
    options = Options(ocr_threads=threads)
    # The pipeline's own OCR call, timed and kept for the per-line score (OCR runs once).
    import pipeline.ingest.pdf as pdf_ingest

    calls = []

    def timed(image, points_per_pixel, settings):
        wall, cpu = time.perf_counter(), time.process_time()
        result = read_page_image(image, points_per_pixel, settings)
        calls.append((result, time.perf_counter() - wall, time.process_time() - cpu, image.shape))
        return result

    pdf_ingest.read_page_image = timed
    try:
        document = process(scan, scan.name, options)
    finally:
        pdf_ingest.read_page_image = read_page_image
    [(result, wall, cpu, shape)] = calls
    lines = line_accuracy(truth_lines(clean), result.glyphs)
    got, want = document.articles, reference.articles
    # Articles paired by headline (a page may repeat one), each with its best-reading twin.
    pairs = []
    for g in got:
        twins = [w for w in want if w.headline == g.headline] or want
        pairs.append((g, max(twins, key=lambda w: accuracy(body(g), body(w)))))
    bodies = [accuracy(body(g), body(w)) for g, w in pairs]
    fact_diff = [sorted(set(_facts(w)) ^ set(_facts(g))) for g, w in pairs]
    return {
        "page": page_name, "case": case, "px": f"{shape[1]}x{shape[0]}",
        "wall": wall, "cpu": cpu, "split": result.seconds, "line": lines.accuracy,
        "missed": lines.missed, "lines": lines.lines,
        "body": min(bodies) if bodies else 0.0,
        "articles": f"{len(got)}/{len(want)}",
        "head": sorted(g.headline for g in got) == sorted(w.headline for w in want),
        "facts": not any(fact_diff),
        "fact_diff": [d for d in fact_diff if d][:2],
        "worst": lines.worst[:3],
    }


def _facts(article) -> list[tuple[str, str]]:
    return [(f.text, str(f.value)) for f in article.facts]


def print_row(r: dict) -> None:
    split = " ".join(f"{k} {v:.2f}" for k, v in sorted(r["split"].items()))
    print(f"{r['page']:10} {r['case']:17} {r['px']:10} wall {r['wall']:5.2f}s cpu {r['cpu']:5.2f}s "
          f"[{split}] line {r['line']:.4f} (missed {r['missed']}/{r['lines']}) "
          f"body {r['body']:.4f} articles {r['articles']} head {'ok' if r['head'] else 'NO'} "
          f"facts {'ok' if r['facts'] else 'NO'}", flush=True)
    for diff in r["fact_diff"]:
        print(f"{'':12}facts differing: {diff}")
    for want, got in r["worst"]:
        print(f"{'':12}want {want!r}\n{'':12}got  {got!r}")


def compare_threads(folder: Path) -> None:
    """Two pages OCRed: one process with 2 intra-op threads, one after the other, against two
    processes with 1 thread each, side by side. Alternated three times (the machine is shared)."""
    clean = folder / "dense.pdf"
    clean.write_bytes(render("dense"))
    png = folder / "dense.png"
    page_image(clean.read_bytes(), 200).save(png)
    worker = ("import sys,time; sys.path.insert(0, %r); import numpy as np; from PIL import Image;"
              "from pipeline.ingest.ocr import OcrSettings, read_page_image, engine;"
              "t=int(sys.argv[1]); n=int(sys.argv[2]); engine(t); im=np.asarray(Image.open(%r).convert('L'));"
              "s=time.perf_counter();\nfor _ in range(n): read_page_image(im, 72/200, OcrSettings(threads=t))\n"
              "print(time.perf_counter()-s)") % (str(ROOT), str(png))
    python = sys.executable
    threads, processes = [], []
    for _ in range(3):
        out = subprocess.run([python, "-c", worker, "2", "2"], capture_output=True, text=True, check=True)
        threads.append(float(out.stdout.split()[-1]))
        procs = [subprocess.Popen([python, "-c", worker, "1", "1"], stdout=subprocess.PIPE, text=True)
                 for _ in range(2)]
        outs = [float(p.communicate()[0].split()[-1]) for p in procs]
        processes.append(max(outs))
    print(f"2 dense pages, OCR only (models loaded): one process x 2 threads: "
          f"{' '.join(f'{t:.1f}' for t in threads)} s (median {statistics.median(threads):.1f}); "
          f"two processes x 1 thread: {' '.join(f'{t:.1f}' for t in processes)} s "
          f"(median {statistics.median(processes):.1f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--compare-threads", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.compare_threads:
            compare_threads(folder)
            return 0
        from pipeline.ingest.ocr import engine

        engine(args.threads)  # model loading is not page time
        for page_name in args.pages.split(","):
            tag = "tuned-on" if page_name in TUNED_ON else "held-out"
            print(f"# {page_name} ({tag})")
            for case in args.cases.split(","):
                print_row(run_case(page_name, case, args.threads, folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
