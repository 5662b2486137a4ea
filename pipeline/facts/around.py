"""What surrounds a read number: approximation markers before and after it
(约, 近, 超过, 左右, 以上), a currency symbol before it ($5), and 比三十大."""
from __future__ import annotations

import re

from .approx import BI_AFTER_RE, BI_KIND, POST_UNIT, POST_UNIT_RE, prefix_approx
from .mention import Context, Mention

MONEY_SYM_RE = re.compile(r"(?P<s>US\$|\$|¥|€|£)[ ]*$")
WORDS_AFTER_NEI = set("地外容部资蒙涵需销阁科存")  # 内地, 内容, 内部 ...: 内 starts a word
AT_LEAST_BEFORE_VERB_RE = re.compile(r"(?:至少|最少|不少于)[\u4e00-\u9fff]{1,3}$")
MONEY_SYM = {"$": "美元", "US$": "美元", "¥": "元", "€": "欧元", "£": "英镑"}


def attach_surroundings(ctx: Context, mt: Mention) -> None:
    """Widen the fact over markers around the number and set approx / money unit."""
    norm = ctx.norm
    if mt.kind in ("year", "date", "ordinal"):
        return
    ns, approx, found = prefix_approx(norm, mt.start)
    if found:
        mt.start = ns
        if approx and not mt.approx:
            mt.approx = approx
    before = norm[max(0, mt.start - 4):mt.start]
    sm = MONEY_SYM_RE.search(before)
    if sm and mt.unit is None:
        mt.start -= len(before) - sm.start()
        mt.unit = MONEY_SYM[sm.group("s")]
        mt.kind = "money"
        mt.bare = False
    pm = POST_UNIT_RE.match(norm, mt.end)
    # 300吨左右, 20万次以上; 余/多 after a unit only (before it they are read earlier)
    if pm and (pm.group("s") not in ("多", "余") or mt.unit is not None):
        if not mt.approx:
            mt.approx = POST_UNIT[pm.group("s")]
        mt.end = pm.end()
    if not found and not mt.approx:
        sm = AT_LEAST_BEFORE_VERB_RE.search(norm, max(0, mt.start - 7), mt.start)
        if sm:
            mt.approx = "over"  # 至少导致１５６７人死亡: the bound scopes over the number
    if mt.kind == "duration" and norm.startswith("内", mt.end) and not mt.approx \
            and norm[mt.end + 1:mt.end + 2] not in WORDS_AFTER_NEI:
        mt.approx = "under"  # 一个月内, 三年内: within
        mt.end += 1
    if not found:  # 比三十大 / 比 170 低
        lo = max(0, mt.start - 3)
        b = norm[lo:mt.start].rstrip()
        if b.endswith("比"):
            bm = BI_AFTER_RE.match(norm, mt.end)
            if bm:
                mt.start = lo + len(b) - 1
                mt.approx = BI_KIND[bm.group("w")]
                mt.end = bm.end()
