"""Command line: `python -m pipeline COMMAND ...`; each command lives in `pipeline/commands/`.

Exit status: 0 on success, 1 when some inputs failed, 2 on bad usage.
"""
from __future__ import annotations

import argparse
import importlib
import sys
from typing import Optional, Sequence

from pipeline.errors import UsageError

COMMANDS = ("extract", "review", "apply_review")  # modules in pipeline/commands, in the order --help lists them


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Chinese newspaper pages to structured JSON.")
    commands = parser.add_subparsers(dest="command", required=True)
    modules = {}
    for name in COMMANDS:
        module = importlib.import_module(f"pipeline.commands.{name}")
        module.add_parser(commands)
        modules[name.replace("_", "-")] = module
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    try:
        return modules[args.command].run(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
