"""Approximation markers before and after a number.

over:  余 多 以上 超过 超 逾 大于 高于 多于 至少 不少于 不低于 不小于 ...
under: 近 将近 不到 不足 低于 小于 少于 以下 以内 之下 最多 不超过 ...
about: 约 大约 大概 左右 上下 上下浮动
Comparators (大于/小于/至少/最多) are approximations in our schema: a single
number with a bound.  等于 is kept in the span with approx None.
"""
from __future__ import annotations

import re

PREFIX = {
    "大于或者等于": "over", "大于或等于": "over", "大于等于": "over", "不小于": "over",
    "不少于": "over", "不低于": "over", "至少有": "over", "至少是": "over", "至少为": "over",
    "至少在": "over", "至少": "over", "突破": "over", "最少": "over", "超过了": "over", "超过": "over", "多于": "over",
    "高于": "over", "大于": "over", "逾": "over", "超": "over", ">=": "over", "≥": "over",
    ">": "over",
    "小于或者等于": "under", "小于或等于": "under", "小于等于": "under", "不大于": "under",
    "不超过": "under", "不高于": "under", "不多于": "under", "最多有": "under",
    "最多是": "under", "最多为": "under", "最多": "under", "低于": "under", "少于": "under",
    "小于": "under", "不足": "under", "不到": "under", "将近": "under", "接近": "under",
    "几乎": "under", "近": "under", "<=": "under", "≤": "under", "<": "under",
    "大约": "about", "大概有": "about", "大概": "about", "约为": "about", "约有": "about",
    "约": "about", "左右": "about",
    "等于": None,
}
SUFFIX = {
    "以上": "over", "或者以上": "over", "或以上": "over", "或者更多": "over", "或更多": "over",
    "之多": "over", "多": "over", "余": "over",
    "以下": "under", "以内": "under", "之下": "under", "或者以下": "under", "不到": "under",
    "左右": "about", "上下": "about",
}
# 余/多 directly after the numeral (before the unit): 25500 余人, 20多项, 1.5万余人
INNER_SUFFIX = ("余", "多")
# after the unit: 300吨左右, 20万次以上
POST_UNIT = {"或者以上": "over", "或以上": "over", "或者更多": "over", "或更多": "over",
             "之下": "under", "或者以下": "under", "或以下": "under", "以上": "over", "以下": "under", "以内": "under", "左右": "about",
             "上下": "about", "之多": "over", "多": "over", "余": "over"}


def _alt(d):
    return "|".join(re.escape(k) for k in sorted(d, key=len, reverse=True))


PREFIX_RE = re.compile(
    r"(?:(?P<cmp>(?:大于|小于)[ ]*或(?:者)?[ ]*等于|<[ ]*=|>[ ]*=)|(?P<p>" + _alt(PREFIX) + r"))[ ]*$")
POST_UNIT_RE = re.compile(r"[ ]*(?P<s>" + _alt(POST_UNIT) + r")")
# 比三十大 / 比 170 低
BI_AFTER_RE = re.compile(r"[ ]*(?P<w>大|高|多|小|低|少)")
BI_KIND = {"大": "over", "高": "over", "多": "over", "小": "under", "低": "under", "少": "under"}


def prefix_approx(norm: str, start: int) -> tuple[int, str | None, bool]:
    """Look left of `start` for an approximation marker.

    Returns (new_start, approx, found)."""
    window = norm[max(0, start - 8):start]
    m = PREFIX_RE.search(window)
    if not m:
        return start, None, False
    if m.group("cmp"):
        key = m.group("cmp")
        approx = "over" if key.startswith(("大", ">")) else "under"
    else:
        key = m.group("p")
        approx = PREFIX[key]
        if key == "近" and start - len(window) + m.start() > 0:
            # 最近/附近/接近 are words; 近 alone only after a non-letter or 将
            prev = norm[start - len(window) + m.start() - 1]
            if prev in "最附靠亲临贴逼远":
                return start, None, False
        if key == "超" and start - len(window) + m.start() > 0:
            prev = norm[start - len(window) + m.start() - 1]
            if prev in "高":
                return start, None, False
    new_start = start - len(window) + m.start()
    return new_start, approx, True
