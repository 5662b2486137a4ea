"""`python -m pipeline apply-review FILE... [--corrections DIR]`: keep reviewers' decisions.

Each FILE is a decision file exported from a review page. Its decisions are merged into
`DIR/<sha256 of the input>.json` (the last decision per item wins) and applied by every later
`extract` of that input. Exit status: 0 when every file was stored, 1 when some could not be
read (each named on one line; the others are still stored).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.errors import InputError
from pipeline.stages import Options


def add_parser(commands) -> None:
    apply = commands.add_parser("apply-review",
                                help="store decisions exported from review pages for later runs")
    apply.add_argument("files", nargs="+", type=Path, metavar="FILE",
                       help="decision files downloaded or copied from review pages")
    apply.add_argument("--corrections", default=Options.corrections, metavar="DIR",
                       help="folder of stored decisions (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    from pipeline.corrections import read_decisions, store

    failures = 0
    for path in args.files:
        try:
            incoming = read_decisions(path)
            target, kept = store(args.corrections, incoming)
        except InputError as error:
            failures += 1
            print(f"error: {path}: {error}", file=sys.stderr)
            continue
        print(f"{path}: {len(incoming.decisions)} decision(s) merged into {target} "
              f"({kept} kept for {incoming.path or incoming.sha256})", file=sys.stderr)
    return 1 if failures else 0
