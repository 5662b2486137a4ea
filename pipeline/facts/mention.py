"""A number found in the text while it is being read, and the text around it."""
from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal

from .magnitude import bounded

Token = tuple[int, int, str]


class Mention:
    """One number being read.  `start`/`end` is the fact span (markers included),
    `cstart`/`cend` the numeral itself; `value` is a Decimal or an ISO date string."""

    __slots__ = ("start", "end", "cstart", "cend", "value", "unit", "approx", "kind", "role",
                 "group", "chinese", "scale", "subject", "bare", "one_cn", "ustart", "pair",
                 "note")

    def __init__(self, start: int, end: int, value: Decimal | str, kind: str = "count"):
        self.start = start
        self.end = end
        self.cstart = start
        self.cend = end
        self.note: str | None = None  # why the value was not kept
        if isinstance(value, Decimal):
            value, self.note = bounded(value)
        self.value = value
        self.unit: str | None = None
        self.approx: str | None = None
        self.kind = kind
        self.role: str | None = None
        self.group: int | None = None
        self.chinese = False       # written with Chinese numerals only
        self.scale: str | None = None  # 万 / 亿 / 兆 inside the numeral
        self.subject: str | None = None
        self.bare = True           # no unit, measure word or % after it
        self.one_cn = False        # the numeral is a lone 一
        self.ustart: int | None = None
        self.pair = False          # first digit of 三四个 / 两三天 (a vague range)


class Context:
    """The text, its normalised copy (same length) and its tokens."""

    def __init__(self, text: str, norm: str, tokens: list[Token]):
        self.text = text
        self.norm = norm
        self.tokens = tokens
        self.starts = [t[0] for t in tokens]

    def token_at(self, pos: int) -> Token | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.tokens[i][0] <= pos < self.tokens[i][1]:
            return self.tokens[i]
        return None
