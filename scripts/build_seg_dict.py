"""Build pipeline/resources/seg_dict.txt.gz (word freq most-frequent-tag) from the training split.

Usage: .venv/bin/python scripts/build_seg_dict.py   (deterministic; names merged as in corpus_split)
"""
from __future__ import annotations

import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.nlp.corpus_split import iter_split  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "resources" / "seg_dict.txt.gz"
_FW = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}


def main() -> None:
    freq: Counter[str] = Counter()
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    for pairs in iter_split("train"):
        for word, pos in pairs:
            for w in {word, word.translate(_FW)}:
                freq[w] += 1
                tags[w][pos] += 1
    lines = [f"{w} {freq[w]} {tags[w].most_common(1)[0][0]}\n"
             for w in sorted(freq) if " " not in w]
    # POS fallback for single characters the corpus never shows alone (traditional forms etc.):
    # jieba's own dictionary tag, frequency 1 (same path score as an unknown character)
    import jieba
    jieba_dict = Path(jieba.__file__).parent / "dict.txt"
    with open(jieba_dict, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) == 1 and parts[0] not in freq:
                lines.append(f"{parts[0]} 1 {parts[2]}\n")
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.writelines(lines)
    print(f"{len(lines)} words -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
