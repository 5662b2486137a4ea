"""Years and calendar dates: 1997年, 2021年10月20日, 二〇二四年三月五日, 10月20日.

Values are ISO strings: "1997", "2021-10", "2021-10-20", "--10-20" (no year),
"--10" (month only), "---20" (day only).
"""
from __future__ import annotations

import re

from .numerals import NumeralError, parse_number

_CN = "零〇○一二三四五六七八九十"
MONTH_RE = re.compile(rf"[ ]*(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])[ ]*月(?!份?[ ]*[{_CN}0-9]*[ ]*个)")
DAY_RE = re.compile(rf"[ ]*(?P<d>3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[ ]*(?:日|号)")

_POSITIONAL = set("零〇○一二三四五六七八九")


def year_value(core: str) -> str | None:
    """ISO year when `core` (a numeral string) reads as a calendar year."""
    c = core.replace(" ", "")
    if len(c) == 4 and c.isdigit():
        y = int(c)
        return c if 1000 <= y <= 2199 else None
    if len(c) == 4 and all(ch in _POSITIONAL for ch in c):
        try:
            return f"{int(parse_number(c)):04d}"
        except NumeralError:
            return None
    return None  # 97年 / 两千年: a duration unless a month follows (see extractor)


def small_int(s: str) -> int | None:
    try:
        v = parse_number(s)
    except NumeralError:
        return None
    if v != int(v):
        return None
    return int(v)


def iso(year: str | None, month: int | None, day: int | None) -> str:
    if year and month and day:
        return f"{year}-{month:02d}-{day:02d}"
    if year and month:
        return f"{year}-{month:02d}"
    if year:
        return year
    if month and day:
        return f"--{month:02d}-{day:02d}"
    if month:
        return f"--{month:02d}"
    return f"---{day:02d}"
