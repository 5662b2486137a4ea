"""`python -m pipeline extract PATH... -o DIR`: inputs to JSON, one file per input.

Exit status: 0 when every input succeeded, 1 when some failed (each failure is printed as one
line naming the file and the reason; the others are still written), 2 on bad usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from pipeline.errors import InputError, UsageError
from pipeline.stages import INPUT_SUFFIXES, Options


def add_parser(commands) -> None:
    run = commands.add_parser("extract", help="process PDFs, text files or folders into JSON")
    run.add_argument("paths", nargs="+", metavar="PATH", help="a PDF, a text file, or a folder")
    run.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--shard", default="1/1", metavar="I/N",
                     help="process only the I-th of N equal shares of the inputs (many machines)")
    run.add_argument("--pdf-engine", default=Options.pdf_engine, choices=("pdfplumber",),
                     help="library that reads PDF text layers (default: %(default)s)")
    run.add_argument("--corrections", default=Options.corrections, metavar="DIR",
                     help="folder of reviewers' corrections to apply (default: %(default)s)")


def run(args: argparse.Namespace) -> int:
    options = Options(pdf_engine=args.pdf_engine, corrections=args.corrections)
    return extract(args.paths, args.output, progress=False if args.no_progress else None,
                   shard=parse_shard(args.shard), options=options)


def plan_outputs(inputs: Sequence[str], out_dir: Path) -> list[tuple[Path, Path, str]]:
    """Map every input file to its output path; (input, output, path shown in the JSON).

    A folder contributes its files (recursively) under their path relative to the folder; a
    file given by name lands at the top of the output folder.
    """
    planned: list[tuple[Path, Path, str]] = []
    for argument in inputs:
        root = Path(argument)
        if root.is_dir():
            files = sorted(
                p for p in root.rglob("*")
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not p.name.startswith(".")
            )
            for file in files:
                relative = file.relative_to(root)
                planned.append((file, out_dir / relative.with_suffix(".json"), relative.as_posix()))
        elif root.is_file():
            planned.append((root, out_dir / (root.stem + ".json"), root.name))
        else:
            raise UsageError(f"{argument}: no such file or folder")
    seen: dict[Path, Path] = {}
    for source, target, _ in planned:
        if target in seen:
            raise UsageError(f"{seen[target]} and {source} would both write {target}")
        seen[target] = source
    return planned


def _progress(items: list, enabled: bool):
    if not enabled:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="file", file=sys.stderr)


def parse_shard(value: str) -> tuple[int, int]:
    """`2/8` -> (2, 8): this machine takes every 8th file, starting with the 2nd (1-based)."""
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise UsageError(f"--shard {value}: expected I/N, such as 1/4") from None
    if not 1 <= index <= count:
        raise UsageError(f"--shard {value}: I must be between 1 and N")
    return index, count


def extract(inputs: Sequence[str], out_dir: Path, progress: Optional[bool] = None,
            shard: tuple[int, int] = (1, 1), options: Optional[Options] = None) -> int:
    from pipeline.stages import process_to_file

    planned = plan_outputs(inputs, out_dir)
    index, count = shard
    planned = planned[index - 1 :: count]
    if progress is None:
        progress = sys.stderr.isatty()
    failures = 0
    for source, target, shown in _progress(planned, progress):
        try:
            process_to_file(source, shown, target, options)
        except InputError as error:
            failures += 1
            print(f"error: {source}: {error}", file=sys.stderr)
        except Exception as error:  # a bug or an unforeseen input must not stop the batch
            failures += 1
            reason = str(error).splitlines()[0] if str(error) else ""
            print(f"error: {source}: {type(error).__name__}: {reason}", file=sys.stderr)
    done = len(planned) - failures
    print(f"{done} of {len(planned)} file(s) written to {out_dir}", file=sys.stderr)
    return 1 if failures else 0
