"""Build pipeline/resources/seg_dict.txt.gz (word freq most-frequent-tag) and
pipeline/resources/name_chars.txt (how characters are used in people's names) from the training
split.

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
NAME_CHARS = OUT.parent / "name_chars.txt"
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


COMMON_CHAR = 50  # characters at least this frequent in the text are listed even if no name uses them


def name_char_rows(lines: Iterable[list[tuple[str, str]]]) -> list[tuple[str, int, int, int, int]]:
    """(surname, given-name use, single-word foreign-name use, all uses) counts per character or
    two-character surname, over the raw `nr` runs of the lines (江/nr 泽民/nr: 江 a surname,
    泽 民 given-name characters; 叶利钦/nr: foreign)."""
    surname: Counter[str] = Counter()
    given: Counter[str] = Counter()
    foreign: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for pairs in lines:
        for w, _ in pairs:
            total.update(w)
        k = 0
        while k < len(pairs):
            if pairs[k][1] != "nr":
                k += 1
                continue
            j = k
            while j < len(pairs) and pairs[j][1] == "nr":
                j += 1
            words = [w for w, _ in pairs[k:j]]
            if len(words) >= 2 and len(words[0]) <= 2:
                surname[words[0]] += 1
                given.update("".join(words[1:]))
            elif len(words) == 1 and len(words[0]) >= 3:
                foreign.update(words[0])
            k = j
    keys = set(surname) | set(given) | set(foreign) | {c for c, n in total.items() if n >= COMMON_CHAR}
    return [(c, surname[c], given[c], foreign[c], total[c]) for c in sorted(keys)
            if not c.isspace() and c.isprintable()]


def main() -> None:
    from pipeline.corpus import iter_tagged_lines
    from pipeline.nlp.corpus_split import is_test
    raw = [p for i, p in enumerate(iter_tagged_lines()) if not is_test(i)]
    names = name_char_rows(raw)
    NAME_CHARS.write_text("".join(f"{c} {a} {b} {f} {t}\n" for c, a, b, f, t in names),
                          encoding="utf-8")
    print(f"{len(names)} name characters -> {NAME_CHARS}")
    rows = dictionary_rows(iter_split("train"))
    data = "".join(f"{w} {n} {t}\n" for w, n, t in rows).encode("utf-8")
    with open(OUT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9,
                                                mtime=0, filename="") as handle:
        handle.write(data)  # mtime 0: the same corpus gives the same bytes
    print(f"{len(rows)} words -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
