"""What follows a numeral: %, 个百分点, 成/折, a year or date, a unit or measure word
(with money sub-units 五元三毛 and a trailing 半).  `scan_units` fills in unit,
kind and value of a Mention and returns where the fact ends."""
from __future__ import annotations

from decimal import Decimal

import re

from . import dates
from .mention import Context, Mention
from .numerals import NumeralError, parse_number
from .patterns import CD, CU
from .units import MONEY_SUB, UNIT_RE, canonical, unit_kind

PCT_RE = re.compile(r"[ ]*(?:(?P<sym>%|‰)|(?P<pp>个?[ ]*百[ ]*分[ ]*点))")
CHENG_RE = re.compile(rf"[ ]*(?P<u>成|折)(?:[ ]*(?P<tail>半|[一二三四五六七八九1-9])(?![{CD}{CU}万亿0-9成折]))?")
BARE_GE_RE = re.compile(r"[ ]*(?P<unit>个)")
YEAR_RE = re.compile(r"[ ]*年")
MEDALS = frozenset("金银铜")
MEDAL_TALLY_RE = re.compile(rf"[0-9{CD}{CU}][金银铜]")
# words around 级 that make it a grade on a scale (earthquake magnitude, wind force, sea state)
SCALE_CONTEXT_RE = re.compile(r"地震|余震|强震|震级|里氏|烈度|台风|飓风|大风|阵风|风力|[级]风|浪")
_SUB_RES = {u: re.compile(r"[ ]*(?:又|和|零)?[ ]*(?P<n>[0-9" + CD + r"十]+)[ ]*(?P<u>"
                             + "|".join(sorted(subs, key=len, reverse=True)) + ")")
            for u, subs in MONEY_SUB.items()}


def unit_ok(ctx: Context, ustart: int, uend: int) -> bool:
    """A unit must not be the start of a longer word (家庭, 人民, 打造, 名单; 107国道 and
    37416部队 are names).  Right after Arabic digits a longer word that is not a noun is
    a segmentation slip (２１次要少: 次要 "minor"), and the measure word stands."""
    tok = ctx.token_at(uend - 1)
    if tok is None:
        return True
    if tok[1] > uend and tok[0] >= ustart and tok[2] not in ("m", "q", "mq"):
        after_digit = ustart > 0 and "0" <= ctx.norm[ustart - 1] <= "9"
        return after_digit and tok[0] == ustart and tok[2].startswith(("a", "b", "z"))
    return True


def _integral(v: Decimal) -> bool:
    return v == v.to_integral_value()


def _percent(ctx: Context, mt: Mention, e: int) -> int | None:
    """83.4%, 3个百分点, 三成, 七五折 (as %)."""
    norm = ctx.norm
    m = PCT_RE.match(norm, e)
    if m:
        mt.unit = "%" if m.group("sym") == "%" else ("‰" if m.group("sym") else "百分点")
        mt.kind = "percent"
        mt.bare = False
        return m.end()
    m = CHENG_RE.match(norm, e)
    if m and unit_ok(ctx, m.start("u"), m.end("u")):
        v = mt.value
        tail = m.group("tail")
        if m.group("u") == "成":
            ok = 0 < v <= 10
            pct = v * 10
            if tail:
                pct += Decimal(5) if tail == "半" else parse_number(tail)
        else:
            pct = v * 10 if v < 10 else v
            ok = not tail and 0 < v < 100 and v != 10
        if ok:
            mt.value = pct
            mt.unit = "%"
            mt.kind = "percent"
            mt.bare = False
            return m.end()
    return None


def _date(ctx: Context, mt: Mention, e: int) -> int | None:
    """1997年, 2021年10月20日, 10月20日, 于十一日."""
    norm = ctx.norm
    core = norm[mt.cstart:mt.cend]
    m = YEAR_RE.match(norm, e)
    if m:
        y = dates.year_value(core)
        if y is None and _integral(mt.value) and 1000 <= mt.value <= 2199 \
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
    if _integral(mt.value) and 1 <= mt.value <= 12 and not mt.approx:
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
    if _integral(mt.value) and 1 <= mt.value <= 31 and not mt.approx \
            and (core.isdigit() or all(c in "一二三四五六七八九十" for c in core)):
        if norm.startswith("日", e) and e == mt.cend and not norm.startswith(("日元", "日本"), e):
            mt.value = dates.iso(None, None, int(mt.value))
            mt.kind = "date"
            mt.bare = False
            return e + 1
    return None


def _money_subunits(norm: str, mt: Mention, end: int) -> int:
    """五元三毛, 两美元又三美分: add the sub-units to the value."""
    subs = MONEY_SUB.get(mt.unit)
    while subs:
        sm = _SUB_RES[mt.unit].match(norm[end:end + 12])
        if not sm or sm.group("u") not in subs:
            break
        try:
            sv = parse_number(sm.group("n"))
        except NumeralError:
            break
        mt.value = mt.value + sv * Decimal(str(subs[sm.group("u")]))
        end += sm.end()
        subs = {k: v for k, v in subs.items() if v < subs[sm.group("u")]}
    return end


def scan_units(ctx: Context, mt: Mention, e: int) -> int:
    """Percent signs, 成/折, years and dates, units and money sub-units after the number."""
    norm = ctx.norm
    for reader in (_percent, _date):
        end = reader(ctx, mt, e)
        if end is not None:
            return end
    m = UNIT_RE.match(norm, e)
    if m and norm[e:m.start("unit")].strip() == "个" and not unit_ok(ctx, m.start("unit"), m.end("unit")):
        m = BARE_GE_RE.match(norm, e)  # 60多个国家: 国 starts 国家, so the unit is 个
    if m and m.group("unit") in MEDALS and len(MEDAL_TALLY_RE.findall(norm, max(0, e - 8), e + 10)) < 2:
        m = BARE_GE_RE.match(norm, e)  # 金/银/铜 count medals only in a tally: 14金5银5铜
    if not m or not unit_ok(ctx, m.start("unit"), m.end("unit")) \
            or (m.group("unit") == "度" and mt.chinese):  # 一度 = "once"; 度 only after digits
        return e
    unit = m.group("unit")
    uend = m.end()
    nxt = UNIT_RE.match(norm, uend) if unit == "两" else None
    if nxt and unit_kind(nxt.group("unit")) in ("count", "duration") and nxt.group("unit") not in MEDALS:
        return e  # 3两个: 两 is the numeral of the next quantity, not a tael
    if len(unit) == 1 and norm[uend:uend + 1] == unit and unit not in "两":
        # 一名名 / 一个个: reduplicated measure word, not a quantity
        mt.kind = "redup"
        return uend + 1
    mt.ustart = m.start("unit")
    mt.unit = canonical(unit)
    mt.kind = unit_kind(unit)
    if unit == "块" and "\u4e00" <= norm[uend:uend + 1] <= "\u9fff" \
            and norm[uend] not in "钱呢吗吧啊呀了" + CD + CU + "万亿多余":
        mt.unit, mt.kind = "块", "count"  # １３块金牌: a measure word; 10块钱 / 三块五 are money
    if unit == "级" and SCALE_CONTEXT_RE.search(norm, max(0, mt.start - 6), min(len(norm), uend + 8)):
        mt.kind = "measure"  # 7级地震, 6级以上大风: a magnitude on a scale, not a count of levels
    mt.bare = False
    end = uend
    if mt.kind == "money":
        end = _money_subunits(norm, mt, end)
    elif mt.kind in ("measure", "count", "duration") and norm.startswith("半", end) \
            and not norm.startswith(("半年", "半天", "半月", "半小时", "半导体", "半岛"), end):
        mt.value = mt.value + Decimal("0.5")
        end += 1
    return end
