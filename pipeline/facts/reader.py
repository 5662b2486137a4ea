"""Reading one candidate found by the master pattern into a Mention: its value,
its numeral span, and (through unit_scan) its unit and kind.

`read_number(ctx, match, strict)` returns a Mention, None (not a number: the
caller skips on) or SKIP (a match to step over whole, e.g. 10/20 in news).
"""
from __future__ import annotations

from decimal import Decimal

import re

from . import dates
from .approx import prefix_approx
from .magnitude import LIMIT, TINY
from .mention import Context, Mention
from .numerals import CN_DIGITS, FORMAL, NumeralError, parse_number
from .patterns import CN_NUM_CHARS
from .unit_scan import MEDALS, scan_units, unit_ok
from .units import UNIT_RE, unit_kind

SKIP = "skip"

BARE_DEN = {"千": 1000, "仟": 1000, "万": 10 ** 4, "十万": 10 ** 5, "百万": 10 ** 6, "千万": 10 ** 7,
            "万万": 10 ** 8, "百万万": 10 ** 10, "亿": 10 ** 8}
SPECIAL = {"对折": (50, "%", "percent"), "打对折": (50, "%", "percent"), "半折": (50, "%", "percent"),
           "半成": (5, "%", "percent"), "半百": (50, None, "count"), "半打": (6, None, "count"),
           "一半": (50, "%", "percent")}
VAGUE_SCALE = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10000, "十万": 10 ** 5,
               "百万": 10 ** 6, "千万": 10 ** 7, "亿": 10 ** 8}
KM_RE = re.compile(r"[ ]?(?P<k>[kK]|M)(?![A-Za-z])")
INNER_APPROX_RE = re.compile(r"[ ]*(?P<a>余|多)(?![少样余])")
ORDINAL_MEASURES = frozenset("名届次位批期个号章条款季轮代日天")
_PAIR_OK = {(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (3, 5)}
MAX_EXPONENT_DIGITS = 4  # 1e9999 at most is read; a longer exponent is absurd at once


def _vague_pair(compact: str) -> tuple[int, int] | None:
    """三四 / 两三 / 三五 before a unit: a vague range (low, high)."""
    if len(compact) != 2:
        return None
    a, b = CN_DIGITS.get(compact[0]), CN_DIGITS.get(compact[1])
    if a is None or b is None or (a, b) not in _PAIR_OK or compact[0] in FORMAL:
        return None
    return a, b


def valid_core(core: str) -> tuple[str, Decimal] | None:
    """Trim a numeral run to its longest parseable prefix; return (core, value) or None."""
    core = core.rstrip()
    while core:
        try:
            return core, parse_number(core)
        except NumeralError as exc:
            if exc.at == 0:
                return None
            if exc.at is not None and exc.at < len(core):
                core = core[:exc.at]  # no prefix reaching `at` parses: cut there at once
            else:  # drop the last component: a whole Arabic number, else one character
                core = core.rstrip("0123456789.,") if core[-1].isdigit() else core[:-1]
            core = core.rstrip()
            while core and core[-1] in "点余多几":
                core = core[:-1].rstrip()
    return None


def _apply_km(norm: str, mt: Mention, e: int) -> int:
    """10k, 3M after Arabic digits."""
    km = KM_RE.match(norm, e)
    if km:
        mt.value *= 1000 if km.group("k") in "kK" else 1000000
        return km.end()
    return e


def _percent_words(ctx: Context, m, strict: bool) -> Mention | None:
    """百分之四十."""
    pn = m.group("pnum")
    r = valid_core(pn)
    if r is None:
        return None
    if len(r[0]) == 2 and all(c in "一二三四五六七八九两" for c in r[0]):
        return None  # 百分之二三十: vague
    e = m.start("pnum") + len(r[0])
    mt = Mention(m.start(), e, r[1], "percent")
    mt.unit = "%"
    mt.bare = False
    mt.cstart, mt.cend = m.start("pnum"), e
    mt.chinese = not any(c.isdigit() for c in pn)
    if r[0][-1:].isdigit():
        e = _apply_km(ctx.norm, mt, e)
    mt.end = e
    return mt


def _fraction(ctx: Context, m, strict: bool) -> Mention | None:
    """三分之一, 2又3分之1, 千分之2 (as %)."""
    try:
        den = BARE_DEN.get(m.group("fden").replace(" ", "")) or parse_number(m.group("fden"))
        num = parse_number(m.group("fnum"))
        whole = parse_number(m.group("whole")) if m.group("whole") else None
    except NumeralError:
        return None
    if den == 0:
        return None
    dtxt = m.group("fden").replace(" ", "")
    if whole is None and dtxt in BARE_DEN:
        mt = Mention(m.start(), m.end(), num * 100 / BARE_DEN[dtxt], "percent")
        mt.unit = "%"
        mt.bare = False
        return mt
    v = num / den
    if whole is not None:
        v = whole - v if whole < 0 else whole + v
    mt = Mention(m.start(), m.end(), v, "count")
    mt.chinese = True
    mt.bare = False  # a fraction is a quantity even without a unit
    return mt


def _slash(ctx: Context, m, strict: bool) -> Mention | str | None:
    """1/3, 2 1/2."""
    sn, sd = Decimal(m.group("sn")), Decimal(m.group("sd"))
    if sd == 0:
        return None
    if strict and not (0 < sn < sd <= 10 and not m.group("sw")):
        return SKIP  # 10/20 in news text is rarely a fraction; 1/3 is
    v = sn / sd
    if m.group("sw"):
        v += Decimal(m.group("sw"))
    if strict:  # in news a slash fraction is a share: 占全省的１／４ = 25 %
        mt = Mention(m.start(), m.end(), v * 100, "percent")
        mt.unit = "%"
    else:
        mt = Mention(m.start(), m.end(), v, "count")
    mt.bare = False
    return mt


def _iso_date(ctx: Context, m, strict: bool) -> Mention | None:
    """2021-10-20, 2021.10.20."""
    y, mo, d = m.group("iy"), int(m.group("im")), int(m.group("id"))
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1000 <= int(y) <= 2199):
        return None
    mt = Mention(m.start(), m.end(), dates.iso(y, mo, d), "date")
    mt.bare = False
    return mt


def _discount(ctx: Context, m, strict: bool) -> Mention:
    """7 5折 = 75 %."""
    v = parse_number(m.group("z1")) * 10 + parse_number(m.group("z2"))
    mt = Mention(m.start(), m.end(), v, "percent")
    mt.unit = "%"
    mt.bare = False
    return mt


def _special(ctx: Context, m, strict: bool) -> Mention:
    """对折, 半成, 半百, 半打."""
    v, unit, k = SPECIAL[m.group()]
    mt = Mention(m.start(), m.end(), Decimal(v), k)
    mt.unit = unit
    mt.bare = unit is None
    return mt


def _scientific(ctx: Context, m, strict: bool) -> Mention | None:
    """1.5e6, 10^3.  An exponent too long to be real gives an absurd-magnitude fact
    (Mention caps it and notes why) without ever building the number."""
    t = m.group()
    power = "^" in t
    base, _, ex = t.partition("^") if power else t.lower().partition("e")
    negative_exp = (ex.count("-") % 2 == 1) if power else ex.startswith("-")
    digits = ex.lstrip("+-").lstrip("0") or "0"
    b = Decimal(base)
    if len(digits) > MAX_EXPONENT_DIGITS:
        v = Decimal(0) if b == 0 else (TINY / 10 if negative_exp else LIMIT).copy_sign(b)
    elif power:
        try:  # in floats, as the Recognizers-Text reference values are
            f = abs(float(b)) ** (-int(digits) if negative_exp else int(digits))
            v = Decimal(repr(f)).copy_sign(b) if f or b == 0 else (TINY / 10).copy_sign(b)
        except ZeroDivisionError:  # 0^-1
            return None
        except OverflowError:
            v = LIMIT.copy_sign(b)
    else:
        v = Decimal(t)
    return Mention(m.start(), m.end(), v, "count")


def _sign_applies(norm: str, sign_start: int, sign: str) -> bool:
    """负 always negates; '-' not after a letter, digit, numeral or dash (a hyphen or range)."""
    if sign == "负":
        return True
    i = sign_start - 1
    while i >= 0 and norm[i] == " ":
        i -= 1
    if i < 0:
        return True
    prev = norm[i]
    if prev.isalnum() or prev in "-~/%‰" or prev in CN_NUM_CHARS:
        return False
    # 6万元—8万元, 1997年-2000年: a number and its unit just before make the dash a range
    return not any(c.isdigit() or c in CN_NUM_CHARS for c in norm[max(0, i - 4):i])


def _trim_core(ctx: Context, core: str, cstart: int) -> str:
    """Cuts that depend on what follows the run: 两 as a tael, 千 of 千米, 2222.2222."""
    norm = ctx.norm
    # 2222.2222.22222.222: no decimal part right after "digit."
    if "." in core and cstart >= 2 and norm[cstart - 1] == "." and norm[cstart - 2].isdigit():
        core = core[:core.index(".")]
    # 两 at the end is the unit tael (两万两, 三千两百两)
    if len(core) > 1 and core.endswith("两") and core.rstrip("两 ") \
            and core[-2] in CN_NUM_CHARS | set("0123456789 "):
        nxt = UNIT_RE.match(norm, cstart + len(core))
        if not (nxt and unit_kind(nxt.group("unit")) in ("count", "duration")
                and nxt.group("unit") not in MEDALS and unit_ok(ctx, nxt.start("unit"), nxt.end("unit"))):
            core = core[:-1].rstrip()  # but 一两首歌: 两 is a numeral
    return core


def _vague_range_low(ctx: Context, core: str, cstart: int) -> Mention | None:
    """三四家 / 两三天 / 三四十个: a vague range; the first digit is the low end."""
    pair = _vague_pair(core[:2]) if len(core) >= 2 else None
    if not pair:
        return None
    norm = ctx.norm
    rest = core[2:]
    scale = VAGUE_SCALE.get(rest)
    after = cstart + len(core)
    um = UNIT_RE.match(norm, after)
    if scale and um and norm[after:after + 1] != "两" and unit_ok(ctx, um.start("unit"), um.end("unit")):
        mt = Mention(cstart, cstart + 1, Decimal(pair[0] * scale))
        mt.cstart, mt.cend = cstart, cstart + 1
        mt.chinese, mt.pair, mt.bare = True, True, False
        mt.scale = "亿" if "亿" in rest else ("万" if "万" in rest else None)
        return mt
    return None


def _marked_round_number(norm: str, cstart: int, cend: int) -> bool:
    """A lone 百/千/万 is a number with an approximation around it: 逾千人, 近万名, 百余人."""
    if norm[cend:cend + 1] in ("余", "多"):
        return True
    _, approx, found = prefix_approx(norm, cstart)
    return found and approx is not None


def _plain(ctx: Context, m, strict: bool) -> Mention | None:
    """A numeral run (Arabic, Chinese or mixed) with its unit, approximation, ordinal 第."""
    norm = ctx.norm
    cstart = m.start("core")
    core = _trim_core(ctx, m.group("core"), cstart)
    vague = _vague_range_low(ctx, core, cstart)
    if vague is not None:
        return vague
    if len(core) > 1 and core.endswith("千") and core[-2].isdigit() \
            and norm[cstart + len(core):cstart + len(core) + 1] in ("米", "克", "瓦", "卡", "伏"):
        core = core[:-1]
    lead_approx = core[:1] in ("几", "数", "上") and len(core) > 1
    if lead_approx:  # 几十种, 数百人, 上千家: value is the round lower bound
        core = core[1:]
        cstart += 1
    r = valid_core(core)
    if r is None:
        return None
    core, value = r
    cend = cstart + len(core)
    compact = core.replace(" ", "")
    chinese = not any(c.isdigit() for c in compact)
    if chinese:
        if len(compact) == 1 and compact in "百佰千仟万亿兆" and not lead_approx \
                and not _marked_round_number(norm, cstart, cend):
            return None
        if len(compact) == 2 and all(c in "一二三四五六七八九两俩幺" for c in compact) \
                and norm[cend:cend + 1] not in ("折", "年"):
            return None  # 两两, 一一, 二三十 (vague)
    elif cstart > 0 and norm[cstart - 1].isascii() and norm[cstart - 1].isalpha():
        return None  # Arabic digits glued to Latin letters: A2021..., B12, 5G
    start = cstart
    sign = m.group("sign")
    if sign and _sign_applies(norm, m.start("sign"), sign):
        start = m.start("sign")
        value = -value
    mt = Mention(start, cend, value)
    mt.cstart, mt.cend = cstart, cend
    mt.chinese = chinese
    mt.one_cn = chinese and compact == "一"
    big = [c for c in compact if c in "万亿兆"]
    mt.scale = big[-1] if big else None
    if lead_approx:
        mt.start = cstart - 1
        mt.approx = "over"
    if any(c in "几余多" for c in compact):
        mt.approx = "over"
    e = cend
    if core[-1:].isdigit() and KM_RE.match(norm, e):
        e = _apply_km(norm, mt, e)
    elif not chinese and norm[e:e + 1].isascii() and norm[e:e + 1].isalpha():
        um = UNIT_RE.match(norm, e)
        if not um or (norm[um.end():um.end() + 1].isascii() and norm[um.end():um.end() + 1].isalpha()):
            return None
    am = INNER_APPROX_RE.match(norm, e)
    if am:
        mt.approx = "over"
        e = am.end()
    if start > 0 and norm[start - 1] == "第":  # 第N: ordinal
        mt.kind = "ordinal"
        mt.start = start - 1
        um = UNIT_RE.match(norm, e)
        if um and len(um.group("unit")) == 1 and um.group("unit") in ORDINAL_MEASURES \
                and unit_ok(ctx, um.start("unit"), um.end("unit")):
            mt.unit = um.group("unit")
            mt.bare = False
            e = um.end()
        mt.end = e
        return mt
    mt.end = scan_units(ctx, mt, e)
    return mt


READERS = {"pct": _percent_words, "frac": _fraction, "slash": _slash, "isodate": _iso_date,
           "zhe": _discount, "special": _special, "sci": _scientific, "num": _plain}


def read_number(ctx: Context, m, strict: bool) -> Mention | str | None:
    return READERS[m.lastgroup](ctx, m, strict)
