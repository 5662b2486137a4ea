"""Incremental runs: what an output was made from, kept beside it, so an unchanged input is
skipped and a changed one redone.

Beside `p7.json` lies `.p7.json.done` (dot files are ignored by everything reading the output
folder): the input's key (content hash, pipeline version, output-affecting options, content
hash of the input's corrections file) and the pages/chars figures for the run report. It is
written after the JSON, atomically: a run killed between the two only redoes that file.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Optional

from pipeline.export import write_atomic
from pipeline.ingest.pdf import sha256_of
from pipeline.stages import Options

# Options that bound the work but never change an output that was written.
NOT_IN_KEY = {"max_pages", "max_glyphs", "max_chars", "ocr_threads"}  # settings that never change the output


def corrections_hash(options: Options, input_sha: str) -> Optional[str]:
    """Content hash of `<corrections dir>/<sha256>.json`, None when there is none."""
    if not options.corrections:
        return None
    path = Path(options.corrections) / f"{input_sha}.json"
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def input_key(source: Path, options: Options, version: str) -> dict:
    sha = sha256_of(str(source))
    settings = {k: v for k, v in sorted(dataclasses.asdict(options).items()) if k not in NOT_IN_KEY}
    settings.pop("corrections", None)  # the folder's name does not matter, its file does
    return {"sha256": sha, "pipeline_version": version, "options": settings,
            "corrections": corrections_hash(options, sha)}


def marker_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.done")


def read_marker(target: Path) -> Optional[dict]:
    try:
        return json.loads(marker_path(target).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_current(target: Path, key: dict) -> Optional[dict]:
    """The marker when `target` exists and was made from exactly this key, else None."""
    marker = read_marker(target)
    if marker is None or marker.get("key") != key or not target.is_file():
        return None
    return marker


def write_marker(target: Path, key: dict, pages: Optional[int], chars: Optional[int]) -> None:
    write_atomic(marker_path(target), json.dumps({"key": key, "pages": pages, "chars": chars},
                                                 ensure_ascii=False, sort_keys=True) + "\n")


def remove_marker(target: Path) -> None:
    marker_path(target).unlink(missing_ok=True)


def remove_stale_temporaries(target: Path) -> int:
    """Delete `.NAME.json.*.tmp` left by a killed run (atomic writes not yet renamed)."""
    removed = 0
    if not target.parent.is_dir():
        return 0
    for prefix in (f".{target.name}.", f".{marker_path(target).name}."):
        for stale in target.parent.glob(f"{glob_escape(prefix)}*.tmp"):
            stale.unlink(missing_ok=True)
            removed += 1
    return removed


def glob_escape(text: str) -> str:
    import glob

    return glob.escape(text)
