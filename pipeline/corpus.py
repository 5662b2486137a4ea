"""Reader for People's Daily January 1998 (`word/POS` tokens separated by two spaces)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "199801.txt"


def iter_tagged_lines(path: Path = DEFAULT_PATH) -> Iterator[list[tuple[str, str]]]:
    """Yield each non-empty line as [(word, pos)]; the leading date-id token is dropped."""
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            pairs = []
            for item in raw.split():
                word, _, pos = item.rpartition("/")
                if word:
                    pairs.append((word.lstrip("["), pos.split("]")[0]))
            if pairs and pairs[0][0][:8].isdigit() and "-" in pairs[0][0]:
                pairs = pairs[1:]
            if pairs:
                yield pairs


def iter_plain_lines(path: Path = DEFAULT_PATH) -> Iterator[str]:
    for pairs in iter_tagged_lines(path):
        yield "".join(word for word, _ in pairs)
