"""The fact extractor: finds every number in the text and builds fact dicts.

Numbers are found with `regex`-style patterns on a length-preserving
normalised copy of the text (see normalize.py), never from token boundaries;
tokens and POS tags are used for the subject and to reject numerals that are
part of ordinary words (一切, 四川, 进一步).
"""
from __future__ import annotations

import re
from decimal import Decimal
from bisect import bisect_right

from . import dates
from .approx import BI_AFTER_RE, BI_KIND, POST_UNIT, POST_UNIT_RE, prefix_approx
from .changes import link_changes_and_ranges
from .normalize import normalize
from .numerals import FORMAL, NumeralError, parse_number, to_python
from .subject import SpanSet, Subjects
from .units import MONEY_SUB, UNIT_RE, canonical, unit_kind

CD = "零〇○一二三四五六七八九两俩幺壹贰叁肆伍陆柒捌玖"
CU = "十拾百佰千仟"
CN_NUM_CHARS = set(CD + CU + "万亿兆")
ARN = r"(?:(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+(?![\d.]))?|(?<![\d.])\.\d+)"
_COMP = rf"(?:{ARN}|[{CD}{CU}]|兆(?![ ]*(?:字节|赫|瓦|比特|帕))|[万亿]|(?:(?<=[{CD}{CU}万亿])|(?<=[{CD}{CU}万亿] ))点(?=[ ]*[0-9零〇○一二三四五六七八九壹贰叁肆伍陆柒捌玖])|[几余多](?=[ ]*[{CU}万亿兆]))"
RUN = rf"(?:[几数上](?=[十百千万]))?(?:{ARN}|[{CD}{CU}万亿])(?:[ ]*{_COMP})*"
SRUN = rf"(?:负[ ]*)?{RUN}"

MASTER = re.compile(
    rf"(?P<pct>(?<![0-9{CD}{CU}万亿])[百佰][ ]*分[ ]*之[ ]*(?P<pnum>{SRUN}))"
    rf"|(?P<frac>(?:(?P<whole>{SRUN})[ ]*又[ ]*)?(?P<fden>{SRUN})[ ]*分[ ]*之[ ]*(?P<fnum>{SRUN}))"
    rf"|(?P<slash>(?<![\d/.])(?:(?P<sw>\d+)[ ]+)?(?P<sn>-?\d+)[ ]*/[ ]*(?P<sd>\d+)(?![\d/]))"
    rf"|(?P<isodate>(?<![\d.\-/])(?P<iy>\d{{4}})(?P<isep>[-./])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?![\d.\-/]))"
    rf"|(?P<special>(?<=打)对折|半折|半成|半百|半打)"
    rf"|(?P<zhe>(?P<z1>[0-9一二三四五六七八九])[ ]+(?P<z2>[0-9一二三四五六七八九])[ ]*折)"
    rf"|(?P<sci>-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+|\^[-+]*\d+)(?![A-Za-z0-9]))"
    rf"|(?P<num>(?P<sign>负|-)?[ ]*(?P<core>{RUN}))"
)
BARE_DEN = {"千": 1000, "仟": 1000, "万": 10 ** 4, "十万": 10 ** 5, "百万": 10 ** 6, "千万": 10 ** 7,
            "万万": 10 ** 8, "百万万": 10 ** 10, "亿": 10 ** 8}
SPECIAL = {"对折": (50, "%", "percent"), "打对折": (50, "%", "percent"), "半折": (50, "%", "percent"),
           "半成": (5, "%", "percent"), "半百": (50, None, "count"), "半打": (6, None, "count")}

PCT_RE = re.compile(r"[ ]*(?:(?P<sym>%|‰)|(?P<pp>个?[ ]*百[ ]*分[ ]*点))")
CHENG_RE = re.compile(rf"[ ]*(?P<u>成|折)(?:[ ]*(?P<tail>半|[一二三四五六七八九1-9])(?![{CD}{CU}万亿0-9成折]))?")
KM_RE = re.compile(r"[ ]?(?P<k>[kK]|M)(?![A-Za-z])")
BARE_GE_RE = re.compile(r"[ ]*(?P<unit>个)")
INNER_APPROX_RE = re.compile(r"[ ]*(?P<a>余|多)(?![少样余])")
HALF_RE = re.compile(r"半")
YEAR_RE = re.compile(r"[ ]*年")
MONEY_SYM_RE = re.compile(r"(?P<s>US\$|\$|¥|€|£)[ ]*$")
DASH_SPLIT = re.compile(r"(?<=\d)[ ]+(?=\d)")
ARABIC_POINT = re.compile(r"(?<=\d)[ ]*点")
ARABIC_THEN_CN_DIGIT = re.compile(r"(?<=\d)[ ]*[一二三四五六七八九两俩]")
MONEY_SYM = {"$": "美元", "US$": "美元", "¥": "元", "€": "欧元", "£": "英镑"}
IDIOMS = ("十几年如一日", "一日千里", "一心一意", "三心二意", "四面八方", "五湖四海", "千方百计",
          "万众一心", "一五一十", "一举两得", "一石二鸟", "独一无二", "一干二净", "七上八下",
          "九牛一毛", "一带一路", "三令五申", "十全十美", "一丝不苟", "一如既往", "一马当先",
          "百年大计", "千家万户", "万无一失", "一分为二", "一针一线", "一点一滴", "一草一木",
          "五一劳动奖章", "三八红旗", "四个意识", "四个自信", "两个维护", "两个确立")
IDIOM_RE = re.compile("|".join(IDIOMS) + r"|https?://\S+|www\.\S+")
QUOTE_RE = re.compile(r"“[^”“]{1,12}”")
CHANGE_BY_RE = re.compile(r"(?:提高|增长|增加|上升|下降|减少|降低|提升|上涨|下跌|下滑|回落|攀升|扩大|缩小|增|降|涨|跌|减)(?:了)?[ ]*$")
ORDINAL_MEASURES = set("名届次位批期个号章条款季轮代")
GOOD_TOKEN_POS = ("m", "mq", "q", "x", "eng", "t")
# numeral-led words that are not quantities (checked against the token)
NON_QUANTITY = {"四处", "一度", "一起", "一向", "一直", "一旦", "一定", "一同", "一律", "一再",
                "一切", "一般", "一样", "一些", "一点", "一番", "一道", "两手", "万一", "一手",
                "一边", "一面", "一方面", "一时", "一阵", "十分", "万分", "百般", "千万", "四周",
                "八方", "一流", "一把手", "两岸", "一线", "一体", "五四", "一致", "一齐", "一带",
                "一行", "一家", "三番", "两样", "一连", "一路", "一概", "一举", "一贯", "十足",
                "万般", "一心", "一身", "一生", "一世", "半点", "一把", "一下", "一下子", "一会",
                "一会儿", "两下", "一头", "一口", "一条心", "一块", "一块儿"}


_LEXICON: list = []


def is_word(w: str) -> bool:
    """Whether `w` is a word of the segmenter's lexicon (一切, 四川), as opposed to a
    numeral glued to a character by the segmenter (三十大).  Without jieba every
    token counts as a word (the POS tag alone decides)."""
    if not _LEXICON:
        try:
            import jieba

            jieba.dt.check_initialized()
            _LEXICON.append(jieba.dt.FREQ)
        except Exception:  # pragma: no cover
            _LEXICON.append(None)
    freq = _LEXICON[0]
    return True if freq is None else (freq.get(w) or 0) >= 10


class Mention:
    __slots__ = ("start", "end", "cstart", "cend", "value", "unit", "approx", "kind", "role",
                 "group", "chinese", "scale", "subject", "bare", "one_cn", "ustart", "pair")

    def __init__(self, start, end, value, kind="count"):
        self.start = start
        self.end = end
        self.cstart = start
        self.cend = end
        self.value = value
        self.unit = None
        self.approx = None
        self.kind = kind
        self.role = None
        self.group = None
        self.chinese = False
        self.scale = None
        self.subject = None
        self.bare = True
        self.one_cn = False
        self.ustart = None
        self.pair = False  # first digit of 三四个 / 两三天 (a vague range)


class _Ctx:
    def __init__(self, text, norm, tokens):
        self.text = text
        self.norm = norm
        self.tokens = tokens
        self.starts = [t[0] for t in tokens]

    def token_at(self, pos):
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.tokens[i][0] <= pos < self.tokens[i][1]:
            return self.tokens[i]
        return None


_PAIR_OK = {(1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9), (3, 5)}


def _vague_pair(compact: str):
    """三四 / 两三 / 三五 before a unit: a vague range (low, high)."""
    if len(compact) != 2:
        return None
    from .numerals import CN_DIGITS
    a, b = CN_DIGITS.get(compact[0]), CN_DIGITS.get(compact[1])
    if a is None or b is None or (a, b) not in _PAIR_OK or compact[0] in FORMAL:
        return None
    return a, b


def _valid_core(core: str):
    """Trim a numeral run to its longest parseable prefix; return (core, value) or None."""
    core = core.rstrip()
    while core:
        try:
            return core, parse_number(core)
        except NumeralError:
            core = core[:-1].rstrip()
            while core and core[-1] in "点余多几":
                core = core[:-1].rstrip()
    return None


def _unit_ok(ctx: _Ctx, ustart: int, uend: int) -> bool:
    """A unit must not be the start of a longer word (家庭, 人民, 打造, 名单)."""
    tok = ctx.token_at(uend - 1)
    if tok is None:
        return True
    if tok[1] > uend and tok[0] >= ustart and tok[2] not in ("m", "q", "mq"):
        return False
    return True


def _scan_units(ctx: _Ctx, mt: Mention, e: int) -> int:
    """Percent signs, 成/折, years and dates, units and money sub-units after the number."""
    norm = ctx.norm
    m = PCT_RE.match(norm, e)
    if m:
        mt.unit = "%" if m.group("sym") == "%" else ("‰" if m.group("sym") else "百分点")
        mt.kind = "percent"
        mt.bare = False
        return m.end()
    m = CHENG_RE.match(norm, e)
    if m and _unit_ok(ctx, m.start("u"), m.end("u")):
        v = mt.value
        tail = m.group("tail")
        u = m.group("u")
        ok = True
        if u == "成":
            ok = 0 < v <= 10
            pct = v * 10
            if tail:
                pct += Decimal(5) if tail == "半" else parse_number(tail)
        else:
            if tail:
                ok = False
            pct = v * 10 if v < 10 else v
            ok = ok and 0 < v < 100 and v != 10
        if ok:
            mt.value = pct
            mt.unit = "%"
            mt.kind = "percent"
            mt.bare = False
            return m.end()
    core = norm[mt.cstart:mt.cend]
    m = YEAR_RE.match(norm, e)
    if m:
        y = dates.year_value(core)
        if y is None and mt.value == mt.value.to_integral_value() and 1000 <= mt.value <= 2199 \
                and mt.chinese and not mt.approx and dates.MONTH_RE.match(norm, m.end()):
            y = str(int(mt.value))  # 两千零四年八月: a year when a month follows
        if y is not None:
            end = m.end()
            month = day = None
            mm = dates.MONTH_RE.match(norm, end)
            if mm:
                month = dates.small_int(mm.group("m"))
                end = mm.end()
                dm = dates.DAY_RE.match(norm, end)
                if dm:
                    day = dates.small_int(dm.group("d"))
                    end = dm.end()
            mt.value = dates.iso(y, month, day)
            mt.kind = "date" if month else "year"
            mt.unit = None
            mt.bare = False
            return end
    if mt.value == mt.value.to_integral_value() and 1 <= mt.value <= 12 and not mt.approx:
        mm = dates.MONTH_RE.match(norm, mt.cstart)
        if mm and mm.start("m") == mt.cstart and mm.end("m") == mt.cend:
            end = mm.end()
            day = None
            dm = dates.DAY_RE.match(norm, end)
            if dm:
                day = dates.small_int(dm.group("d"))
                end = dm.end()
            mt.value = dates.iso(None, int(mt.value), day)
            mt.kind = "date"
            mt.bare = False
            return end
    if mt.value == mt.value.to_integral_value() and 1 <= mt.value <= 31 and not mt.approx \
            and (core.isdigit() or all(c in "一二三四五六七八九十" for c in core)):
        if norm.startswith("日", e) and e == mt.cend and not norm.startswith(("日元", "日本"), e):
            mt.value = dates.iso(None, None, int(mt.value))
            mt.kind = "date"
            mt.bare = False
            return e + 1
    m = UNIT_RE.match(norm, e)
    if m and norm[e:m.start("unit")].strip() == "个" and not _unit_ok(ctx, m.start("unit"), m.end("unit")):
        m = BARE_GE_RE.match(norm, e)  # 60多个国家: 国 starts 国家, so the unit is 个
    if m and _unit_ok(ctx, m.start("unit"), m.end("unit")) \
            and not (m.group("unit") == "度" and mt.chinese):  # 一度 = "once"; 度 only after digits
        unit = m.group("unit")
        uend = m.end()
        nxt = UNIT_RE.match(norm, uend) if unit == "两" else None
        if nxt and unit_kind(nxt.group("unit")) in ("count", "duration"):
            return e  # 3两个: 两 is the numeral of the next quantity, not a tael
        if len(unit) == 1 and norm[uend:uend + 1] == unit and unit not in "两":
            # 一名名 / 一个个: reduplicated measure word, not a quantity
            mt.kind = "redup"
            return uend + 1
        mt.ustart = m.start("unit")
        mt.unit = canonical(unit)
        mt.kind = unit_kind(unit)
        mt.bare = False
        end = uend
        if mt.kind == "money":
            subs = MONEY_SUB.get(mt.unit)
            while subs:
                sm = re.match(r"[ ]*(?:又|和|零)?[ ]*(?P<n>[0-9" + CD + r"十]+)[ ]*(?P<u>" +
                              "|".join(sorted(subs, key=len, reverse=True)) + ")", norm[end:end + 12])
                if not sm:
                    break
                try:
                    sv = parse_number(sm.group("n"))
                except NumeralError:
                    break
                mt.value = mt.value + sv * Decimal(str(subs[sm.group("u")]))
                end += sm.end()
                subs = {k: v for k, v in subs.items() if v < subs[sm.group("u")]}
        elif mt.kind in ("measure", "count", "duration") and norm.startswith("半", end) \
                and not norm.startswith(("半年", "半天", "半月", "半小时", "半导体", "半岛"), end):
            mt.value = mt.value + Decimal("0.5")
            end += 1
        return end
    return e


def _one_number(ctx: _Ctx, m, strict: bool) -> Mention | None:
    norm = ctx.norm
    kind = m.lastgroup
    if kind == "pct":
        pn = m.group("pnum")
        r = _valid_core(pn)
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
        km = KM_RE.match(norm, e)
        if km and pn[-1:].isdigit():
            mt.value *= 1000 if km.group("k") in "kK" else 1000000
            e = km.end()
        mt.end = e
        return mt
    if kind == "frac":
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
    if kind == "slash":
        sn, sd = int(m.group("sn")), int(m.group("sd"))
        if sd == 0:
            return None
        v = Decimal(sn) / Decimal(sd)
        if m.group("sw"):
            v += int(m.group("sw"))
        if strict and not (0 < sn < sd <= 10 and not m.group("sw")):
            return "skip"  # 10/20 in news text is rarely a fraction; 1/3 is
        mt = Mention(m.start(), m.end(), v, "count")
        mt.bare = False
        return mt
    if kind == "isodate":
        y, mo, d = m.group("iy"), int(m.group("im")), int(m.group("id"))
        if not (1 <= mo <= 12 and 1 <= d <= 31 and 1000 <= int(y) <= 2199):
            return None
        mt = Mention(m.start(), m.end(), dates.iso(y, mo, d), "date")
        mt.bare = False
        return mt
    if kind == "zhe":
        a, b = m.group("z1"), m.group("z2")
        v = parse_number(a) * 10 + parse_number(b)
        mt = Mention(m.start(), m.end(), v, "percent")
        mt.unit = "%"
        mt.bare = False
        return mt
    if kind == "special":
        v, unit, k = SPECIAL[m.group()]
        mt = Mention(m.start(), m.end(), Decimal(v), k)
        mt.unit = unit
        mt.bare = unit is None
        return mt
    if kind == "sci":
        t = m.group()
        try:
            if "^" in t:
                base, _, ex = t.partition("^")
                sign = -1 if ex.count("-") % 2 else 1
                b = float(base)
                v = Decimal(repr((abs(b) ** (sign * int(ex.strip("+-"))))))
                v = -v if b < 0 else v
            else:
                v = Decimal(t)
        except Exception:
            return None
        return Mention(m.start(), m.end(), v, "count")
    # plain number
    core = m.group("core")
    cstart = m.start("core")
    # cut "20 30" (two Arabic numbers) and "20点30" (clock time)
    cut = DASH_SPLIT.search(core)
    if cut:
        core = core[:cut.start()]
    cut = ARABIC_POINT.search(core)
    if cut:
        core = core[:cut.start()]
    cut = ARABIC_THEN_CN_DIGIT.search(core)
    if cut:  # "17—3两个油田": an Arabic number is not continued by a Chinese digit
        core = core[:cut.start()]
    # 2222.2222.22222.222: no decimal part right after "digit."
    if "." in core and cstart >= 2 and norm[cstart - 1] == "." and norm[cstart - 2].isdigit():
        core = core[:core.index(".")]
    # 两 at the end is the unit tael (两万两, 三千两百两); 千 before 米/克/瓦/卡 after digits
    if len(core) > 1 and core.endswith("两") and core.rstrip("两 ") and core[-2] in CN_NUM_CHARS | set("0123456789 "):
        nxt = UNIT_RE.match(norm, cstart + len(core))
        if not (nxt and unit_kind(nxt.group("unit")) in ("count", "duration")
                and _unit_ok(ctx, nxt.start("unit"), nxt.end("unit"))):
            core = core[:-1].rstrip()  # but 一两首歌: 两 is a numeral
    # 三四家 / 两三天 / 三四十个: a vague range; the first digit is the low end
    pair = _vague_pair(core[:2]) if len(core) >= 2 else None
    if pair:
        rest = core[2:]
        scale = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10000, "十万": 10 ** 5,
                 "百万": 10 ** 6, "千万": 10 ** 7, "亿": 10 ** 8}.get(rest)
        after = cstart + len(core)
        um = UNIT_RE.match(norm, after)
        if scale and um and norm[after:after + 1] != "两" and _unit_ok(ctx, um.start("unit"), um.end("unit")):
            mt = Mention(cstart, cstart + 1, Decimal(pair[0] * scale))
            mt.cstart, mt.cend = cstart, cstart + 1
            mt.chinese, mt.pair, mt.bare = True, True, False
            mt.scale = "亿" if "亿" in rest else ("万" if "万" in rest else None)
            return mt
    if len(core) > 1 and core.endswith("千") and core[-2].isdigit() \
            and norm[cstart + len(core):cstart + len(core) + 1] in ("米", "克", "瓦", "卡", "伏"):
        core = core[:-1]
    lead_approx = core[:1] in ("几", "数", "上") and len(core) > 1
    if lead_approx:  # 几十种, 数百人, 上千家: value is the round lower bound
        core = core[1:]
        cstart += 1
    r = _valid_core(core)
    if r is None:
        return None
    core, value = r
    cend = cstart + len(core)
    compact = core.replace(" ", "")
    chinese = not any(c.isdigit() for c in compact)
    if chinese:
        if len(compact) == 1 and compact in "百佰千仟万亿兆" and not lead_approx:
            return None
        if all(c in "零〇○一二三四五六七八九两俩幺" for c in compact) and len(compact) == 2 \
                and "零" not in compact and "〇" not in compact \
                and norm[cend:cend + 1] not in ("折", "年"):
            return None  # 两两, 一一, 二三十 (vague)
    else:
        # Arabic digits glued to Latin letters: A2021..., B12, 5G
        if cstart > 0 and (norm[cstart - 1].isascii() and norm[cstart - 1].isalpha()):
            return None
    start = cstart
    sign = m.group("sign")
    if sign:
        ss = m.start("sign")
        prev = norm[:ss].rstrip()[-1:]
        if sign == "-" and prev and (prev.isalnum() or prev in "-~/" or prev in CN_NUM_CHARS):
            pass
        else:
            start = ss
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
    km = KM_RE.match(norm, e) if core[-1:].isdigit() else None
    if km:
        mt.value *= 1000 if km.group("k") in "kK" else 1000000
        e = km.end()
    elif not chinese and norm[e:e + 1].isascii() and norm[e:e + 1].isalpha():
        um = UNIT_RE.match(norm, e)
        if not um or (norm[um.end():um.end() + 1].isascii() and norm[um.end():um.end() + 1].isalpha()):
            return None
    am = INNER_APPROX_RE.match(norm, e)
    if am:
        mt.approx = "over"
        e = am.end()
    # 第N: ordinal
    if start > 0 and norm[start - 1] == "第":
        mt.kind = "ordinal"
        mt.start = start - 1
        um = UNIT_RE.match(norm, e)
        if um and len(um.group("unit")) == 1 and um.group("unit") in ORDINAL_MEASURES \
                and _unit_ok(ctx, um.start("unit"), um.end("unit")):
            mt.unit = um.group("unit")
            mt.bare = False
            e = um.end()
        mt.end = e
        return mt
    e = _scan_units(ctx, mt, e)
    mt.end = e
    return mt


def _finish(ctx: _Ctx, mt: Mention) -> None:
    """Approximation markers around the number, money symbols, 比X大."""
    norm = ctx.norm
    if mt.kind in ("year", "date", "ordinal"):
        return
    ns, approx, found = prefix_approx(norm, mt.start)
    if found:
        mt.start = ns
        if approx and not mt.approx:
            mt.approx = approx
    sm = MONEY_SYM_RE.search(norm[max(0, mt.start - 4):mt.start])
    if sm and mt.unit is None:
        mt.start = mt.start - (len(norm[max(0, mt.start - 4):mt.start]) - sm.start())
        mt.unit = MONEY_SYM[sm.group("s")]
        mt.kind = "money"
        mt.bare = False
    pm = POST_UNIT_RE.match(norm, mt.end)
    # 300吨左右, 20万次以上; 余/多 after a unit only (before it they are read earlier)
    if pm and (pm.group("s") not in ("多", "余") or mt.unit is not None):
        if not mt.approx:
            mt.approx = POST_UNIT[pm.group("s")]
        mt.end = pm.end()
    if not found:  # 比三十大 / 比 170 低
        lo = max(0, mt.start - 3)
        b = norm[lo:mt.start].rstrip()
        if b.endswith("比"):
            bm = BI_AFTER_RE.match(norm, mt.end)
            if bm:
                mt.start = lo + len(b) - 1
                mt.approx = BI_KIND[bm.group("w")]
                mt.end = bm.end()


def _keep(ctx: _Ctx, mt: Mention, strict: bool, masked) -> bool:
    if mt.kind == "redup":
        return False
    if mt.cstart in masked:
        return False
    norm = ctx.norm
    # numerals that are part of ordinary words: 一切, 四川, 进一步, 十强
    if mt.chinese and not mt.pair:
        tok = ctx.token_at(mt.cstart)
        if strict and tok and tok[0] == mt.cstart and ctx.text[tok[0]:tok[1]] in NON_QUANTITY:
            return False
        if len(norm[mt.cstart:mt.cend].strip()) == 1 and norm[mt.cstart] in "拾佰仟":
            return False  # 拾起, 拾到: a lone formal 十/百/千 is a verb or a name
        if strict and tok and tok[2] in GOOD_TOKEN_POS and tok[1] > mt.end and tok[0] <= mt.cstart \
                and is_word(ctx.text[tok[0]:tok[1]]):
            return False  # 零部件, 一致 (numeral-led words tagged m/mq)
        if tok and tok[0] < mt.cstart and len(norm[mt.cstart:mt.cend].strip()) == 1 \
                and norm[mt.cstart] in FORMAL:
            return False  # 祖国大陆对台
        if tok and tok[2] not in GOOD_TOKEN_POS:
            if (tok[0] < mt.cstart or tok[1] > mt.cend) and (
                    tok[2] in ("u", "d", "c", "p") or is_word(ctx.text[tok[0]:tok[1]])):
                return False
        if len(norm[mt.cstart:mt.cend].strip()) == 1 and norm[mt.cstart] in FORMAL and mt.bare \
                and not (tok and tok[0] == mt.cstart and tok[1] == mt.cend and tok[2] == "m"
                         and norm[mt.cstart] not in "拾佰仟"):
            return False  # 陆地, 伍仁, 拾到
    if not strict:
        return True
    if mt.kind == "ordinal":
        return not mt.bare and not mt.chinese  # 第三幼儿园, 第一批, 第一时间: names

    if mt.kind in ("year", "date"):
        return True
    if mt.chinese and mt.bare and mt.kind == "count":
        return False  # 两新, 八大群体, 六帮一体验, 十强, 一线
    if mt.chinese and mt.value == 0 and mt.kind != "percent":
        return False  # 零部件, 零距离
    if mt.chinese and mt.unit == "届" and "\u4e00" <= norm[mt.end:mt.end + 1] <= "\u9fff" \
            and norm[mt.end] not in "的了和与及、":
        return False  # 八届全国政协, 十九届四中全会: names of sessions
    if norm[mt.end:mt.end + 1] == "制" or norm.startswith("年代", mt.end) or \
            (mt.chinese and mt.unit == "号"):
        return False  # 七人制, 五年制, 九十年代, 长征三号
    if mt.one_cn and not mt.approx and mt.kind in ("count", "duration"):
        return False  # determiner: 一条路径, 一名学徒工, 一个缩影
    if mt.bare:
        before = norm[mt.start - 1:mt.start] if mt.start else ""
        after = norm[mt.end:mt.end + 1]
        if before == "+" or after == "+":
            return False  # 1+4+3+X
        if before and after and before in "(（" and after in ")）":
            return False  # (1) list numbering
        if (before and before in ":∶") or (after and after in ":∶") or after in ("时", "点"):
            return False  # 1∶2 ratios, 20:00 / 20时 / 8点 clock times
        if before in ("时", "点") and after == "分":
            return False  # 9时50分
        if after in ("型", "式"):
            return False  # 737-300型: model numbers
        if after and after in ".．、" and (mt.start == 0 or norm[mt.start - 1] == "\n"):
            return False  # "32．根据…": list numbering at a line start
    return True


def _disjoint(spans):
    out = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def extract_facts(text: str, tokens, strict_context: bool = True) -> list[dict]:
    norm = normalize(text)
    ctx = _Ctx(text, norm, tokens)
    masked = SpanSet((m.start(), m.end()) for m in IDIOM_RE.finditer(norm))
    if strict_context:
        # short quoted names without a unit: “两新”, “1+4+3+X”, “六帮一体验”
        quotes = SpanSet((q.start(), q.end()) for q in QUOTE_RE.finditer(norm))
    else:
        quotes = None
    mentions: list[Mention] = []
    pos = 0
    n = len(norm)
    search = MASTER.search
    while pos < n:
        m = search(norm, pos)
        if not m:
            break
        mt = _one_number(ctx, m, strict_context)
        if mt == "skip":
            pos = m.end()
            continue
        if mt is None:
            # a rejected run is skipped whole; other patterns retry one character on
            pos = m.end("core") if m.lastgroup == "num" else m.start() + 1
            continue
        _finish(ctx, mt)
        pos = max(m.end() if m.lastgroup != "num" else mt.cend, mt.end, m.start() + 1)
        if not _keep(ctx, mt, strict_context, masked):
            continue
        if quotes is not None and mt.bare and quotes.encloses(mt.start, mt.end):
            continue
        mentions.append(mt)
    # change-by: 提高了20%
    for mt in mentions:
        if mt.kind in ("year", "date", "ordinal"):
            continue
        if CHANGE_BY_RE.search(norm, max(0, mt.start - 4), mt.start):
            mt.kind = "change"
    # 上涨0.8%和2.8%: coordinated amounts share the change
    for a, b in zip(mentions, mentions[1:]):
        if a.kind == "change" and b.kind != "change" and b.unit == a.unit \
                and norm[a.end:b.start].strip() in ("和", "、", "及", "与"):
            b.kind = "change"
    link_changes_and_ranges(norm, mentions)
    subj = Subjects(text, tokens)
    blocked = SpanSet(_disjoint((mt.start, mt.end) for mt in mentions))
    for mt in mentions:
        if mt.kind in ("year", "date", "ordinal"):
            continue
        if mt.role in ("to", "high") and mt.subject is not None:
            continue
        s = None
        if mt.kind == "money":
            s = subj.left(mt.start, money=True, blocked=blocked)
        if s is None and (mt.kind in ("count", "money", "measure", "change") or mt.unit):
            s = subj.right(mt.end)
        if s is None and not (mt.kind in ("count",) and mt.start > 0 and norm[mt.start - 1] in "、，,"):
            s = subj.left(mt.start, money=mt.kind == "money" or mt.kind == "change", blocked=blocked)
        mt.subject = s
    # ellipsis in a list: 157名产业工人报名…、144人参加… -> the 144 are 产业工人 too
    prev = None
    for mt in mentions:
        if mt.subject is None and prev is not None and prev.subject and mt.kind == prev.kind == "count" \
                and mt.start > 0 and norm[mt.start - 1] in "、，," and mt.start - prev.end <= 30 \
                and {mt.unit, prev.unit} <= {"人", "名", "位"}:
            mt.subject = prev.subject
        prev = mt
    groups = {}
    for mt in mentions:
        if mt.group is not None:
            groups.setdefault(mt.group, []).append(mt)
    for members in groups.values():
        subj_s = next((x.subject for x in members if x.subject), None)
        for x in members:
            if x.subject is None or x.role in ("to", "high"):
                x.subject = subj_s
    out = []
    for mt in mentions:
        v = mt.value
        if isinstance(v, Decimal):
            v = to_python(v)
        out.append({
            "text": text[mt.start:mt.end], "value": v, "unit": mt.unit, "approx": mt.approx,
            "kind": mt.kind, "subject": mt.subject, "start": mt.start, "end": mt.end,
            "role": mt.role, "group": mt.group,
        })
    out.sort(key=lambda f: (f["start"], f["end"]))
    return out
