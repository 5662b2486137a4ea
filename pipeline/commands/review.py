"""`python -m pipeline review OUT [--sources DIR] [--corrections DIR]`: review pages, the run's
database (`OUT/news.sqlite`) and an index of every document (`OUT/index.html`)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.stages import Options


def add_parser(commands) -> None:
    look = commands.add_parser("review", help="write an HTML review page beside each output JSON, "
                                              "the run's database and an index page")
    look.add_argument("outputs", type=Path, metavar="OUT", help="an output folder or JSON file")
    look.add_argument("--sources", type=Path, metavar="DIR",
                      help="the folder the inputs came from (to draw PDF pages)")
    look.add_argument("--corrections", type=Path, default=Path(Options.corrections), metavar="DIR",
                      help="reviewers' stored decisions, listed in the database "
                           "(default: %(default)s)")
    look.add_argument("--force", action="store_true",
                      help="rewrite review pages even when they are up to date")


def run(args: argparse.Namespace) -> int:
    from pipeline.review import review

    if not args.outputs.exists():
        print(f"error: {args.outputs}: no such file or folder", file=sys.stderr)
        return 2
    report = review(args.outputs, args.sources, args.corrections, force=args.force)
    for line in report.failed:
        print(f"error: {line}", file=sys.stderr)
    print(f"{report.written} review page(s) written, {report.kept} up to date, in {args.outputs}",
          file=sys.stderr)
    if report.index is not None:
        print(f"index: {report.index}; database: {report.database}", file=sys.stderr)
    return 1 if report.failed else 0
