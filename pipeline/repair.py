"""Repair fake-bold and double-read artifacts in already-extracted text.

Fake-bold headlines are drawn k times (2-3 usually, more on some presses); text extractors then
emit each run of the headline repeated (`打好产改之路组合拳打好产改之路组合拳打好产改之路组合拳`)
or each character repeated (`“““工工工”””`), often both in one line. A line is repaired only
when *all* of it decomposes into units that each repeat exactly k times (the same k for the
whole line): genuine reduplication (`一个个`, `纷纷`, `研究研究`) never fills a whole printed
line, so clean text is never touched. Lines are checked whitespace-chunk by chunk, so
`甲甲乙乙 丙丙` works too.

OCR duplicates differently: a line detected twice gives its whole text twice, with or without
a space between the copies (`大国工匠 风采 大国工匠 风采`). Such a line is collapsed only when it
stands alone (headlines do), under the same guards.

Repair is idempotent: single passes are repeated until nothing changes, so a phrase printed 6, 8
or 12 times ends as one copy whatever order the passes find. It never adds a character: the
result is the subsequence of kept indices, which also carries the per-character boxes.
Work is bounded: the tiling search is iterative (no recursion in run length) and gives up,
leaving the line as printed, past a budget linear in the line length.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from math import gcd
from typing import Optional, Sequence

import regex

from pipeline.document import Line, Repair

# A doubled line must collapse to 4+ characters: `纷纷`, `常常看看`, `不敢当不敢当`, `强强！强强！`
# (genuine) stay as printed; lines printed 3+ times are never genuine past 2 characters.
MIN_REPAIRED_CHARS_DOUBLED = 4
MIN_REPAIRED_CHARS = 2
# Character comparisons allowed per character of the line before the search gives up: real
# fake-bold lines need a few; only adversarial near-repetitions (a long rule ending in a stray
# character) come near it.
WORK_PER_CHAR = 64
WORK_FLOOR = 4096
FAKE_BOLD = "fake-bold"
REPEATED_LINE = "repeated-line"

_CHUNK = re.compile(r"\S+")
_WHITESPACE_RUN = re.compile(r"\s+")
_RUN = re.compile(r"(.)\1*", re.S)
_HAN = regex.compile(r"\p{Han}")


@dataclass(frozen=True)
class Collapse:
    """Which characters of a line survive a repair: `kept` indexes the input, increasing."""

    kept: tuple[int, ...]
    copies: int  # how many times each kept character was printed
    method: str  # FAKE_BOLD or REPEATED_LINE

    def apply(self, text: str) -> str:
        return "".join(text[i] for i in self.kept)


class _OutOfWork(Exception):
    pass


class _Budget:
    def __init__(self, size: int) -> None:
        self.left = WORK_FLOOR + WORK_PER_CHAR * size

    def spend(self, amount: int) -> None:
        self.left -= amount
        if self.left < 0:
            raise _OutOfWork


def _unit_at(text: str, i: int, end: int, k: int, smallest: int, failed: set[int],
             budget: _Budget, run: list[int]) -> Optional[int]:
    """The shortest unit size >= `smallest` such that text[i:] starts with that unit k times and
    the rest (from i + size*k) is not known to fail; None when there is none."""
    first = text[i]
    limit = (end - i) // k
    size = smallest
    if size > 1 and i + 1 < end and text[i + 1] == first:
        # Inside a run of one character, a longer unit made of it is that character repeated:
        # not a new tiling. Skip past the run (found once per run, so long rules stay linear).
        if not run[0] <= i < run[1]:
            run[0], run[1] = i, _RUN.match(text, i, end).end()  # type: ignore[union-attr]
            budget.spend(run[1] - i)
        size = max(size, run[1] - i + 1)
    while size <= limit:
        # A unit repeated k times starts each copy with the same character: jump to the next one.
        j = text.find(first, i + size, i + limit + 1)
        if j < 0:
            return None
        size = j - i
        budget.spend(1 + size * (k - 1))
        unit = text[i : i + size]
        if all(text.startswith(unit, i + copy * size) for copy in range(1, k)) \
                and i + size * k not in failed:
            return size
        size += 1
    return None


def tile(text: str, start: int, end: int, k: int, budget: Optional[_Budget] = None
         ) -> Optional[list[tuple[int, int]]]:
    """Units (position, size) that tile text[start:end] as u1*k + u2*k + ..., or None.

    Shortest unit first (`“““工工工”””` is per-character, `筑牢由筑牢由筑牢由` per-run), with
    backtracking (`纷纷表示纷纷表示` is one unit, not `纷`); an explicit stack and a memo of
    positions known to fail keep it iterative and each position explored once.
    """
    if (end - start) % k:
        return None
    budget = budget or _Budget(end - start)
    failed: set[int] = set()
    path: list[tuple[int, int]] = []
    run = [0, 0]  # the last run of one character met: [start, end)
    i, smallest = start, 1
    while i < end:
        size = _unit_at(text, i, end, k, smallest, failed, budget, run)
        if size is None:
            failed.add(i)
            if not path:
                return None
            i, size = path.pop()
            smallest = size + 1
            continue
        path.append((i, size))
        i, smallest = i + size * k, 1
    return path


def _divisors_descending(n: int) -> list[int]:
    small = [d for d in range(2, int(n ** 0.5) + 1) if n % d == 0]
    return sorted(set(small + [n // d for d in small] + ([n] if n >= 2 else [])), reverse=True)


def _fake_bold(text: str, chunks: list[tuple[int, int]], isolated: bool) -> Optional[Collapse]:
    """Every whitespace chunk tiled by units printed k times (the largest k that fits)."""
    budget = _Budget(len(text))
    # Each unit is printed k times, so k divides how often every character occurs: one count
    # rules out almost every clean line before any search.
    counts: Counter[str] = Counter()
    for start, end in chunks:
        counts.update(text[start:end])
    common = 0
    for count in counts.values():
        common = gcd(common, count)
        if common == 1:
            return None
    for k in _divisors_descending(common):
        tilings = []
        for start, end in chunks:
            units = tile(text, start, end, k, budget)
            if units is None:
                break
            tilings.append(units)
        else:
            repaired_chars = sum(size for units in tilings for _, size in units)
            if repaired_chars < (MIN_REPAIRED_CHARS_DOUBLED if k == 2 else MIN_REPAIRED_CHARS):
                continue
            if k == 2 and not isolated and all(len(units) == 1 and units[0][1] > 1 for units in tilings):
                continue  # whole phrases printed twice inside running text (a table header cut)
            dropped = {i for units in tilings for pos, size in units for i in range(pos + size, pos + size * k)}
            return Collapse(tuple(i for i in range(len(text)) if i not in dropped), k, FAKE_BOLD)
    return None


def _repeated_line(text: str, first: int, last: int) -> Optional[Collapse]:
    """text[first:last] is one phrase printed m >= 2 times, copies joined by nothing or by the
    same whitespace: keep the first copy."""
    body = text[first:last]
    separators = sorted(set(_WHITESPACE_RUN.findall(body)))
    for sep in ["", *separators]:
        joined = body + sep
        for copies in _divisors_descending(len(joined)):
            period = len(joined) // copies
            if period <= len(sep) or not joined.endswith(sep):
                continue
            phrase = joined[:period]
            if not phrase.endswith(sep) or phrase * copies != joined:
                continue
            kept_len = period - len(sep)
            if sum(not ch.isspace() for ch in phrase[:kept_len]) < (
                    MIN_REPAIRED_CHARS_DOUBLED if copies == 2 else MIN_REPAIRED_CHARS):
                continue
            kept = tuple(range(first)) + tuple(range(first, first + kept_len)) + tuple(range(last, len(text)))
            return Collapse(kept, copies, REPEATED_LINE)
    return None


def _one_pass(text: str, isolated: bool) -> Optional[Collapse]:
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip())
    if last - first < 4:
        return None
    body = text[first:last]
    # Every kept unit is a piece of the line, so the output has the line's characters: check
    # once here that it is Chinese text with more than one distinct character.
    letters = set(body)
    if sum(not ch.isspace() for ch in letters) < 2 or not _HAN.search(body):
        return None
    chunks = [(m.start() + first, m.end() + first) for m in _CHUNK.finditer(body)]
    try:
        found = _fake_bold(text, chunks, isolated)
    except _OutOfWork:
        found = None
    if found is None and isolated:
        found = _repeated_line(text, first, last)
    return found


def find_collapse(text: str, isolated: bool = True) -> Optional[Collapse]:
    """The repair of one line, as the kept indices of `text`; None when the line is left alone.

    `isolated` says the line stands alone (blank lines or the page edge around it, as headlines
    do). A line that is just one phrase printed twice (`总量平均每镇总量平均每镇`, a table header
    cut by a column) is genuine unless it stands alone.
    """
    kept: Sequence[int] = range(len(text))
    current, copies, methods = text, 1, []
    while True:  # each pass at least halves the letters, so this ends within log2(len) passes
        step = _one_pass(current, isolated)
        if step is None:
            break
        kept = [kept[i] for i in step.kept]
        current = step.apply(current)
        copies *= step.copies
        methods.append(step.method)
    if copies == 1:
        return None
    method = FAKE_BOLD if all(m == FAKE_BOLD for m in methods) else REPEATED_LINE
    return Collapse(tuple(kept), copies, method)


def repair_text(text: str, isolated: bool = True) -> tuple[str, Optional[int]]:
    """Undo repetition over a whole line; returns (text, copies) or (text, None)."""
    found = find_collapse(text, isolated)
    if found is None:
        return text, None
    return found.apply(text), found.copies


def repair_line(line: Line, isolated: bool = True) -> Line:
    """Repair one line, recording the repair; per-character boxes follow the kept (first) copies."""
    found = find_collapse(line.text, isolated)
    if found is None:
        return line
    fixed = found.apply(line.text)
    boxes = None
    if line.boxes is not None:
        boxes = [line.boxes[i] if i < len(line.boxes) else None for i in found.kept]
    start = len(fixed) - len(fixed.lstrip())
    end = len(fixed.rstrip())
    record = Repair(
        before=line.text.strip(), after=fixed[start:end], start=start, end=end,
        method=f"{found.method}-x{found.copies}",
    )
    return replace(line, text=fixed, boxes=boxes, repairs=[*line.repairs, record], bold=True)


def repair_lines(lines: list[Line]) -> list[Line]:
    """Repair every line; a line is isolated when no running text touches it."""
    blank = [not line.text.strip() for line in lines]
    out = []
    for i, line in enumerate(lines):
        before = i == 0 or blank[i - 1]
        after = i == len(lines) - 1 or blank[i + 1]
        out.append(repair_line(line, isolated=before and after))
    return out
