"""`python -m pipeline review OUT [--sources DIR]`: an HTML review page beside each JSON."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(commands) -> None:
    look = commands.add_parser("review", help="write an HTML review page beside each output JSON")
    look.add_argument("outputs", type=Path, metavar="OUT", help="an output folder or JSON file")
    look.add_argument("--sources", type=Path, metavar="DIR",
                      help="the folder the inputs came from (to draw PDF pages)")


def run(args: argparse.Namespace) -> int:
    from pipeline.review import review

    count = review(args.outputs, args.sources)
    print(f"{count} review page(s) written beside the JSON in {args.outputs}", file=sys.stderr)
    return 0
