"""Subjects: what a number counts, measures or changes, from words and their POS.

By kind (years, dates, ordinals and durations get none):
- count / measure: the noun phrase right after the unit (108名党建指导员), else the
  noun phrase to the left (企业1558家, 困难职工、农牧民工等1.5万余人), else, for
  people, the verb right after (２９１３人死亡 -> 死亡), else the verbs to the left
  (死２７２２人 -> 死; 批准出国留学4.3万人 -> 出国留学).
- money: a noun after 的 (120亿美元的资金), else the noun phrase to the left, or
  the verb it follows when that is what the money is (投资2亿元).
- percent: 的 + noun, else the noun phrase to the left; a share 甲占乙的N% is 甲's.
- change (增长5%): what changed is the clause's topic, the first noun phrase of the
  clause (国内生产总值年均增长12.1%, 卢布对美元贬值了15%, 股价下跌了60%).
When a change or share has no noun in its clause (…，比上年增加5.6%), it takes the
subject of the fact before it in the same sentence.  Going left, function words,
approximation words, level and change verbs (达到, 保持在, 增长了), adverbs, time
words and comparisons (比上年) are skipped.  A noun phrase is a chain of nouns,
place/locative words (国内), list items joined by 、, modifiers inside it (劳模先进
事迹), a passive participle (被困人员) and a verb led by an adverb (共入驻企业).
Words come from words.py (segmentation fragments repaired with general vocabulary).
"""
from __future__ import annotations

from bisect import bisect_right

from .lexicon import is_word
from .mention import Context, Mention, Token
from .spans import SpanSet, disjoint
from .words import repair_words

NOUNISH = ("n", "vn", "j", "an", "ng", "Ng", "nz", "nt", "ns", "nr", "eng", "nx", "s")
NOT_NOUN = frozenset({"年均", "同比", "环比", "平均", "累计", "总计", "共计", "分别", "其中", "目前",
                      "当前", "此外", "今年", "去年", "明年", "全年", "上年", "同期", "一行"})
SKIP_LEFT = frozenset({
    "等", "等等", "共", "共计", "合计", "累计", "达", "达到", "约", "有", "为", "是", "了", "总计", "计",
    "约为", "超过", "近", "逾", "超", "已", "已达", "增至", "增加", "提高", "提升", "增长", "上升", "下降",
    "减少", "降低", "降至", "提高到", "占", "至", "到", "从", "由", "比", "同比", "大于", "小于", "不足",
    "不到", "将近", "左右", "在", "保持", "保持在", "估计", "估计为", "预计", "预期", "突破", "仅", "只",
    "才", "就", "将", "可", "可达", "高达", "多达", "年均", "平均", "分别", "均", "都", "各", "接近",
    "几乎", "至少", "最多", "上涨", "下跌", "增", "降", "涨", "跌", "减", "回落", "攀升", "扩大", "缩小",
    "贬值", "升值", "下滑", "跌幅", "涨幅", "为止", "以", "每", "每年", "当年", "全年", "已有", "现有",
    "共有"})
CHANGE_VERBS = frozenset({"增长", "增加", "提高", "提升", "上升", "下降", "减少", "降低", "上涨", "下跌",
                          "下滑", "回落", "攀升", "扩大", "缩小", "贬值", "升值", "增", "降", "涨", "跌",
                          "减", "回升", "下调", "上调", "增长了", "下降了"})
# verbs that govern an activity rather than name it: 批准出国留学 -> 出国留学
GOVERNING = frozenset({"批准", "出动", "组织", "完成", "实现", "开展", "举办", "共有", "拥有", "有", "已有",
                        "现有", "夺得", "获得", "取得", "赢得", "获", "得到", "拿到", "收到"})
PEOPLE_UNITS = frozenset({"人", "人次", "名", "位"})
# last characters of nouns naming people who act: 人员, 学者, 工人, 农民, 学生, 大户
AGENT_ENDS = frozenset("员者人工民生户")
# medal tallies: the unit names the medal
MEDAL_NOUNS = {"金": "金牌", "银": "银牌", "铜": "铜牌"}
# last characters of nouns that name money: 资金 存款 经费 投资 金额 资产 成本 收入 利润 税 补贴
MONEY_NOUN_ENDS = frozenset("金款费资额产本入出益润税贴")
MODIFIER_POS = ("a", "b", "h", "z")
MODIFIER_STOP = frozenset({"现有", "共有", "所有", "全部", "主要", "其他", "其它", "各类", "各种", "相关",
                           "共同", "不断", "积极", "全面", "目前", "已经", "共计", "累计", "同时", "先后"})
# tokens starting like this end a right-hand chain (民兵/积极响应: mis-tagged verb phrases)
ADVERB_HEADS = ("积极", "认真", "主动", "广泛", "深入", "不断", "全面", "大力", "努力", "共同", "纷纷",
                "高高兴兴", "踊跃", "及时", "迅速")
CLAUSE_ENDS = frozenset("，。；：！？,;:!?（）()\n")
SENTENCE_ENDS = frozenset("。！？!?\n")
MAX_CHAIN = 8


def _is_noun(pos: str) -> bool:
    return pos.startswith(NOUNISH) and pos != "nrfg"


def _is_mod(pos: str) -> bool:
    return pos.startswith(MODIFIER_POS) or pos == "l"


def _is_verb(pos: str) -> bool:
    return pos.startswith(("v", "V")) and pos != "vn"


class Subjects:
    def __init__(self, text: str, tokens: list[Token], blocked: SpanSet):
        self.text = text
        self.words = repair_words(text, tokens)
        self.starts = [w[0] for w in self.words]
        self.blocked = blocked

    # -- word helpers -------------------------------------------------------------
    def w(self, i: int) -> str:
        return self.text[self.words[i][0]:self.words[i][1]]

    def noun(self, i: int) -> bool:
        return _is_noun(self.words[i][2]) and self.w(i) not in NOT_NOUN and not self.fact(i)

    def fact(self, i: int) -> bool:
        return self.words[i][0] in self.blocked or (self.words[i][1] - 1) in self.blocked

    def boundary(self, i: int) -> bool:
        return self.w(i) in CLAUSE_ENDS or self.words[i][2] == "w" and self.w(i) not in ("、", "·")

    def glued(self, i: int, j: int) -> bool:
        """Words i < j with nothing but each other between them."""
        return not self.text[self.words[i][1]:self.words[j][0]].strip()

    def last_before(self, pos: int) -> int:
        """Index of the last word ending at or before `pos`."""
        i = bisect_right(self.starts, pos - 1) - 1
        while i >= 0 and self.words[i][1] > pos:
            i -= 1
        return i

    def first_after(self, pos: int) -> int:
        i = bisect_right(self.starts, pos - 1)
        while i < len(self.words) and self.words[i][0] < pos:
            i += 1
        return i

    # -- noun phrases -------------------------------------------------------------
    def chain_left(self, j: int) -> tuple[int, str] | None:
        """The noun phrase ending with word j: (index of its first word, text)."""
        if j < 0 or not self.noun(j):
            return None
        k = j
        while k >= 0 and j - k < MAX_CHAIN:
            p = k - 1
            if p < 0 or not self.glued(p, k):
                break
            wp, pos = self.w(p), self.words[p][2]
            if self.noun(p):
                k = p
            elif wp == "、" and p > 0 and (self.noun(p - 1) or (
                    _is_mod(self.words[p - 1][2]) and p > 1 and self.noun(p - 2))):
                k = p - 1
            elif _is_mod(pos) and wp not in MODIFIER_STOP and not self.fact(p) and (
                    len(wp) >= 2 or pos.startswith(("b", "h"))):
                k = p
                if not (p > 0 and self.noun(p - 1) and self.glued(p - 1, p)):
                    break  # a modifier leads the phrase unless a noun precedes it (劳模先进事迹)
            elif _is_verb(pos) and p > 0 and self.w(p - 1) == "被":
                k = p - 1  # 被困人员
                break
            else:
                break
        # 对亚洲出口: a place led by 对 is the direction of the activity named by the chain
        if k >= 1 and self.w(k - 1) == "对" and self.words[k][2].startswith(("ns", "nt")) \
                and self.words[j][2] == "vn":
            return k - 1, self.text[self.words[k - 1][0]:self.words[j][1]]
        # a one-character verb of motion before a place-led chain: 赴国外旅游
        if k >= 1 and self.words[k][2].startswith("s") and len(self.w(k - 1)) == 1 \
                and _is_verb(self.words[k - 1][2]) and self.glued(k - 1, k) and self.w(k - 1) not in SKIP_LEFT:
            return k - 1, self.text[self.words[k - 1][0]:self.words[j][1]]
        # one leading verb after an adverb: 共入驻企业, 自主创新技术
        p = k - 1
        if p >= 1 and _is_verb(self.words[p][2]) and len(self.w(p)) >= 2 and self.glued(p, k) \
                and self.words[p - 1][2].startswith(("d", "vd")) and self.w(p) not in SKIP_LEFT:
            k = p
        return k, self.text[self.words[k][0]:self.words[j][1]]

    def chain_right(self, i: int) -> str | None:
        """The noun phrase starting at word i (modifiers and numerals inside it allowed)."""
        n = len(self.words)
        j = i
        end = None
        while j < n and j - i < MAX_CHAIN:
            if j > i and not self.glued(j - 1, j):
                break
            if self.text.startswith(ADVERB_HEADS, self.words[j][0]):
                break
            pos = self.words[j][2]
            if self.noun(j):
                end = j
            elif (_is_mod(pos) or (pos.startswith("m") and not self.fact(j))) \
                    and self.w(j) not in MODIFIER_STOP and j + 1 < n and not self.boundary(j + 1) \
                    and (self.noun(j + 1) or _is_mod(self.words[j + 1][2])):
                pass
            else:
                break
            j += 1
        if end is None:
            return None
        return self.text[self.words[i][0]:self.words[end][1]]

    # -- the sides of a fact ------------------------------------------------------
    def right(self, end: int) -> str | None:
        i = self.first_after(end)
        if i >= len(self.words) or not self.glued_pos(end, i):
            return None
        return self.chain_right(i)

    def glued_pos(self, pos: int, i: int) -> bool:
        return not self.text[pos:self.words[i][0]].strip()

    def right_of_de(self, end: int) -> str | None:
        """120亿美元的资金, 6.5%左右的增速."""
        i = self.first_after(end)
        if i + 1 < len(self.words) and self.glued_pos(end, i) and self.w(i) == "的":
            return self.chain_right(i + 1)
        return None

    def right_verb(self, end: int) -> str | None:
        """２９１３人死亡 -> 死亡."""
        i = self.first_after(end)
        if i < len(self.words) and self.glued_pos(end, i) and _is_verb(self.words[i][2]) \
                and self.w(i) not in SKIP_LEFT and len(self.w(i)) >= 2:
            return self.w(i)
        return None

    def skip_left(self, start: int) -> int:
        """Index of the nearest word left of `start` that is not a function word,
        approximation, level or change verb, adverb, time word, comparison or fact."""
        i = self.last_before(start)
        guard = 0
        while i >= 0 and guard < 10:
            guard += 1
            w, pos = self.w(i), self.words[i][2]
            if w in ("）", ")"):  # 火灾（不含森林、草原火灾）１４万余起: step over the aside
                k = i - 1
                while k >= 0 and self.w(k) not in ("（", "(") and i - k < 20:
                    k -= 1
                if k >= 0 and self.w(k) in ("（", "("):
                    i = k - 1
                    continue
            if self.fact(i) or w in SKIP_LEFT or pos.startswith(("u", "t", "d", "p", "f")) \
                    or w in NOT_NOUN:
                if self.boundary(i):
                    break
                i -= 1
                continue
            break
        return i

    def left(self, start: int, money: bool = False) -> str | None:
        i = self.skip_left(start)
        if i < 0 or self.boundary(i):
            return None
        w, pos = self.w(i), self.words[i][2]
        # segmentation slip: 占/v 比达/nrt 80% -> 占比 (达 belongs to the number)
        if len(w) == 2 and w[1] in "达为约共计" and i >= 1 and not self.noun(i - 1):
            cand = self.w(i - 1) + w[0]
            if is_word(cand) or len(self.w(i - 1)) == 1:
                rest = self.chain_left(i - 2) if i >= 2 and self.glued(i - 2, i - 1) else None
                return rest[1] + cand if rest else cand
        if money and _is_verb(pos) and len(w) >= 2:
            return ("总" + w) if i >= 1 and self.w(i - 1) == "总" else w  # 投资2亿元, 总投资
        found = self.chain_left(i)
        return found[1] if found else None

    def left_verbs(self, start: int) -> str | None:
        """死２７２２人 -> 死; 出动灭火１４万余起 -> 出动灭火; 批准出国留学 -> 出国留学."""
        i = self.skip_left(start)
        if i < 0 or not _is_verb(self.words[i][2]) or self.w(i) in CHANGE_VERBS:
            return None
        k = i
        while k - 1 >= 0 and self.glued(k - 1, k) and i - k < 4 and self.w(k - 1) not in SKIP_LEFT and (
                _is_verb(self.words[k - 1][2])
                or (self.w(k - 1) == "、" and k >= 2 and _is_verb(self.words[k - 2][2]))):
            k -= 1  # 出国探亲、访友: coordinated verbs
        before = self.chain_left(k - 1) if k >= 1 and self.glued(k - 1, k) else None
        if before is not None:
            if before[1][-1] in AGENT_ENDS:
                return before[1]  # 劳务从业人员出国2.9万人: the people are the verb's subject
            k = before[0]  # 城镇新增就业, 边境游: the noun belongs to the activity
        while k <= i and self.w(k) in GOVERNING:
            k += 1
        if k > i:
            return None
        return self.text[self.words[k][0]:self.words[i][1]]

    def right_activity(self, end: int) -> str | None:
        """其中５４％出口到亚洲: a share named by the verb phrase after it."""
        i = self.first_after(end)
        if i >= len(self.words) or not self.glued_pos(end, i) or self.w(i) == "的" \
                or not self.words[i][2].startswith(("v", "V")):
            return None
        j = i
        while j + 1 < len(self.words) and j - i < 3 and self.glued(j, j + 1) and not self.boundary(j + 1) \
                and not self.fact(j + 1) and self.w(j + 1) not in ("的", "了", "和", "与"):
            j += 1
        return self.text[self.words[i][0]:self.words[j][1]]

    def clause_start(self, start: int) -> int:
        i = self.last_before(start)
        while i >= 0 and not self.boundary(i):
            i -= 1
        return i + 1

    def topic(self, start: int) -> str | None:
        """The first noun phrase of the clause ending at `start` (the clause's topic)."""
        i = self.clause_start(start)
        last = self.last_before(start)
        while i <= last:
            w, pos = self.w(i), self.words[i][2]
            if self.noun(i) and not (pos.startswith(("ns", "nt", "nr")) and i + 1 <= last and (
                    self.fact(i + 1) or self.words[i + 1][2].startswith("t"))):
                j = i
                while j + 1 <= last and self.glued(j, j + 1) and (
                        self.noun(j + 1) or (self.w(j + 1) == "、" and j + 2 <= last and self.noun(j + 2))
                        or (_is_mod(self.words[j + 1][2]) and j + 2 <= last and self.noun(j + 2)
                            and self.w(j + 1) not in MODIFIER_STOP)):
                    j += 1
                k = i
                if k >= 1 and _is_mod(self.words[k - 1][2]) and self.words[k - 1][0] >= 0 \
                        and self.w(k - 1) not in MODIFIER_STOP and not self.boundary(k - 1) \
                        and len(self.w(k - 1)) >= 2 and self.glued(k - 1, k):
                    k -= 1
                return self.text[self.words[k][0]:self.words[j][1]]
            if _is_verb(pos) and w not in SKIP_LEFT and w not in ("对", "让", "使"):
                return None  # a verb before any noun: the clause has no topic of its own
            i += 1
        return None

    def share_holder(self, start: int) -> tuple[bool, str | None]:
        """甲占乙的N%: (True, 甲); (True, None) for 却占乙的N% (甲 is an earlier fact's);
        (False, None) without 占."""
        i = self.last_before(start)
        lo = self.clause_start(start)
        while i >= lo:
            if self.w(i) == "占" or self.w(i).startswith("占") and _is_verb(self.words[i][2]):
                found = self.chain_left(i - 1) if i >= 1 and self.glued(i - 1, i) else None
                return True, (found[1] if found else None)
            i -= 1
        return False, None

    def clause_opens_with(self, start: int, word: str) -> bool:
        i = self.clause_start(start)
        return i < len(self.words) and self.w(i) == word and self.words[i][1] <= start

    def clause_opens_with_verb(self, start: int) -> bool:
        """…，扣除价格因素比1991年增长41.6%: the clause continues an earlier one's topic."""
        i = self.clause_start(start)
        last = self.last_before(start)
        while i <= last and (self.words[i][2].startswith(("d", "c", "p", "r")) or self.fact(i)):
            i += 1
        return i <= last and _is_verb(self.words[i][2]) and self.w(i) not in CHANGE_VERBS


def _same_sentence(norm: str, a: Mention, b: Mention) -> bool:
    return not any(c in SENTENCE_ENDS for c in norm[a.end:b.start])


def _subject(subj: Subjects, norm: str, mt: Mention, follows: bool) -> str | None:
    """`follows`: an earlier fact of the same sentence may lend its subject."""
    kind = mt.kind
    if kind == "money":
        de = subj.right_of_de(mt.end)
        if de and de[-1] in MONEY_NOUN_ENDS:
            return de  # 120亿美元的资金 (but 总投资4亿元的中学: the school is not the money)
        return subj.left(mt.start, money=True) or subj.topic(mt.start)
    if kind == "percent":
        de = subj.right_of_de(mt.end)
        if de:
            return de
        has_share, holder = subj.share_holder(mt.start)
        if has_share:
            return holder
        if subj.clause_opens_with(mt.start, "其中"):
            return subj.right_activity(mt.end)
        return subj.left(mt.start)
    if kind == "change":
        de = subj.right_of_de(mt.end)
        if de:
            return de
        topic = subj.topic(mt.start)
        if topic or (follows and subj.clause_opens_with_verb(mt.start)):
            return topic
        return subj.left(mt.start)
    if mt.unit in MEDAL_NOUNS:
        return MEDAL_NOUNS[mt.unit]
    s = subj.right(mt.end) if not mt.bare and mt.unit not in ("人", "人次") else None
    if s is None and not (mt.start > 0 and norm[mt.start - 1] in "、，," and kind == "count"):
        s = subj.left(mt.start)
    if s is None and mt.bare:
        s = subj.right_of_de(mt.end)
    if s is None and (mt.bare or mt.unit in PEOPLE_UNITS) and norm[mt.start - 1:mt.start] != "、":
        s = subj.right_verb(mt.end)
    if s is None and kind == "count":
        s = subj.left_verbs(mt.start)
    return s


def assign_subjects(ctx: Context, mentions: list[Mention]) -> None:
    """Set `subject` on every mention that has none yet (a table cell's is given)."""
    norm = ctx.norm
    blocked = SpanSet(disjoint((mt.start, mt.end) for mt in mentions))
    subj = Subjects(ctx.text, ctx.tokens, blocked)
    prev: Mention | None = None
    for mt in mentions:
        if mt.kind in ("year", "date", "ordinal", "duration"):
            continue
        if mt.subject is not None or mt.role in ("to", "high"):
            prev = mt
            continue  # the second end of a change or range takes the first end's subject
        follows = prev is not None and _same_sentence(norm, prev, mt)
        mt.subject = _subject(subj, norm, mt, follows)
        prev = mt
    # a change or share with no noun in its clause: the fact before it, same sentence
    prev = None
    for mt in mentions:
        if mt.kind in ("year", "date", "ordinal", "duration"):
            continue
        if mt.subject is None and prev is not None and prev.subject and _same_sentence(norm, prev, mt) \
                and (mt.kind in ("change", "percent") or (
                    mt.kind == prev.kind == "count" and norm[mt.start - 1:mt.start] in ("、", "，", ",")
                    and mt.start - prev.end <= 30 and {mt.unit, prev.unit} <= PEOPLE_UNITS)):
            mt.subject = prev.subject
        prev = mt
    groups: dict[int, list[Mention]] = {}
    for mt in mentions:
        if mt.group is not None:
            groups.setdefault(mt.group, []).append(mt)
    for members in groups.values():
        last = members[-1]
        named = subj.right_of_de(last.end) if last.role == "high" and last.kind in ("percent", "change") \
            else None
        first = named or next((x.subject for x in members if x.subject), None)
        for x in members:
            if x.subject is None or x.role in ("to", "high"):
                x.subject = first
