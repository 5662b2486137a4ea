"""Command line: `python -m pipeline extract PATH... -o DIR`.

Exit status: 0 when every input succeeded, 1 when some failed (each failure is printed as one
line naming the file and the reason; the others are still written), 2 on bad usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from pipeline.errors import InputError
from pipeline.export import to_json, write_atomic
from pipeline.stages import PDF_SUFFIXES, TEXT_SUFFIXES

INPUT_SUFFIXES = PDF_SUFFIXES | TEXT_SUFFIXES


class UsageError(Exception):
    pass


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
            shard: tuple[int, int] = (1, 1)) -> int:
    from pipeline.stages import process

    planned = plan_outputs(inputs, out_dir)
    index, count = shard
    planned = planned[index - 1 :: count]
    if progress is None:
        progress = sys.stderr.isatty()
    failures = 0
    for source, target, shown in _progress(planned, progress):
        try:
            document = process(source, shown)
            write_atomic(target, to_json(document))
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


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline",
                                     description="Chinese newspaper pages to structured JSON.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("extract", help="process PDFs, text files or folders into JSON")
    run.add_argument("paths", nargs="+", metavar="PATH", help="a PDF, a text file, or a folder")
    run.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    run.add_argument("--no-progress", action="store_true", help="no progress bar")
    run.add_argument("--shard", default="1/1", metavar="I/N",
                     help="process only the I-th of N equal shares of the inputs (many machines)")
    look = commands.add_parser("review", help="write an HTML review page beside each output JSON")
    look.add_argument("outputs", type=Path, metavar="OUT", help="an output folder or JSON file")
    look.add_argument("--sources", type=Path, metavar="DIR",
                      help="the folder the inputs came from (to draw PDF pages)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    if args.command == "review":
        from pipeline.review import review

        count = review(args.outputs, args.sources)
        print(f"{count} review page(s) written beside the JSON in {args.outputs}", file=sys.stderr)
        return 0
    try:
        return extract(args.paths, args.output, progress=False if args.no_progress else None,
                       shard=parse_shard(args.shard))
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
