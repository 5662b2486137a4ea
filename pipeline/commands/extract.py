"""`python -m pipeline extract PATH... -o DIR`: inputs to JSON, one file per input.

Files run in parallel on worker processes (`-j`, default: one per core), each under per-file
limits; an input whose output is current (same content, pipeline version, options and
corrections) is skipped. `<DIR>/_run.json` reports every file, the totals and the time per
stage (pipeline/batch/report.py).

Exit status: 0 when every input succeeded or was skipped, 1 when some failed (each failure is
printed as one line `error: FILE: reason`; the others are still written), 2 on bad usage.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Optional, Sequence

from pipeline.batch import limits as batch_limits
from pipeline.batch.inputs import parse_shard
from pipeline.batch.runner import RunSettings
from pipeline.batch.runner import extract as run_batch
from pipeline.errors import UsageError
from pipeline.ingest.engines import DEFAULT_ENGINE, ENGINES
from pipeline.stages import Options


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError("must be 0 (no limit) or more")
        return value

    return parse


def add_parser(commands) -> None:
    run = commands.add_parser("extract", help="process PDFs, text files or folders into JSON")
    run.add_argument("paths", nargs="+", metavar="PATH", help="a PDF, a text file, or a folder")
    run.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    run.add_argument("-j", "--jobs", type=_positive(int), default=0, metavar="N",
                     help="worker processes (default: one per core)")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--force", action="store_true",
                     help="redo every input, even those whose output is current")
    run.add_argument("--shard", default="1/1", metavar="I/N",
                     help="process only the I-th of N equal shares of the inputs (many machines)")
    run.add_argument("--cluster", metavar="ADDRESS",
                     help="run the files on a Dask scheduler (tcp://host:8786); workers must see "
                          "the inputs and DIR at the same paths")
    run.add_argument("--pdf-engine", default=DEFAULT_ENGINE, choices=ENGINES,
                     help="library that reads PDF text layers (default: %(default)s)")
    run.add_argument("--corrections", default=Options.corrections, metavar="DIR",
                     help="folder of reviewers' corrections to apply (default: %(default)s)")
    ocr = run.add_argument_group("scans and OCR")
    ocr.add_argument("--ocr", default=Options.ocr, choices=("auto", "off", "force"),
                     help="auto: OCR the pages without a usable text layer; off: never (they are "
                          "reported); force: every page (default: %(default)s)")
    ocr.add_argument("--ocr-dpi", type=_positive(int), default=Options.ocr_dpi, metavar="DPI",
                     help="resolution PDF pages are rendered at for OCR (default: %(default)s)")
    ocr.add_argument("--ocr-threads", type=_positive(int), default=Options.ocr_threads, metavar="N",
                     help="OCR threads per worker (default: the worker's share of the cores)")
    limits = run.add_argument_group("per-file limits (0 = no limit); a file over one fails, "
                                    "the batch goes on")
    limits.add_argument("--max-seconds", type=_positive(float), metavar="S",
                        default=batch_limits.DEFAULT_MAX_SECONDS, help="default: %(default)g")
    limits.add_argument("--max-memory", type=_positive(int), metavar="MB",
                        default=batch_limits.DEFAULT_MAX_MEMORY_MB,
                        help="address space of a worker process (default: %(default)s)")
    limits.add_argument("--max-pages", type=_positive(int), metavar="N",
                        default=batch_limits.DEFAULT_MAX_PAGES, help="default: %(default)s")
    limits.add_argument("--max-glyphs", type=_positive(int), metavar="N",
                        default=batch_limits.DEFAULT_MAX_GLYPHS,
                        help="glyphs on one page (default: %(default)s)")
    limits.add_argument("--max-chars", type=_positive(int), metavar="N",
                        default=batch_limits.DEFAULT_MAX_CHARS,
                        help="characters in one text file (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    options = Options(pdf_engine=args.pdf_engine, corrections=args.corrections,
                      max_pages=args.max_pages, max_glyphs=args.max_glyphs,
                      max_chars=args.max_chars, ocr=args.ocr,
                      ocr_dpi=args.ocr_dpi, ocr_threads=args.ocr_threads)
    settings = RunSettings(
        jobs=args.jobs, progress=False if args.no_progress else None,
        shard=parse_shard(args.shard), options=options, cluster=args.cluster,
        limits=batch_limits.Limits(max_seconds=args.max_seconds, max_memory_mb=args.max_memory),
        incremental=not args.force)
    return run_batch(args.paths, args.output, settings)


def extract(inputs: Sequence[str], out_dir: Path, progress: Optional[bool] = None,
            shard: tuple[int, int] = (1, 1), options: Optional[Options] = None,
            jobs: int = 0) -> int:
    """The command as a function (scripts, tests)."""
    if not inputs:
        raise UsageError("no input given")
    return run_batch(inputs, out_dir, RunSettings(jobs=jobs, progress=progress, shard=shard,
                                                  options=options or Options()))
