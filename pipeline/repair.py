"""Repair fake-bold artifacts in already-extracted text.

Fake-bold headlines are drawn 2-3 times; text extractors then emit each run of the headline
repeated (`打好产改之路组合拳打好产改之路组合拳打好产改之路组合拳`) or each character repeated
(`“““工工工”””`), often both in one line. A line is repaired only when *all* of it decomposes
into units that each repeat exactly k times (the same k for the whole line): genuine
reduplication (`一个个`, `纷纷`, `研究研究`) never fills a whole printed line, so clean text is
never touched. Lines are checked whitespace-chunk by chunk, so `甲甲乙乙 丙丙` works too.
"""
from __future__ import annotations

import re

import regex
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from pipeline.document import Line, Repair

REPEATS = (4, 3, 2)  # highest count first: a tripled run is also "doubled" in places
# A doubled line must collapse to 4+ characters: `纷纷`, `常常看看`, `不敢当不敢当`, `强强！强强！`
# (genuine) stay as printed; tripled and quadrupled lines are never genuine past 2 characters.
MIN_REPAIRED_CHARS = {2: 4, 3: 2, 4: 2}
_WHITESPACE = re.compile(r"\s+")
_HAN = regex.compile(r"\p{Han}")


def collapse(chunk: str, k: int) -> Optional[str]:
    """Return `chunk` with each k-fold repeated unit kept once, or None if it doesn't tile."""

    @lru_cache(maxsize=None)
    def solve(i: int) -> Optional[str]:
        if i == len(chunk):
            return ""
        # Shortest unit first: `“““工工工”””` is per-character, `筑牢由筑牢由筑牢由` per-run.
        for size in range(1, (len(chunk) - i) // k + 1):
            unit = chunk[i : i + size]
            if chunk[i : i + size * k] != unit * k:
                continue
            rest = solve(i + size * k)
            if rest is not None:
                return unit + rest
        return None

    result = solve(0)
    solve.cache_clear()
    return result


def repair_text(text: str, isolated: bool = True) -> tuple[str, Optional[int]]:
    """Undo fake-bold repetition over a whole line; returns (text, k) or (text, None).

    `isolated` says the line stands alone (blank lines or the page edge around it, as
    headlines do). A line that is just one phrase printed twice (`总量平均每镇总量平均每镇`,
    a table header cut by a column) is genuine unless it stands alone.
    """
    stripped = text.strip()
    if len(stripped) < 4:
        return text, None
    chunks = _WHITESPACE.split(stripped)
    for k in REPEATS:
        collapsed = [collapse(chunk, k) for chunk in chunks]
        if any(c is None for c in collapsed):
            continue
        repaired_chars = sum(len(c) for c in collapsed)  # type: ignore[arg-type]
        distinct = len(set("".join(collapsed)))  # type: ignore[arg-type]
        if repaired_chars < MIN_REPAIRED_CHARS[k] or distinct < 2:
            continue
        if not any(_HAN.match(c) for c in "".join(collapsed)):  # type: ignore[arg-type]
            continue  # `８８２２８８` or `％）（±％）（±` are table cells, not headlines
        if k == 2 and not isolated and all(c * 2 == chunk for c, chunk in zip(collapsed, chunks)):
            if all(len(c) > 1 for c in collapsed):  # type: ignore[arg-type]
                continue  # whole phrases printed twice inside running text
        # Re-insert the original whitespace between chunks.
        seps = _WHITESPACE.findall(stripped)
        out = collapsed[0]
        for sep, chunk in zip(seps, collapsed[1:]):
            out += sep + chunk  # type: ignore[operator]
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        return lead + out + trail, k  # type: ignore[operator]
    return text, None


def repair_line(line: Line, isolated: bool = True) -> Line:
    """Repair one line, recording the repair; per-character boxes follow the kept copies."""
    fixed, k = repair_text(line.text, isolated)
    if k is None:
        return line
    boxes = _kept_boxes(line, fixed, k)
    start = len(fixed) - len(fixed.lstrip())
    end = len(fixed.rstrip())
    record = Repair(
        before=line.text.strip(), after=fixed[start:end], start=start, end=end,
        method=f"fake-bold-x{k}",
    )
    return replace(line, text=fixed, boxes=boxes, repairs=[*line.repairs, record], bold=True)


def _kept_boxes(line: Line, fixed: str, k: int) -> Optional[list]:
    """Keep the box of the first drawn copy of each character (greedy alignment)."""
    if line.boxes is None:
        return None
    kept, j = [], 0
    for ch in fixed:
        while j < len(line.text) and line.text[j] != ch:
            j += 1
        kept.append(line.boxes[j] if j < len(line.text) else None)
        j += 1
    return kept


def repair_lines(lines: list[Line]) -> list[Line]:
    """Repair every line; a line is isolated when no running text touches it."""
    blank = [not line.text.strip() for line in lines]
    out = []
    for i, line in enumerate(lines):
        before = i == 0 or blank[i - 1]
        after = i == len(lines) - 1 or blank[i + 1]
        out.append(repair_line(line, isolated=before and after))
    return out
