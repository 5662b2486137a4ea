"""The pipeline version that decides whether an earlier output is still current.

`pipeline_version()` = the package version plus a hash of every product file (code and
resources, by path and content), so any code or model change re-runs every input while an
unchanged checkout skips them.
"""
from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

PACKAGE = "newspaper-pipeline"
_ROOT = Path(__file__).resolve().parent.parent  # the `pipeline` package
_SKIPPED_PARTS = {"__pycache__"}


def _package_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def tree_hash(root: Path) -> str:
    """Hash of every file under `root` (paths and contents), caches and bytecode left out."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or _SKIPPED_PARTS & set(relative.parts) or path.suffix == ".pyc":
            continue
        digest.update(relative.as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def code_hash() -> str:
    return tree_hash(_ROOT)


def pipeline_version() -> str:
    return f"{_package_version()}+{code_hash()}"
