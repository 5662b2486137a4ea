"""Fake-bold repair must leave every People's Daily 1998 line unchanged.

Checks each paragraph whole, and cut into column-width lines of 6 to 24 characters (as a
newspaper column would print it), and counts the genuine reduplications the corpus holds.
"""
from __future__ import annotations

import sys
import time

import regex

from pipeline.corpus import DEFAULT_PATH, iter_plain_lines
from pipeline.repair import repair_text

DOUBLED = regex.compile(r"(\p{Han})\1")
TRIPLED = regex.compile(r"(\p{Han})\1\1")
COLUMN_WIDTHS = (6, 8, 10, 12, 16, 20, 24)


def main() -> int:
    if not DEFAULT_PATH.exists():
        print(f"eval_repair: {DEFAULT_PATH} missing; run `make corpus`", file=sys.stderr)
        return 1
    started = time.perf_counter()
    lines = checked = changed = doubled = tripled = 0
    examples: list[str] = []
    for text in iter_plain_lines():
        lines += 1
        doubled += len(DOUBLED.findall(text))
        tripled += len(TRIPLED.findall(text))
        # A paragraph stands alone on its line; a column cut sits inside running text.
        pieces = [(text, True)] + [
            (text[i : i + w], False) for w in COLUMN_WIDTHS for i in range(0, len(text), w)
        ]
        for piece, isolated in pieces:
            checked += 1
            if repair_text(piece, isolated)[1] is not None:
                changed += 1
                if len(examples) < 10:
                    examples.append(piece)
    elapsed = time.perf_counter() - started
    print("== repair: People's Daily 1998-01, whole corpus ==")
    print(f"paragraphs: {lines}  genuine doubled chars: {doubled}  tripled: {tripled}")
    print(f"lines checked (paragraphs + column cuts at widths {COLUMN_WIDTHS}): {checked}")
    print(f"lines changed: {changed}  ({elapsed:.1f} s)")
    for example in examples:
        print(f"  changed: {example}")
    return 0 if changed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
