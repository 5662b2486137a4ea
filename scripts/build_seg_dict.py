"""Build pipeline/resources/seg_dict.txt.gz (word freq most-frequent-tag) from the training split.

Usage: .venv/bin/python scripts/build_seg_dict.py   (deterministic; names merged as in corpus_split)
"""
from __future__ import annotations

import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.nlp.corpus_split import iter_split  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "resources" / "seg_dict.txt.gz"
_FW = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}


def dictionary_rows(lines: Iterable[list[tuple[str, str]]]) -> list[tuple[str, int, str]]:
    """(word, frequency, most frequent tag) over name-merged corpus lines, sorted by word, plus
    jieba's tag for single characters the lines never show alone (frequency 1)."""
    freq: Counter[str] = Counter()
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    for pairs in lines:
        for word, pos in pairs:
            for w in {word, word.translate(_FW)}:
                freq[w] += 1
                tags[w][pos] += 1
    rows = [(w, freq[w], tags[w].most_common(1)[0][0]) for w in sorted(freq) if " " not in w]
    import jieba
    jieba_dict = Path(jieba.__file__).parent / "dict.txt"
    with open(jieba_dict, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) == 1 and parts[0] not in freq:
                rows.append((parts[0], 1, parts[2]))
    return rows


def main() -> None:
    rows = dictionary_rows(iter_split("train"))
    data = "".join(f"{w} {n} {t}\n" for w, n, t in rows).encode("utf-8")
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9,
                                                mtime=0, filename="") as handle:
        handle.write(data)  # mtime 0: the same corpus gives the same bytes
    print(f"{len(rows)} words -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
