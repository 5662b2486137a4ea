"""Numeral parsing: Arabic, Chinese (lower/upper case), mixed, 万/亿/兆 scaling.

`parse_number(s)` takes a numeral string (already normalised, spaces allowed)
and returns a Decimal.  Pure Chinese numerals go through cn2an first (cached);
what cn2an rejects (兆, 万万, 零十, 千三, mixed Arabic/Chinese with a tail,
inner approximation 几/余/多) is handled by the hand-written parser below.
"""
from __future__ import annotations

import decimal
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

from .normalize import normalize

CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
    "七": 7, "八": 8, "九": 9, "两": 2, "俩": 2, "幺": 1,
    "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10 ** 4, "亿": 10 ** 8, "兆": 10 ** 12}
FORMAL = set("壹贰叁肆伍陆柒捌玖拾佰仟")
INNER_APPROX = set("几余多")



class NumeralError(ValueError):
    """Not a numeral.  `at`, when known, is the index of the first character from which
    on no prefix of the string parses (the parser reads left to right, so a caller
    trimming a run to its longest valid prefix can cut there at once)."""

    def __init__(self, s: str, at: int | None = None):
        super().__init__(s)
        self.at = at


def to_python(d: Decimal) -> int | float:
    """int when integral, else float."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def parse_arabic(s: str) -> Decimal:
    s = s.replace(",", "").replace(" ", "")
    try:
        if s.startswith("."):
            s = "0" + s
        if s.startswith("-."):
            s = "-0" + s[1:]
        return Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - guarded by regex
        raise NumeralError(s) from exc


def _tokens(s: str, where: list[int]):
    """Split a numeral string into ('d', Decimal) / ('s', unit) / ('b', unit) / ('z',) items;
    `where` receives each item's index in `s`."""
    i, n = 0, len(s)
    out = []
    while i < n:
        ch = s[i]
        if ch == " ":
            i += 1
            continue
        if ch.isdigit() or (ch == "." and i + 1 < n and s[i + 1].isdigit()):
            j = i
            while j < n and (s[j].isdigit() or s[j] in ".,"):
                j += 1
            chunk = s[i:j].rstrip(",.")
            if len(chunk) > 1 and chunk[0] == "0" and chunk[1] != ".":
                out.append(("z",))  # 1百01: the leading 0 is a 零
                where.append(i)
            try:
                out.append(("d", parse_arabic(chunk), True))
            except NumeralError:
                raise NumeralError(s, i) from None
            where.append(i)
            i = j
            continue
        where.append(i)
        if ch in ("零", "〇", "○"):
            out.append(("z",))
        elif ch in CN_DIGITS:
            out.append(("d", Decimal(CN_DIGITS[ch]), False))
        elif ch in SMALL_UNITS:
            out.append(("s", SMALL_UNITS[ch]))
        elif ch in BIG_UNITS:
            out.append(("b", BIG_UNITS[ch]))
        elif ch in INNER_APPROX:
            pass  # 十几万 / 500余万: approximation, value is the round part
        else:
            raise NumeralError(s, i)
        if ch in INNER_APPROX:
            where.pop()
        i += 1
    return out


def _parse_int_part(s: str) -> Decimal:
    where: list[int] = []
    toks = _tokens(s, where)
    if not toks:
        raise NumeralError(s)
    # positional digit strings: 二〇二四, 一二三, 三八 (no unit characters)
    if all(t[0] in ("d", "z") for t in toks) and len(toks) > 1:
        if any(t[0] == "d" and t[2] for t in toks):
            raise NumeralError(s)  # "1 2": two Arabic numbers
        val = Decimal(0)
        for t in toks:
            val = val * 10 + (t[1] if t[0] == "d" else 0)
        return val
    total = Decimal(0)
    max_big = 0
    section = Decimal(0)
    num: Decimal | None = None
    num_small_digit = False  # last num was a single Chinese/Arabic digit (for tails)
    last_small = 0           # unit of the last small unit in this section
    last_big = 0             # big unit just seen (for 一万三 tails)
    zero = False
    prev_small = 10 ** 9
    seen_unit = False  # a prefix ending after a unit is never read positionally
    for k, t in enumerate(toks):
        kind = t[0]
        if kind == "d":
            if num is not None:
                raise NumeralError(s, where[k] if seen_unit else None)
            num = t[1]
            num_small_digit = num < 10 and num == num.to_integral_value()
        elif kind == "z":
            zero = True
            if num is not None:
                section += num
                num = None
            last_small = 0
            last_big = 0
        elif kind == "s":
            seen_unit = True
            u = t[1]
            if u >= prev_small:
                raise NumeralError(s, where[k])
            prev_small = u
            section += (num if num is not None else Decimal(1)) * u
            num = None
            last_small = u
            last_big = 0
            zero = False
        else:  # big unit
            seen_unit = True
            b = t[1]
            part = section + (num if num is not None else Decimal(0))
            if part == 0 and num is None and section == 0:
                if total == 0 and (k > 0 or (len(toks) > 1 and toks[1][0] == "b")):
                    raise NumeralError(s, where[k])  # 亿万 (vague "hundreds of millions")
                total = total * b if total else Decimal(b)  # 四万万, 二十一万亿; 万 alone (近万名)
            elif b > max_big or max_big == 0:
                total = (total + part) * b
            else:
                total += part * b
            max_big = max(max_big, b)
            section = Decimal(0)
            num = None
            last_small = 0
            last_big = b
            zero = False
            prev_small = 10 ** 9
    if num is not None:
        if not zero and num_small_digit and last_small >= 100:
            num = num * last_small / 10       # 两千四百五 -> 2450
        elif not zero and num_small_digit and last_big and last_small == 0:
            num = num * last_big / 10         # 一万三 -> 13000
        section += num
    return total + section


CAP = Decimal("1e40")  # far beyond magnitude.LIMIT, so a capped value is always flagged


def _parse(raw: str) -> Decimal:
    s = normalize(raw)
    off = len(s) - len(s.lstrip())
    neg = False
    while off < len(s) and s[off] in "负-":
        neg = not neg
        off += 1
        off += len(s) - off - len(s[off:].lstrip())
    s = s[off:].rstrip()
    if not s:
        raise NumeralError(s)
    compact = s.replace(" ", "")
    try:
        return _parse_compact(compact, s, neg)
    except NumeralError as exc:
        if exc.at is None or " " not in s:
            raise NumeralError(raw, None if exc.at is None else off + exc.at) from None
        # map the index in `compact` back to `raw` (spaces were dropped)
        seen = 0
        for i, ch in enumerate(s):
            if ch != " ":
                if seen == exc.at:
                    raise NumeralError(raw, off + i) from None
                seen += 1
        raise NumeralError(raw) from None


def _parse_compact(compact: str, s: str, neg: bool) -> Decimal:
    val: Decimal | None = None
    if not any(c.isdigit() for c in compact) and not (INNER_APPROX & set(compact)) \
            and "兆" not in compact and not compact.endswith("点") and not compact.startswith("点"):
        try:  # cn2an covers plain Chinese numerals
            r = cn2an.cn2an(compact, "normal")
            val = Decimal(str(r))
        except (ValueError, KeyError, IndexError):
            val = None
    if val is None:
        if "点" in compact:
            ip, _, fp = compact.partition("点")
            if not fp or not all(c in "零〇○一二三四五六七八九壹贰叁肆伍陆柒捌玖" or c.isdigit() for c in fp):
                raise NumeralError(s)
            digits = "".join(str(CN_DIGITS[c]) if c in CN_DIGITS else c for c in fp)
            val = _parse_int_part(ip) + Decimal("0." + digits)
        elif all(c.isdigit() or c in ".," for c in compact):
            val = parse_arabic(compact)
        else:
            val = _parse_int_part(compact)
    return -val if neg else val


@lru_cache(maxsize=8192)
def _parse_cached(s: str) -> Decimal:
    return _parse(s)


def parse_number(s: str) -> Decimal:
    """Parse one numeral string; raises NumeralError when it is not a number.
    Values beyond Decimal's exponent range come back as CAP (with the sign)."""
    try:
        val = _parse_cached(s) if len(s) <= 24 else _parse(s)
    except (ArithmeticError, ValueError) as exc:
        if isinstance(exc, NumeralError):
            raise
        if isinstance(exc, decimal.Overflow):
            return CAP
        raise NumeralError(s) from exc
    return val


def parse_value(s: str) -> int | float:
    return to_python(parse_number(s))
