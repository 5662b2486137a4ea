"""Which files a run reads and where each one's JSON goes.

Folders are walked recursively, following symlinks; a symlink loop and an unreadable folder
are each reported as one problem and skipped, never fatal. Two inputs that would write the same
output are refused before any work starts.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pipeline.errors import UsageError
from pipeline.stages import INPUT_SUFFIXES


@dataclass(frozen=True)
class PlannedFile:
    source: Path  # the input as found
    target: Path  # its JSON
    shown: str  # path recorded in the JSON (relative to the folder given)


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str


def _is_input(name: str) -> bool:
    return not name.startswith(".") and Path(name).suffix.lower() in INPUT_SUFFIXES


def _walk(root: Path, problems: list[Problem]) -> list[Path]:
    """Input files under `root`, sorted; loops and unreadable folders go to `problems`."""
    found: list[Path] = []
    seen: dict[tuple[int, int], str] = {}

    def failed(error: OSError) -> None:
        reason = error.strerror.lower() if error.strerror else "cannot be read"
        problems.append(Problem(str(error.filename or root), f"folder skipped: {reason}"))

    for folder, dirs, files in os.walk(root, onerror=failed, followlinks=True):
        try:
            info = os.stat(folder)
        except OSError as error:
            failed(error)
            dirs[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            problems.append(Problem(folder, f"folder skipped: symlink loop (same folder as {seen[key]})"))
            dirs[:] = []
            continue
        seen[key] = folder
        dirs.sort()
        for name in files:
            path = Path(folder) / name
            if _is_input(name) and path.is_file():
                found.append(path)
    return sorted(found)


def plan(inputs: Sequence[str], out_dir: Path) -> tuple[list[PlannedFile], list[Problem]]:
    """Map every input file to its output path.

    A folder contributes its files under their path relative to the folder; a file given by
    name lands at the top of the output folder.
    """
    planned: list[PlannedFile] = []
    problems: list[Problem] = []
    for argument in inputs:
        root = Path(argument)
        if root.is_dir():
            for file in _walk(root, problems):
                relative = file.relative_to(root)
                planned.append(PlannedFile(file, out_dir / relative.with_suffix(".json"),
                                           relative.as_posix()))
        elif root.is_file():
            planned.append(PlannedFile(root, out_dir / (root.stem + ".json"), root.name))
        else:
            raise UsageError(f"{argument}: no such file or folder")
    seen: dict[Path, Path] = {}
    for item in planned:
        if item.target in seen:
            raise UsageError(f"{seen[item.target]} and {item.source} would both write {item.target}")
        seen[item.target] = item.source
    return planned, problems


def parse_shard(value: str) -> tuple[int, int]:
    """`2/8` -> (2, 8): this machine takes every 8th file, starting with the 2nd (1-based)."""
    try:
        index, count = (int(part) for part in value.split("/"))
    except ValueError:
        raise UsageError(f"--shard {value}: expected I/N, such as 1/4") from None
    if not 1 <= index <= count:
        raise UsageError(f"--shard {value}: I must be between 1 and N")
    return index, count
