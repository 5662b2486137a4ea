"""分别: a list of subjects matched one to one with a list of numbers.

鸡、猪的饲养量分别达到200万只和30万头 -> 鸡, 猪; 平均节汇率和节资率分别为10%和15%以上 ->
平均节汇率, 节资率; 蛋、肉产量为1.4万吨，分别占全区的33%和12% -> 蛋, 肉产量 (the list is the
previous clause's topic when 分别 opens a clause).  Only when the list and the numbers after
分别 (in its clause) are equally many; otherwise the subjects found before stay.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from .mention import Mention
from .phrases import MAX_CLAUSE, Phrases

LIST_MARKS = re.compile(r"[、和与及]|和|与|及")
JOINERS = ("和", "与", "及", "、", "的")


def _list_before(ph: Phrases, i: int) -> list[int] | None:
    """Word indices of the (coordinated, possibly 的-modified) noun phrase ending right
    before word i."""
    j = i - 1
    if j < 0 or not ph.glued(j, i):
        return None
    if ph.boundary(j):  # 分别 opens the clause: the list is the previous clause's topic
        if j < 1:
            return None
        lo = ph.clause_start(j - 1)
        return ph.topic_words(lo, j - 1)
    found = ph.chain_left(j)
    if found is None:
        return None
    k = found[0]
    for _ in range(4):
        if k < 2 or ph.w(k - 1) not in JOINERS or not ph.glued(k - 2, k - 1):
            break
        more = ph.chain_left(k - 2)
        if more is None:
            break
        k = more[0]
    return list(range(k, j + 1))


def _items(ph: Phrases, words: list[int]) -> list[str]:
    """The list's items: 全县鸡、猪的饲养量 -> 鸡, 猪 (before 的; the first item keeps its last
    words up to the length of the second: 全县鸡 -> 鸡); 蛋、肉产量 -> 蛋, 肉产量."""
    if any(ph.w(x) == "的" for x in words):
        words = words[:next(n for n, x in enumerate(words) if ph.w(x) == "的")]
    items: list[list[int]] = [[]]
    for x in words:
        if LIST_MARKS.fullmatch(ph.w(x)):
            items.append([])
        else:
            items[-1].append(x)
    items = [it for it in items if it]
    if len(items) >= 2:  # a first item no longer than the second: 全县鸡、猪 -> 鸡
        size = len(ph.span(items[1][0], items[1][-1]))
        n = 1
        while n < len(items[0]) and len(ph.span(items[0][-n], items[0][-1])) < size:
            n += 1
        items[0] = items[0][-n:]
    return [ph.span(it[0], it[-1]) for it in items]


def distribute(ph: Phrases, norm: str, mentions: list[Mention]) -> None:
    """Give each number after 分别 its own item of the list before it."""
    starts = [mt.start for mt in mentions]
    for i in range(len(ph.words)):
        if ph.w(i) != "分别":
            continue
        end = i + 1
        while end < len(ph.words) and end - i < MAX_CLAUSE and not ph.boundary(end):
            end += 1
        lo = bisect_left(starts, ph.words[i][1])
        hi = bisect_left(starts, ph.words[end][0] if end < len(ph.words) else len(norm))
        targets = mentions[lo:hi]
        if len(targets) < 2:
            continue
        words = _list_before(ph, i)
        items = _items(ph, words) if words else []
        if len(items) == len(targets):
            for mt, item in zip(targets, items):
                mt.subject = item
