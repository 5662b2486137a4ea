"""Subject finding: what a number counts or measures, from tokens + POS.

Right side first: the noun chain that follows the number and its unit
(108名党建指导员 -> 党建指导员).  Otherwise the noun chain to its left, after
skipping function words (等/共/达/约/有/为 ...) and a change verb (提高了),
across 、-lists (困难职工、农牧民工等1.5万余人), plus one leading verb when it
follows an adverb (园区共入驻企业1558家 -> 入驻企业) or when the fact is money
(年内投资2亿元 -> 投资).  Years, dates and ordinals get no subject.
One modifier (a/b/d, or an l-tagged phrase) may lead a chain (非公企业, 困难职工,
世界领先技术); a right chain stops at mis-tagged verb phrases (民兵|积极响应).
A segmentation slip 占/比达80% is repaired to 占比.  In assign_subjects: the two
ends of a change/range share a subject, and a count after 、 with no subject of
its own takes the previous count's (157名产业工人…、144人… -> 产业工人).
"""
from __future__ import annotations

from bisect import bisect_right

from .lexicon import is_word
from .mention import Context, Mention
from .spans import SpanSet, disjoint


NOUNISH = ("n", "vn", "j", "an", "ng", "nz", "nt", "ns", "nr", "eng", "nrt")
SKIP_LEFT = {"等", "等等", "共", "共计", "合计", "累计", "达", "达到", "约", "有", "为", "是",
             "了", "总计", "计", "约为", "超过", "近", "逾", "超", "已", "已达", "增至", "增加",
             "提高", "提升", "增长", "上升", "下降", "减少", "降低", "降至", "提高到", "占",
             "至", "到", "从", "由", "比", "同比", "大于", "小于", "不足", "不到", "将近", "左右"}
ADVERB_POS = ("d",)
# tokens starting like this end a right-hand chain (民兵/积极响应: mis-tagged verb phrases)
ADVERB_HEADS = ("积极", "认真", "主动", "广泛", "深入", "不断", "全面", "大力", "努力", "共同", "纷纷",
                "高高兴兴", "踊跃", "及时", "迅速")
MODIFIER_POS = ("a", "b", "d")
MODIFIER_STOP = {"现有", "共有", "所有", "全部", "主要", "其他", "其它", "各类", "各种", "相关",
                 "共同", "不断", "积极", "全面", "目前", "已经", "共计", "累计", "同时", "先后"}


def _is_noun(pos: str) -> bool:
    return pos.startswith(NOUNISH) and pos != "nrfg"


class Subjects:
    def __init__(self, text: str, tokens):
        self.text = text
        self.tokens = tokens
        self.starts = [t[0] for t in tokens]

    def index_at(self, pos: int) -> int:
        """Index of the token containing/starting at or before `pos`."""
        return bisect_right(self.starts, pos) - 1

    def right(self, end: int) -> str | None:
        toks, text = self.tokens, self.text
        i = bisect_right(self.starts, end - 1)
        while i < len(toks) and toks[i][0] < end:
            i += 1
        if i >= len(toks) or text[end:toks[i][0]].strip():
            return None
        parts = []
        j = i
        # one leading modifier: 非公企业, 困难职工
        if j + 1 < len(toks) and toks[j][2] in MODIFIER_POS and _is_noun(toks[j + 1][2]) \
                and text[toks[j][0]:toks[j][1]] not in MODIFIER_STOP \
                and toks[j][1] - toks[j][0] >= 2:
            parts.append(text[toks[j][0]:toks[j][1]])
            j += 1
        while j < len(toks) and len(parts) < 6 and not text.startswith(ADVERB_HEADS, toks[j][0]) \
                and (_is_noun(toks[j][2]) or (
                toks[j][2] == "l" and j + 1 < len(toks) and _is_noun(toks[j + 1][2]))):
            if parts and text[toks[j - 1][1]:toks[j][0]].strip():
                break
            parts.append(text[toks[j][0]:toks[j][1]])
            j += 1
        return "".join(parts) or None

    def left(self, start: int, money: bool = False, blocked: SpanSet = SpanSet(())) -> str | None:
        toks, text = self.tokens, self.text
        i = bisect_right(self.starts, start - 1) - 1
        # tokens overlapping the fact start belong to the fact
        while i >= 0 and toks[i][1] > start:
            i -= 1
        # skip an adjacent earlier fact (23大类80家) and function words
        guard = 0
        while i >= 0 and guard < 6:
            guard += 1
            w = text[toks[i][0]:toks[i][1]]
            inside = toks[i][0] in blocked
            if inside or w in SKIP_LEFT or toks[i][2] in ("ul", "uz", "ug"):
                i -= 1
                continue
            break
        if i < 0:
            return None
        # segmentation repair: 占/v 比达/nrt 80% -> 占比 (达 belongs to the number)
        w = text[toks[i][0]:toks[i][1]]
        if len(w) == 2 and w[1] in "达为约共计" and i >= 1 and not _is_noun(toks[i - 1][2]):
            cand = text[toks[i - 1][0]:toks[i - 1][1]] + w[0]
            if is_word(cand) or toks[i - 1][1] - toks[i - 1][0] == 1:
                rest = self.left(toks[i - 1][0], blocked=blocked) if i >= 2 else None
                if rest and toks[i - 2][1] == toks[i - 1][0] and _is_noun(toks[i - 2][2]):
                    return rest + cand
                return cand
        first = toks[i]
        if money and not _is_noun(first[2]) and first[2].startswith("v"):
            w = text[first[0]:first[1]]
            if len(w) >= 2:
                k = i - 1
                if k >= 0 and text[toks[k][0]:toks[k][1]] == "总":
                    return "总" + w
                return w
        parts: list[str] = []
        j = i
        while j >= 0:
            t = toks[j]
            w = text[t[0]:t[1]]
            if t[0] in blocked:
                break
            if _is_noun(t[2]) and w not in SKIP_LEFT:
                parts.append(w)
                j -= 1
                continue
            if w == "、" and parts and j > 0 and (_is_noun(toks[j - 1][2]) or toks[j - 1][2] == "l" or (
                    j > 1 and toks[j - 1][2] in MODIFIER_POS and _is_noun(toks[j - 2][2]))):
                parts.append(w)
                j -= 1
                continue
            break
        if not parts:
            return None
        if parts[-1] == "、" and j >= 0 and toks[j][2] == "l":
            parts.append(text[toks[j][0]:toks[j][1]])
            j -= 1
        if parts[-1] != "、" and j >= 0 and toks[j][2] == "l" and len(parts) == 1:
            parts.append(text[toks[j][0]:toks[j][1]])
            j -= 1
        elif parts[-1] != "、" and j >= 0 and toks[j][2] in MODIFIER_POS \
                and text[toks[j][0]:toks[j][1]] not in MODIFIER_STOP \
                and (toks[j][1] - toks[j][0] >= 2 or toks[j][2] == "b"):
            parts.append(text[toks[j][0]:toks[j][1]])
            j -= 1
        if parts[-1] == "、":
            parts.pop()
        # one leading verb after an adverb: 共入驻企业
        if j >= 1 and len(parts) == 1 and toks[j][2] == "v" and toks[j - 1][2] in ADVERB_POS \
                and toks[j][1] - toks[j][0] >= 2:
            parts.append(text[toks[j][0]:toks[j][1]])
        return "".join(reversed(parts))


def assign_subjects(ctx: Context, mentions: list[Mention]) -> None:
    """Set `subject` on every mention (years, dates and ordinals get none)."""
    norm = ctx.norm
    subj = Subjects(ctx.text, ctx.tokens)
    blocked = SpanSet(disjoint((mt.start, mt.end) for mt in mentions))
    for mt in mentions:
        if mt.kind in ("year", "date", "ordinal"):
            continue
        if mt.role in ("to", "high") and mt.subject is not None:
            continue
        if mt.subject is not None:
            continue  # given by the caller (a table cell's headers)
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
    groups: dict[int, list[Mention]] = {}
    for mt in mentions:
        if mt.group is not None:
            groups.setdefault(mt.group, []).append(mt)
    for members in groups.values():
        subj_s = next((x.subject for x in members if x.subject), None)
        for x in members:
            if x.subject is None or x.role in ("to", "high"):
                x.subject = subj_s
