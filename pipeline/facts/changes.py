"""Changes and ranges between two numbers.

Representation (decision):
- A change between two levels, 从900吨/月增至1500吨/月, gives two facts with
  roles "from"/"to" and a shared `group`; each keeps the kind of its own
  quantity (measure here) because each is a level, not a difference.
- A change by an amount, 提高了20%, is one fact of kind "change" (value 20,
  unit %), role None: its value *is* the difference.
- A range, 3至5年 / 10万-20万元 / 在20和30之间 / 大于10小于20, gives two facts
  with roles "low"/"high" and a shared group.  An end printed without a unit
  takes the other end's unit and 万/亿 scale (10-20万元 -> 100000, 200000 元).
  Vague pairs (三四家, 两三天, 两三百万元) are ranges whose low end is the first
  digit alone.
"""
from __future__ import annotations

import re
from decimal import Decimal

RANGE_SEP = re.compile(r"[ ]*(?:至|到|~|-|－|—|～)[ ]*$")
BETWEEN_SEP = re.compile(r"[ ]*(?:和|与|到)[ ]*$")
BETWEEN_AFTER = re.compile(r"[ ]*(?:之)?间")
CHANGE_FROM = re.compile(r"(?:从|由)[ ]*$")
CHANGE_SEP = re.compile(r"[ ]*(?:增加|增长|提高|提升|上升|下降|减少|降低|扩大|缩小|跃升|攀升|增|降|减|升|涨|跌)?(?:了)?(?:至|到|为)[ ]*$")
BOUND_SEP = re.compile(r"^(?:[ ]|的同时|并且|而且|并|且|而|，|,)*$")
CHANGE_BY_RE = re.compile(r"(?:提高|增长|增加|上升|下降|减少|降低|提升|上涨|下跌|下滑|回落|攀升|扩大|缩小"
                          r"|贬值|升值|回升|下调|上调|增|降|涨|跌|减)(?:了)?[ ]*$")
COORDINATORS = ("和", "、", "及", "与")
SCALE = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8, "兆": Decimal(10) ** 12}


def _inherit(a, b):
    """`a` printed without a unit takes b's unit (and scale)."""
    if a.unit is None and b.unit is not None and a.kind in ("count",):  # noqa: E501
        a.unit = b.unit
        a.kind = b.kind if b.kind != "change" else "count"
        if b.scale and not a.scale and isinstance(a.value, Decimal):
            a.value = a.value * SCALE[b.scale]
            a.scale = b.scale


def _link(a, b, group: int, roles: tuple[str, str]) -> int:
    """Give a and b their roles under a new shared group number; returns that number."""
    group += 1
    a.role, b.role = roles
    a.group = b.group = group
    return group


def link_changes_and_ranges(norm: str, mentions: list) -> None:
    group = 0
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if a.group is not None or b.group is not None:
            continue
        if a.kind in ("date", "year") and b.kind in ("date", "year"):
            # 一月七日至九日, 1997至1998年
            if RANGE_SEP.fullmatch(norm[a.end:b.start]) and isinstance(a.value, str) \
                    and isinstance(b.value, str) and len(norm[a.end:b.start].strip()) == 1:
                av, bv = a.value, b.value
                if bv.startswith("---") and re.fullmatch(r".*-\d{2}-\d{2}", av):
                    b.value = av[:-2] + bv[-2:]
                elif bv.startswith("--") and not bv.startswith("---") and re.fullmatch(r"\d{4}-.*", av):
                    b.value = av[:4] + bv[1:]
                group = _link(a, b, group, ("low", "high"))
            continue
        if a.kind in ("year", "date") or (b.kind in ("year", "date") and a.kind != "count"):
            continue
        between = norm[a.end:b.start]
        if a.pair and a.end == b.start:  # 三四个, 两三天: a vague range
            _inherit(a, b)
            a.kind = b.kind
            group = _link(a, b, group, ("low", "high"))
            continue
        if BETWEEN_SEP.fullmatch(between) and b.unit == "间":  # 10000与20000间
            b.unit, b.kind, b.bare = None, "count", True
            b.end -= 1
        if a.kind == "ordinal" or b.kind == "ordinal":
            if BETWEEN_SEP.fullmatch(between) and BETWEEN_AFTER.match(norm, b.end):
                group = _link(a, b, group, ("low", "high"))
            continue
        if len(between) > 12:
            continue
        if CHANGE_FROM.search(norm, max(0, a.start - 2), a.start) and CHANGE_SEP.fullmatch(between):
            _inherit(a, b)
            group = _link(a, b, group, ("from", "to"))
            if b.kind == "change":
                b.kind = a.kind
            continue
        if RANGE_SEP.fullmatch(between) and b.kind == "year" and a.kind == "count" and a.bare \
                and isinstance(a.value, Decimal) and a.value == int(a.value) \
                and 1000 <= a.value < int(b.value):
            a.value, a.kind, a.bare = str(int(a.value)), "year", False  # 2020-2022年
            group = _link(a, b, group, ("low", "high"))
            continue
        if RANGE_SEP.fullmatch(between) and b.kind == "date" and a.kind == "count" and a.bare \
                and isinstance(b.value, str) and re.fullmatch(r"(\d{4}|-)-\d{2}", b.value) \
                and a.value == int(a.value) and 1 <= a.value < int(b.value[-2:]):
            # 1至10月: a month range (1997年1至10月: the year applies to both)
            if b.value.startswith("--") and i > 0 and mentions[i - 1].kind == "year" \
                    and mentions[i - 1].end == a.start:
                b.value = mentions[i - 1].value + b.value[1:]
            a.value = b.value[:-2] + f"{int(a.value):02d}"
            a.kind, a.bare = "date", False
            group = _link(a, b, group, ("low", "high"))
            continue
        if RANGE_SEP.fullmatch(between) and b.kind != "change" and a.approx in (None, "about"):
            if a.unit is not None and b.unit is not None and a.unit != b.unit:
                continue
            _inherit(a, b)
            try:
                if a.value >= b.value:
                    continue
            except TypeError:
                continue
            group = _link(a, b, group, ("low", "high"))
            continue
        if BETWEEN_SEP.fullmatch(between) and BETWEEN_AFTER.match(norm, b.end):
            _inherit(a, b)
            group = _link(a, b, group, ("low", "high"))
            continue
        # bounds: 大于10小于20, 最多100最少20, 1000以上， 1500以下
        # (a unit printed after the second bound covers the first: 最多100最少20个; but
        # 将近450万人，超过200万的牲畜 are two different things)
        if {a.approx, b.approx} == {"over", "under"} and BOUND_SEP.match(between) \
                and (a.unit == b.unit or a.unit is None):
            lo, hi = (a, b) if a.approx == "over" else (b, a)
            try:
                if lo.value >= hi.value:
                    continue
            except TypeError:
                continue
            group = _link(lo, hi, group, ("low", "high"))


def mark_change_amounts(norm: str, mentions: list) -> None:
    """提高了20%: the amount of a change is a fact of kind "change"; so is an amount
    coordinated with it (上涨0.8%和2.8%)."""
    for mt in mentions:
        if mt.kind not in ("year", "date", "ordinal") \
                and CHANGE_BY_RE.search(norm, max(0, mt.start - 4), mt.start):
            mt.kind = "change"
    for a, b in zip(mentions, mentions[1:]):
        if a.kind == "change" and b.kind != "change" and b.unit == a.unit \
                and norm[a.end:b.start].strip() in COORDINATORS:
            b.kind = "change"
