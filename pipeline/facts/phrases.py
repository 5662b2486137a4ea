"""Phrases around a number, built from words and their POS: the grammar subject.py uses.

- a noun phrase ending at a word (chain_left): nouns, list items joined by 、 (nouns or
  verbal nouns: 失职、渎职案件), modifiers inside it (劳模先进事迹, 靛蓝粉产量: distinguishing
  words chain freely), a verb after 的 (造成的死亡人数), a passive participle (被困人员);
- a noun phrase starting at a word (chain_right);
- a clause's topic: its first noun phrase (X的Y gives Y), and the topic of an earlier clause of
  the same sentence when a clause has none (…出口第一次下降，与去年同期相比下跌超过2%);
- a verb phrase after a number (２９１３人死亡, １５４人受到党纪政纪处分, 数千人被掩埋);
- a headless relative clause before 有/达/为 (购买汽车搞运输的有１４０多户).
Every scan is bounded (MAX_CHAIN, MAX_CLAUSE words), so the cost per number is constant.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .mention import Token
from .spans import SpanSet
from .words import repair_words

NOUNISH = ("n", "vn", "j", "an", "ng", "Ng", "nz", "nt", "ns", "nr", "eng", "nx", "s")
# adverbial and time words tagged like nouns: never part of a subject
NOT_NOUN = frozenset({"年均", "日均", "月均", "同比", "环比", "平均", "累计", "总计", "共计", "分别", "其中",
                      "目前", "当前", "此外", "今年", "去年", "明年", "全年", "上年", "同期", "一行"})
# words between a subject and its number: function words, approximations, level verbs
SKIP_LEFT = frozenset({
    "等", "等等", "共", "共计", "合计", "累计", "达", "达到", "约", "有", "为", "是", "了", "总计", "计",
    "约为", "超过", "近", "逾", "超", "已", "已达", "占", "至", "到", "从", "由", "比", "同比", "大于",
    "小于", "不足", "不到", "将近", "左右", "在", "保持", "保持在", "估计", "估计为", "预计", "预期", "突破",
    "仅", "只", "才", "就", "将", "可", "可达", "高达", "多达", "年均", "平均", "分别", "均", "都", "各",
    "接近", "几乎", "至少", "最多", "跌幅", "涨幅", "为止", "以", "每", "每年", "当年", "全年", "已有",
    "现有", "共有", "拟", "要", "控制在", "维持在", "稳定在"})
# a change or level verb, with 了 and a goal marker: 增长, 增长了, 降到, 增至, 缩短
CHANGE_STEMS = ("增长|增加|提高|提升|上升|下降|减少|降低|上涨|下跌|下滑|回落|攀升|扩大|缩小|缩短|延长|"
                "贬值|升值|回升|下调|上调|净增|新增|增|降|涨|跌|减|升")
CHANGE_VERB_RE = re.compile(rf"(?:{CHANGE_STEMS})了?(?:至|到|为)?")
# verbs that govern an activity or a thing rather than name it: 批准出国留学 -> 出国留学
GOVERNING = frozenset({"批准", "出动", "组织", "完成", "实现", "开展", "举办", "共有", "拥有", "有", "已有",
                       "现有", "夺得", "获得", "取得", "赢得", "获", "得到", "拿到", "收到", "造成", "导致",
                       "使", "使得", "让", "令", "带动", "促进",
                       "发生", "出现", "存在", "产生"})  # existential verbs, like 有
# causatives: the clause's topic is the noun phrase after them (使得公司设备利用率提高了20%)
CAUSATIVES = frozenset({"对", "让", "使", "使得", "令"})
MODIFIER_POS = ("a", "b", "h", "z")
ATTRIBUTIVE_POS = ("b", "h")  # distinguishing words: only ever attributive (靛蓝, 大中型)
MODIFIER_STOP = frozenset({"现有", "共有", "所有", "全部", "主要", "其他", "其它", "各类", "各种", "相关",
                           "共同", "不断", "积极", "全面", "目前", "已经", "共计", "累计", "同时", "先后"})
# tokens starting like this end a right-hand chain (民兵/积极响应: mis-tagged verb phrases)
ADVERB_HEADS = ("积极", "认真", "主动", "广泛", "深入", "不断", "全面", "大力", "努力", "共同", "纷纷",
                "高高兴兴", "踊跃", "及时", "迅速")
CLAUSE_ENDS = frozenset("，。；：！？,;:!?（）()\n")
SENTENCE_ENDS = frozenset("。！？!?\n")
# verbs of saying: the clause after them is reported speech
SPEECH_VERBS = frozenset({"说", "表示", "指出", "称", "认为", "透露", "宣布", "强调", "介绍", "报道", "显示"})
# joiners inside a noun phrase (the coordination 和 is left to 分别 lists and topics)
INNER_JOINERS = frozenset({"与", "及"})
# a verb followed by one of these before a number states a level: 控制在, 降到, 增至
LEVEL_MARKS = frozenset({"在", "到", "至", "为"})
# 几年时间, 三个月期间: a span of time, not a subject
DURATION_NOUNS = frozenset({"时间", "期间", "工夫"})
VERB_OR = frozenset({"或", "或者", "和", "及", "并"})
# nouns naming the rate of a change: the changing thing is the noun phrase they attach to
RATE_NOUNS = ("降幅", "涨幅", "增幅", "跌幅", "增速", "降速")
MAX_CHAIN = 8
MAX_CLAUSE = 40


def _blank(gap: str) -> bool:
    return not gap.strip() and "\n" not in gap


def is_noun_pos(pos: str) -> bool:
    return pos.startswith(NOUNISH) and pos != "nrfg"


def is_mod_pos(pos: str) -> bool:
    return pos.startswith(MODIFIER_POS) or pos == "l"


def is_verb_pos(pos: str) -> bool:
    return pos.startswith(("v", "V")) and pos != "vn"


class Phrases:
    def __init__(self, text: str, tokens: list[Token], blocked: SpanSet):
        self.text = text
        self.words = repair_words(text, tokens)
        self.starts = [w[0] for w in self.words]
        self.blocked = blocked

    # -- words ----------------------------------------------------------------------
    def w(self, i: int) -> str:
        return self.text[self.words[i][0]:self.words[i][1]]

    def pos(self, i: int) -> str:
        return self.words[i][2]

    def span(self, i: int, j: int) -> str:
        return self.text[self.words[i][0]:self.words[j][1]]

    def fact(self, i: int) -> bool:
        return self.words[i][0] in self.blocked or (self.words[i][1] - 1) in self.blocked

    def noun(self, i: int) -> bool:
        return is_noun_pos(self.pos(i)) and self.w(i) not in NOT_NOUN and not self.fact(i)

    def verb(self, i: int) -> bool:
        return is_verb_pos(self.pos(i)) and not self.fact(i)

    def level_verb(self, i: int) -> bool:
        w = self.w(i)
        return w in SKIP_LEFT or CHANGE_VERB_RE.fullmatch(w) is not None

    def content_verb(self, i: int) -> bool:
        """A verb that can name an activity or sit inside a compound (not 有, 达, 增长)."""
        return self.verb(i) and len(self.w(i)) >= 2 and not self.level_verb(i) \
            and self.w(i) not in GOVERNING

    def boundary(self, i: int) -> bool:
        return self.w(i) in CLAUSE_ENDS or self.pos(i) == "w" and self.w(i) not in ("、", "·")

    def glued(self, i: int, j: int) -> bool:
        """Words i < j with nothing but spaces between them (a line break separates)."""
        return _blank(self.text[self.words[i][1]:self.words[j][0]])

    def glued_pos(self, pos: int, i: int) -> bool:
        return _blank(self.text[pos:self.words[i][0]])

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

    # -- noun phrases ---------------------------------------------------------------
    def _list_item_before(self, p: int, k: int, j: int) -> int | None:
        """Word p is 、 inside a chain k..j: the start of the item before it."""
        if p < 1 or not self.glued(p - 1, p):
            return None
        q = p - 1
        if self.noun(q):
            return q
        if is_mod_pos(self.pos(q)) and q > 0 and self.noun(q - 1):
            return q
        if self.verb(q) and (self.pos(k).startswith(("vn", "v")) or k == j):
            return q  # 失职、渎职案件, 探亲、访友: coordinated verbal nouns or activities
        return None

    def chain_left(self, j: int) -> tuple[int, str] | None:
        """The noun phrase ending with word j: (index of its first word, text)."""
        if j < 0 or not self.noun(j):
            return None
        k = j
        while k >= 0 and j - k < MAX_CHAIN:
            p = k - 1
            if p < 0 or not self.glued(p, k):
                break
            wp, pos = self.w(p), self.pos(p)
            if self.noun(p):
                k = p
                continue
            if wp == "、":
                item = self._list_item_before(p, k, j)
                if item is None:
                    break
                k = item
                continue
            if p > 0 and self.glued(p - 1, p) and self.noun(p - 1) and (
                    wp in INNER_JOINERS or (pos.startswith("d") and len(wp) >= 2 and wp not in MODIFIER_STOP)):
                k = p - 1  # 研究与试验发展经费, 人口自然增长率: a joiner or mis-tagged word between nouns
                continue
            if is_mod_pos(pos) and wp not in MODIFIER_STOP and not self.fact(p) and (
                    len(wp) >= 2 or pos.startswith(ATTRIBUTIVE_POS)):
                k = p
                # a modifier leads the phrase unless a noun or another attributive precedes it
                if p > 0 and self.glued(p - 1, p) and (self.noun(p - 1) or (
                        self.pos(p - 1).startswith(ATTRIBUTIVE_POS) and self.w(p - 1) not in MODIFIER_STOP)):
                    continue
                break
            if self.content_verb(p) and p > 0 and self.w(p - 1) == "的" and self.glued(p - 1, p):
                k = p  # 造成的死亡人数: a verb after 的 modifies the noun
                break
            if self.verb(p) and p >= 2 and self.w(p - 1) == "、" and self.verb(p - 2) \
                    and self.glued(p - 2, p - 1) and self.glued(p - 1, p):
                k = p  # 贪污、受贿案件: coordinated verbs before a noun modify it
                continue
            if self.verb(p) and p > 0 and self.w(p - 1) == "被":
                k = p - 1  # 被困人员
            break
        # 对亚洲出口: a place led by 对 is the direction of the activity named by the chain
        if k >= 1 and self.w(k - 1) == "对" and self.pos(k).startswith(("ns", "nt")) \
                and self.pos(j) == "vn":
            return k - 1, self.span(k - 1, j)
        # a one-character verb of motion before a place-led chain: 赴国外旅游
        if k >= 1 and self.pos(k).startswith("s") and len(self.w(k - 1)) == 1 \
                and self.verb(k - 1) and self.glued(k - 1, k) and self.w(k - 1) not in SKIP_LEFT:
            return k - 1, self.span(k - 1, j)
        # one leading verb after an adverb: 共入驻企业, 自主创新技术
        p = k - 1
        if p >= 1 and self.content_verb(p) and self.glued(p, k) and self.pos(p - 1).startswith(("d", "vd")):
            k = p
        return k, self.span(k, j)

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
            pos = self.pos(j)
            if self.noun(j):
                end = j
            elif (is_mod_pos(pos) or (pos.startswith("m") and not self.fact(j))) \
                    and self.w(j) not in MODIFIER_STOP and j + 1 < n and not self.boundary(j + 1) \
                    and (self.noun(j + 1) or is_mod_pos(self.pos(j + 1))):
                pass
            elif pos.startswith("d") and len(self.w(j)) >= 2 and self.w(j) not in MODIFIER_STOP \
                    and j + 1 < n and self.glued(j, j + 1) and self.noun(j + 1):
                pass  # adverbs do not modify nouns: 非公企业, 抗疫特别国债 are mis-tagged attributes
            else:
                break
            j += 1
        if end is None:
            return None
        return self.span(i, end)

    def governs(self, k: int) -> bool:
        """The noun phrase starting at word k is a clause's subject, not the object of a verb
        or preposition (卢布对美元贬值: 美元 is not): what comes before it is a clause start,
        a time word, an adverb or a demonstrative."""
        p = k - 1
        if p < 0 or self.boundary(p) or not self.glued(p, k):
            return True
        return self.pos(p).startswith(("t", "d", "r")) or self.w(p) in NOT_NOUN

    def is_word_at(self, phrase: str, end: int) -> bool:
        """`phrase` (found right after `end`) is a single word."""
        i = self.first_after(end)
        return i < len(self.words) and self.w(i) == phrase

    def leading_verb(self, k: int) -> int | None:
        """Word k starts a noun phrase that is the object of the clause's first verb
        (移送司法机关, 承包耕地): that verb's index, else None."""
        p = k - 1
        if p < 0 or not self.glued(p, k) or not self.content_verb(p):
            return None
        q = p - 1
        for _ in range(4):
            if q < 0 or self.boundary(q):
                return p
            if not (self.pos(q).startswith(("d", "t", "c")) or self.fact(q) or self.w(q) in NOT_NOUN):
                return None
            q -= 1
        return None

    # -- around a number ------------------------------------------------------------
    def right(self, end: int) -> str | None:
        """The noun phrase right after a number: 108名党建指导员, ６００万元专款."""
        i = self.first_after(end)
        if i >= len(self.words) or not self.glued_pos(end, i):
            return None
        return self.chain_right(i)

    def right_of_de(self, end: int) -> str | None:
        """120亿美元的资金, 6.5%左右的增速."""
        i = self.first_after(end)
        if i + 1 < len(self.words) and self.glued_pos(end, i) and self.w(i) == "的":
            return self.chain_right(i + 1)
        return None

    def right_verb(self, end: int) -> str | None:
        """The verb phrase right after a number: ２９１３人死亡, 受到党纪政纪处分, 被掩埋,
        丧生或者下落不明."""
        i = self.first_after(end)
        n = len(self.words)
        if i >= n or not self.glued_pos(end, i):
            return None
        if self.w(i) == "被" and i + 1 < n and self.verb(i + 1) and self.glued(i, i + 1):
            return self.span(i, i + 1)
        if not self.content_verb(i):
            return None
        j = i
        if i + 1 < n and self.glued(i, i + 1):
            obj = self.chain_right(i + 1)
            if obj is None and self.pos(i + 1).startswith(("l", "i")):
                obj = self.w(i + 1)  # 受到行政处分: a set phrase as the object
            if obj is not None:
                return self.w(i) + obj
            if self.w(i + 1) in VERB_OR and i + 2 < n and self.glued(i + 1, i + 2) \
                    and self.content_verb(i + 2):
                j = i + 2  # 丧生或者下落不明
                while j + 1 < n and j - i < 4 and self.glued(j, j + 1) and not self.boundary(j + 1) \
                        and self.pos(j + 1).startswith(("a", "v", "d")):
                    j += 1
        return self.span(i, j)

    def skip_left(self, start: int) -> tuple[int, bool, bool]:
        """Index of the nearest word left of `start` that is not a function word,
        approximation, level or change verb, adverb, time word, comparison, numeral or fact;
        whether a 的 was passed right before it (a relative clause) and whether a level verb
        was passed (its subject is a noun phrase: 参加职工达２９０多万人)."""
        i = self.last_before(start)
        after_de = level = False
        marked = -1  # a verb before 在/到 skipped: the activity itself when nothing precedes it
        for _ in range(10):
            if i < 0:
                break
            w, pos = self.w(i), self.pos(i)
            if w in ("）", ")"):  # 火灾（不含森林、草原火灾）１４万余起: step over the aside
                k = i - 1
                while k >= 0 and self.w(k) not in ("（", "(") and i - k < 20:
                    k -= 1
                if k >= 0 and self.w(k) in ("（", "("):
                    i = k - 1
                    continue
            if self.boundary(i):
                break
            if not self.level_verb(i) and self.verb(i) and i + 1 < len(self.words) \
                    and self.w(i + 1) in LEVEL_MARKS and self.glued(i, i + 1) and self.words[i + 1][1] <= start:
                marked = i if marked < 0 else marked
                level = True
                after_de = False
                i -= 1
                continue  # 控制在, 降到: the number is the level of what precedes
            if self.level_verb(i):
                level = level or self.verb(i) or w in ("达", "为", "是")
                after_de = False
                i -= 1
                continue  # 达到, 增长了: the number is the level or change of what precedes
            if self.fact(i) or w in NOT_NOUN or pos.startswith(("u", "t", "d", "p", "f", "m", "q", "z")) \
                    or (w in DURATION_NOUNS and i >= 1 and (self.fact(i - 1) or self.pos(i - 1)[:1] in "mq")):
                after_de = w == "的"
                i -= 1
                continue
            break
        if marked >= 0 and (i < 0 or self.boundary(i)):
            return marked, False, False  # 出栏在３０头以上: the activity
        return i, after_de, level

    def relative_clause(self, j: int) -> str | None:
        """Word j ends a headless relative clause (…的 before 有/达/为): the clause from its
        first word, after the clause start or a locative (人员中购买门店自己经营)."""
        if j < 0 or self.boundary(j):
            return None
        k = j
        while k - 1 >= 0 and j - k < MAX_CHAIN and self.glued(k - 1, k) and not self.boundary(k - 1) \
                and not self.fact(k - 1) and not self.pos(k - 1).startswith(("f", "t", "p", "c")) \
                and self.w(k - 1) not in ("中", "的"):
            k -= 1
        if not any(self.verb(x) for x in range(k, j + 1)):
            return None
        return self.span(k, j)

    # -- clauses --------------------------------------------------------------------
    def clause_start(self, i: int) -> int:
        """First word of the clause holding word i (at most MAX_CLAUSE words back)."""
        lo = max(0, i - MAX_CLAUSE)
        while i >= lo and not self.boundary(i):
            i -= 1
        return i + 1

    def topic_of(self, lo: int, last: int) -> str | None:
        """The first noun phrase of words lo..last (the clause's topic)."""
        found = self.topic_words(lo, last)
        return self.span(found[0], found[-1]) if found else None

    def topic_words(self, lo: int, last: int) -> list[int] | None:
        """topic_of as word indices."""
        i = lo
        while i <= last:
            w, pos = self.w(i), self.pos(i)
            if self.noun(i) and not (pos.startswith(("ns", "nt", "nr")) and i + 1 <= last and (
                    self.fact(i + 1) or self.pos(i + 1).startswith("t"))):
                j = i
                while j + 1 <= last and self.glued(j, j + 1) and (
                        self.noun(j + 1) or (self.w(j + 1) == "、" and j + 2 <= last and self.noun(j + 2))
                        or (is_mod_pos(self.pos(j + 1)) and j + 2 <= last and self.noun(j + 2)
                            and self.w(j + 1) not in MODIFIER_STOP)):
                    j += 1
                if j + 2 <= last and self.w(j + 1) == "的" and self.noun(j + 2) \
                        and self.w(j + 2) not in RATE_NOUNS:
                    return self.topic_words(j + 2, last)  # 中国的贸易盈余 -> 贸易盈余 (not 的降幅)
                k = i
                if k >= 1 and is_mod_pos(self.pos(k - 1)) and self.w(k - 1) not in MODIFIER_STOP \
                        and not self.boundary(k - 1) and len(self.w(k - 1)) >= 2 and self.glued(k - 1, k):
                    k -= 1
                return list(range(k, j + 1))
            if self.verb(i) and i + 1 <= last and self.w(i + 1) == "比" and not self.level_verb(i):
                return [i]  # 投入比1994年增长: the compared activity
            if self.verb(i) and w not in SKIP_LEFT and w not in CAUSATIVES:
                return self._verbal_subject(i, last)  # else a verb before any noun: no topic
            i += 1
        return None

    def _verbal_subject(self, i: int, last: int) -> list[int] | None:
        """A clause opening with verbs and nouns followed by its predicate: the opening is a
        nominal subject (批准出国旅游人员|仍居…首位)."""
        j, noun_end = i, -1
        while j <= last and j - i < MAX_CHAIN and (self.verb(j) or self.noun(j)) \
                and (j == i or self.glued(j - 1, j)) and not self.level_verb(j):
            if self.noun(j):
                noun_end = j
            elif noun_end >= 0:
                break  # the first verb after the nouns: the predicate
            j += 1
        if noun_end < 0 or noun_end + 1 > last or noun_end + 1 != j:
            return None
        nxt = self.pos(j)
        if nxt.startswith("d") or (self.verb(j) and not self.level_verb(j)):
            return list(range(i, noun_end + 1))
        return None

    def topic(self, start: int) -> str | None:
        last = self.last_before(start)
        return self.topic_of(self.clause_start(last), last) if last >= 0 else None

    def sentence_topic(self, start: int) -> str | None:
        """The topic of the nearest earlier clause of the same sentence that has one."""
        last = self.last_before(start)
        i = self.clause_start(last) - 1 if last >= 0 else -1
        for _ in range(4):
            if i < 0 or self.w(i) in SENTENCE_ENDS or self.w(i)[-1:] in SENTENCE_ENDS or self.w(i) in "；;":
                return None  # a semicolon separates parallel statements with their own subjects
            lo = self.clause_start(i - 1)
            if i >= 1 and self.w(i - 1) in SPEECH_VERBS:
                return None  # 当局说，…: what follows is reported, the speaker is not its topic
            found = self.topic_of(lo, i - 1)
            if found:
                return found
            i = lo - 1
        return None

    def bare_clause(self, start: int, end: int) -> bool:
        """The number at start..end says nothing of what it counts: nothing but level verbs,
        adverbs and numbers before it in its clause (…，为１０６．５万人次), or nothing at all
        and a clause end after it (…，２００多万人。).  The clause continues the sentence's subject."""
        last = self.last_before(start)
        i = self.clause_start(last) if last >= 0 else 0
        before = range(i, last + 1)
        if not all(self.level_verb(x) or self.pos(x).startswith(("d", "p", "c")) or self.fact(x) for x in before):
            return False
        if len(before):
            return True
        nxt = self.first_after(end)
        return nxt >= len(self.words) or self.boundary(nxt)

    def clause_opens_with(self, start: int, word: str) -> bool:
        last = self.last_before(start)
        i = self.clause_start(last)
        return 0 <= i < len(self.words) and self.w(i) == word and self.words[i][1] <= start

    def clause_opens_with_verb(self, start: int) -> bool:
        """…，扣除价格因素比1991年增长41.6%: the clause continues an earlier one's topic."""
        last = self.last_before(start)
        i = self.clause_start(last)
        while i <= last and (self.pos(i).startswith(("d", "c", "p", "r")) or self.fact(i)):
            i += 1
        return i <= last and self.verb(i) and CHANGE_VERB_RE.fullmatch(self.w(i)) is None
