"""The entry point: find every number in a text and return its facts.

Numbers are found with the master pattern (patterns.py) on a length-preserving
normalised copy of the text (normalize.py), never from token boundaries; tokens
and POS tags are used for subjects and to reject numerals that are part of
ordinary words (一切, 四川, 进一步).  Tables are read cell by cell (cells.py).
"""
from __future__ import annotations

from typing import Iterable

import re

from .around import attach_surroundings
from .cells import Cell, clip_tokens, regions
from .changes import link_changes_and_ranges, mark_change_amounts
from .filters import keep
from .lexicon import IDIOM_RE
from .mention import Context, Mention, Token
from .normalize import normalize
from .output import fact_dict
from .patterns import MASTER
from .reader import SKIP, read_number
from .spans import SpanSet
from .subject import assign_subjects

QUOTE_RE = re.compile(r"“[^”“]{1,12}”")


def _next_start(norm: str, pos: int) -> int:
    """Where to search again after a candidate at `pos` was rejected: past the digit
    run it starts, since no number starts inside a run of digits."""
    pos += 1
    n = len(norm)
    while pos < n and "0" <= norm[pos] <= "9" and "0" <= norm[pos - 1] <= "9":
        pos += 1
    return pos


def find_mentions(ctx: Context, strict: bool) -> list[Mention]:
    """Every number of the text that is a fact, in text order, before subjects."""
    norm = ctx.norm
    masked = SpanSet((m.start(), m.end()) for m in IDIOM_RE.finditer(norm))
    # short quoted names without a unit: “两新”, “1+4+3+X”, “六帮一体验”
    quotes = SpanSet((q.start(), q.end()) for q in QUOTE_RE.finditer(norm)) if strict else None
    mentions: list[Mention] = []
    pos, n = 0, len(norm)
    while pos < n:
        m = MASTER.search(norm, pos)
        if not m:
            break
        mt = read_number(ctx, m, strict)
        if mt is SKIP:
            pos = m.end()
            continue
        if mt is None:
            # a rejected run is skipped whole; other patterns retry one character on
            pos = m.end("core") if m.lastgroup == "num" else _next_start(norm, m.start())
            continue
        attach_surroundings(ctx, mt)
        pos = max(m.end() if m.lastgroup != "num" else mt.cend, mt.end, m.start() + 1)
        if not keep(ctx, mt, strict, masked):
            continue
        if quotes is not None and mt.bare and quotes.encloses(mt.start, mt.end):
            continue
        mentions.append(mt)
    mark_change_amounts(norm, mentions)
    link_changes_and_ranges(norm, mentions)
    return mentions


def _region_facts(text: str, tokens: list[Token], strict: bool, subject: str | None) -> list[dict]:
    ctx = Context(text, normalize(text), tokens)
    mentions = find_mentions(ctx, strict)
    if subject:
        for mt in mentions:
            mt.subject = subject
    assign_subjects(ctx, mentions)
    return [fact_dict(text, mt) for mt in mentions]


def extract_facts(text: str, tokens: list[Token], strict_context: bool = True,
                  cells: Iterable[Cell] = ()) -> list[dict]:
    """The numeric facts of `text`, sorted by (start, end).

    tokens: (start, end, POS) from `pipeline.nlp.annotate(text)`.
    strict_context: news text (True) or isolated phrases (False, see the package doc).
    cells: (start, end, subject) table cells; a number inside a cell is read from the
    cell's characters only and takes `subject` (row + column headers) when non-empty.
    """
    tokens = list(tokens)
    parts = regions(len(text), cells)
    if len(parts) == 1:
        out = _region_facts(text, tokens, strict_context, None)
    else:
        out = []
        starts = [t[0] for t in tokens]
        group_base = 0
        for r in parts:
            facts = _region_facts(text[r.start:r.end], clip_tokens(tokens, starts, r.start, r.end),
                                  strict_context, r.subject)
            top = 0
            for f in facts:
                f["start"] += r.start
                f["end"] += r.start
                if f["group"] is not None:
                    top = max(top, f["group"])
                    f["group"] += group_base
            group_base += top
            out.extend(facts)
    out.sort(key=lambda f: (f["start"], f["end"]))
    return out
