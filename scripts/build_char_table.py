"""Build `pipeline/resources/common_chars.txt`: the most frequent Chinese characters of People's
Daily, January 1998 (`data/199801.txt`, fetched by `make corpus`), most frequent first.

Text-layer verdicts (`pipeline/ingest/textlayer.py`) judge whether decoded text reads like news
by the share of its characters found in this table. The top 3000 characters cover 99.7% of the
corpus's Chinese characters; mis-decoded byte pairs or an old OCR's guesses land mostly outside.

    .venv/bin/python scripts/build_char_table.py
"""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "199801.txt"
TABLE = ROOT / "pipeline" / "resources" / "common_chars.txt"
SIZE = 3000
PER_LINE = 50


def main() -> int:
    if not CORPUS.exists():
        print(f"{CORPUS} missing: run `make corpus`", file=sys.stderr)
        return 1
    text = re.sub(r"/[A-Za-z]+", "", CORPUS.read_text(encoding="utf-8"))  # drop POS tags
    counts = collections.Counter(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    total = sum(counts.values())
    # Ties broken by code point so the table does not depend on dict order.
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:SIZE]
    chars = "".join(ch for ch, _ in ranked)
    covered = sum(n for _, n in ranked) / total
    lines = [chars[i : i + PER_LINE] for i in range(0, len(chars), PER_LINE)]
    header = (f"# {SIZE} most frequent Chinese characters of data/199801.txt, most frequent first "
              f"(cover {covered:.2%} of its {total} Chinese characters); built by "
              f"scripts/build_char_table.py\n")
    TABLE.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}: {len(chars)} characters, coverage {covered:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
