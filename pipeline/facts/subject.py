"""Subjects: what a number counts, measures or changes (phrases from phrases.py).

By kind (years, dates, ordinals and durations get none):
- count / measure: the noun phrase right after the unit (108名党建指导员, ５６３万贫困人口),
  else the noun phrase to the left (企业1558家, 困难职工、农牧民工等1.5万余人) or a headless
  relative clause (购买汽车搞运输的有１４０多户).  People (人, 名, 人次, 位) are what the
  left phrase names only when it names people (涉案人员１８２人); otherwise the verb phrase
  after the number says what they are (地区有超过1千人丧生 -> 丧生, １５４人受到党纪政纪处分),
  or the verb the left phrase is the object of (移送司法机关７人).  Then 的 + noun
  (一万四千人的部队), and the verbs to the left (死２７２２人 -> 死; 占地６８０亩 -> 占地).
- money: what the money is: a money word to the left (投资2亿元, 总投资), a money noun after
  的 (120亿美元的资金), the noun right after it (６００万元专款), another noun after 的
  (５７０亿美元的援助), the noun phrase to the left, the clause topic; a verb to the left that
  does not name money (输送１００亿美元) only when no earlier amount of the sentence names it.
- percent: 的 + noun, the holder of a share (甲占乙的N%), the activity after 其中N%, the noun
  phrase to the left, the clause topic.
- change: for a count unit the noun after it (净增21万个工作机会); 的 + noun (6.5%左右的增速,
  but 以20%的速度增长 is the topic's); the clause's topic (国内生产总值年均增长12.1%,
  股价下跌了60%); the noun phrase to the left.
Then, in order: 分别 lists (respectively.py); a change, share or amount of money with no noun
of its own takes the subject of the fact before it in the same sentence, else the topic of an
earlier clause of that sentence; the second end of a change or range takes the first's.
"""
from __future__ import annotations

from .lexicon import is_word
from .mention import Context, Mention
from .phrases import GOVERNING, RATE_NOUNS, SENTENCE_ENDS, SKIP_LEFT, Phrases
from .respectively import distribute
from .spans import SpanSet, disjoint

PEOPLE_UNITS = frozenset({"人", "人次", "名", "位"})
# last characters of nouns naming people: 人员, 学者, 工人, 农民, 学生, 大户, 部队, 人才, 教师,
# 战士, 选手, 游客, 群众, 家属, 儿童, 妇女, 民警
AGENT_ENDS = frozenset("员者人工民生户部队才师士兵手客众属童女警")
# medal tallies: the unit names the medal
MEDAL_NOUNS = {"金": "金牌", "银": "银牌", "铜": "铜牌"}
# last characters of nouns that name money: 资金 存款 经费 投资 金额 资产 成本 收入 利润 税 补贴
MONEY_NOUN_ENDS = frozenset("金款费资额产本入出益润税贴")
# nouns that only say "an amount": 价值4亿美元的军事援助 is the aid's
VALUE_NOUNS = frozenset({"价值", "总价值", "金额", "总金额", "总额", "规模", "总规模"})
# verbs that name the money they take: 投资, 集资, 拨款, 捐款
MONEY_VERB_ENDS = frozenset("资款")
NO_SUBJECT = ("year", "date", "ordinal", "duration")
# approximation markers that are verbs: the number is the level of a noun phrase
LEVEL_MARKERS = ("超过", "超", "逾", "突破", "达", "高达", "多达", "接近")


def _what_changes(phrase: str | None, kind: str) -> str | None:
    """外国物品降幅 -> 外国物品: for a change (or a percentage standing for one), a rate noun
    ending the topic is the change itself."""
    if phrase and kind in ("change", "percent"):
        for rate in RATE_NOUNS:
            if phrase.endswith(rate) and len(phrase) > len(rate):
                return phrase[:-len(rate)]
    return phrase


def _same_sentence(norm: str, a: Mention, b: Mention) -> bool:
    return not any(c in SENTENCE_ENDS for c in norm[a.end:b.start])


def _left(ph: Phrases, mt: Mention) -> tuple[int | None, str | None, bool]:
    """The phrase left of a number: (index of its first word or None, text, whether it is a
    verb standing for the activity: 投资2亿元)."""
    i, after_de, level = ph.skip_left(mt.start)
    level = level or ph.text.startswith(LEVEL_MARKERS, mt.start)  # 超过60% holds its verb
    if i < 0 or ph.boundary(i):
        return None, None, False
    w = ph.w(i)
    if after_de:
        rel = ph.relative_clause(i)
        if rel:
            return None, rel, False  # 购买汽车搞运输的有１４０多户
    # segmentation slip: 占/v 比达/nrt 80% -> 占比 (达 belongs to the number)
    if len(w) == 2 and w[1] in "达为约共计" and i >= 1 and not ph.noun(i - 1):
        cand = ph.w(i - 1) + w[0]
        if is_word(cand) or len(ph.w(i - 1)) == 1:
            rest = ph.chain_left(i - 2) if i >= 2 and ph.glued(i - 2, i - 1) else None
            return (rest[0] if rest else i - 1), (rest[1] + cand if rest else cand), False
    if ph.verb(i) and len(w) >= 2:
        return None, ("总" + w) if i >= 1 and ph.w(i - 1) == "总" else w, True  # 投资, 总投资
    found = ph.chain_left(i)
    if found is None:
        return None, None, False
    k, text = found
    lead = ph.leading_verb(k) if level else None
    if lead is not None:
        return lead, ph.w(lead) + text, False  # 常住人口城镇化率首次超过60%
    return k, text, False


def _left_verbs(ph: Phrases, start: int) -> str | None:
    """死２７２２人 -> 死; 出动灭火１４万余起 -> 出动灭火; 批准出国留学 -> 出国留学."""
    i = ph.skip_left(start)[0]
    if i < 0 or not ph.verb(i):
        return None
    k = i
    while k - 1 >= 0 and ph.glued(k - 1, k) and i - k < 4 and ph.w(k - 1) not in SKIP_LEFT and (
            ph.verb(k - 1) or (ph.w(k - 1) == "、" and k >= 2 and ph.verb(k - 2))):
        k -= 1  # 出国探亲、访友: coordinated verbs
    before = ph.chain_left(k - 1) if k >= 1 and ph.glued(k - 1, k) else None
    if before is not None:
        if before[1][-1] in AGENT_ENDS:
            return before[1]  # 劳务从业人员出国2.9万人: the people are the verb's subject
        k = before[0]  # 城镇新增就业, 边境游: the noun belongs to the activity
    while k <= i and ph.w(k) in GOVERNING:
        k += 1
    if k > i:
        return None
    return ph.span(k, i)


def _right_activity(ph: Phrases, end: int) -> str | None:
    """其中５４％出口到亚洲: a share named by the verb phrase after it (其中2/3是当地菜 -> 当地菜)."""
    i = ph.first_after(end)
    n = len(ph.words)
    if i >= n or not ph.glued_pos(end, i) or ph.w(i) == "的" or not ph.pos(i).startswith(("v", "V")):
        return None
    if ph.w(i) in ("是", "为") and i + 1 < n and ph.glued(i, i + 1):
        named = ph.chain_right(i + 1)
        if named:
            return named
    j = i
    while j + 1 < n and j - i < 3 and ph.glued(j, j + 1) and not ph.boundary(j + 1) \
            and not ph.fact(j + 1) and ph.w(j + 1) not in ("的", "了", "和", "与"):
        j += 1
    return ph.span(i, j)


def _share_holder(ph: Phrases, start: int) -> tuple[bool, str | None]:
    """甲占乙的N%: (True, 甲); (True, None) for 却占乙的N% (甲 is an earlier fact's);
    (False, None) without 占."""
    last = ph.last_before(start)
    i, lo = last, ph.clause_start(last)
    while i >= lo:
        if ph.w(i) == "占" and i + 1 < len(ph.words) and ph.w(i + 1).startswith("比") \
                and ph.glued(i, i + 1):
            return False, None  # 占|比达80%: the noun 占比 cut apart, not the verb 占
        if ph.w(i) == "占" or ph.w(i).startswith("占") and ph.verb(i):
            j = i - 1
            while j >= lo and ph.w(j) in ("等", "等等"):  # 化肥、棉纱等占…
                j -= 1
            found = ph.chain_left(j) if j >= 0 and ph.glued(j, j + 1) else None
            return True, (found[1] if found else None)
        i -= 1
    return False, None


def _money(ph: Phrases, mt: Mention, weak: dict[int, str]) -> str | None:
    k, left, is_verb = _left(ph, mt)
    if left and left[-1] in (MONEY_VERB_ENDS if is_verb else MONEY_NOUN_ENDS):
        return left  # 投资2亿元, 总投资, 营业收入120亿元
    de = ph.right_of_de(mt.end)
    if de and de[-1] in MONEY_NOUN_ENDS:
        return de  # 120亿美元的资金 (but 总投资4亿元的中学: the school is not the money)
    right = ph.right(mt.end)
    if right:
        return right  # ６００万元专款, １６１万元经济损失
    if de and (left is None or is_verb or left in VALUE_NOUNS):
        return de  # 多达５７０亿美元的援助, 价值4亿美元的军事援助 (not 国内生产总值…)
    if left and not is_verb:
        return left
    if is_verb:
        # 提前向韩国输送１００亿美元: the clause's topic is the verb's agent, not the money; the
        # verb stands for the money unless an earlier amount of the sentence names it
        weak[id(mt)] = left
        return None
    return ph.topic(mt.start)


def _percent(ph: Phrases, mt: Mention) -> str | None:
    de = ph.right_of_de(mt.end)
    if de and not _led_by_yi(ph, mt):
        return de
    has_share, holder = _share_holder(ph, mt.start)
    if has_share:
        return holder
    if ph.clause_opens_with(mt.start, "其中"):
        return _right_activity(ph, mt.end)
    k, left, is_verb = _left(ph, mt)
    return (None if is_verb else left) or ph.topic(mt.start)


def _led_by_yi(ph: Phrases, mt: Mention) -> bool:
    """以20%的速度增长: the rate noun after 的 is a manner; the topic is what grows."""
    i = ph.last_before(mt.start)
    return i >= 0 and ph.w(i) == "以"


def _change(ph: Phrases, mt: Mention, follows: bool) -> str | None:
    if mt.unit not in (None, "%", "百分点") and not mt.unit.startswith(("元", "美元")):
        right = ph.right(mt.end)
        if right:
            return right  # 净增了21万4000个工作机会
    de = ph.right_of_de(mt.end)
    if de and not _led_by_yi(ph, mt):
        return de
    k, left, is_verb = _left(ph, mt)
    if left and k is not None and not is_verb and not ph.verb(k) and (ph.governs(k) or ph.w(k) == "对"):
        return _what_changes(left, "change")  # 该公司去年净利润下降了12%: the verb's own subject
    topic = _what_changes(ph.topic(mt.start), "change")
    if topic or (follows and ph.clause_opens_with_verb(mt.start)):
        return topic
    return None if is_verb else left


def _count(ph: Phrases, norm: str, mt: Mention) -> str | None:
    if mt.unit in MEDAL_NOUNS:
        return MEDAL_NOUNS[mt.unit]
    people = mt.unit in PEOPLE_UNITS
    if mt.unit not in ("人", "人次"):  # 108名党建指导员; 人 is a noun, not a measure word
        right = ph.right(mt.end)
        if right:
            return right
    listed = mt.kind == "count" and mt.start > 0 and norm[mt.start - 1] in "、，,"
    k, left, is_verb = (None, None, False) if listed else _left(ph, mt)
    if is_verb:
        k, left = None, None  # a verb: see _left_verbs below
    if people and left and left[-1] not in AGENT_ENDS:
        verb = ph.right_verb(mt.end)
        if verb:
            return verb  # 附近地区有超过1千人丧生: the place is not the people
        lead = ph.leading_verb(k) if k is not None else None
        if lead is not None:
            return ph.w(lead) + left  # 移送司法机关７人
    if left:
        return left
    if mt.bare or people:
        de = ph.right_of_de(mt.end)
        if de:
            return de  # 超过200万的牲畜, 一万四千人的部队
    if mt.bare or people:
        # ２９１３人死亡; after 、 only a verb alone (12人死亡、30多人受伤), not one with an
        # object, which belongs to a shared subject (157名产业工人报名…、144人参加…)
        verb = ph.right_verb(mt.end)
        if verb and (norm[mt.start - 1:mt.start] != "、" or ph.is_word_at(verb, mt.end)):
            return verb
    return _left_verbs(ph, mt.start)


def _subject(ph: Phrases, norm: str, mt: Mention, follows: bool, weak: dict[int, str]) -> str | None:
    if mt.kind == "money":
        return _money(ph, mt, weak)
    if mt.kind == "percent":
        return _percent(ph, mt)
    if mt.kind == "change":
        return _change(ph, mt, follows)
    return _count(ph, norm, mt)


def _share_groups(mentions: list[Mention]) -> None:
    """The second end of a change or range takes the first end's subject."""
    groups: dict[int, list[Mention]] = {}
    for mt in mentions:
        if mt.group is not None:
            groups.setdefault(mt.group, []).append(mt)
    for members in groups.values():
        first = next((x.subject for x in members if x.subject), None)
        for x in members:
            if x.subject is None or x.role in ("to", "high"):
                x.subject = first


def assign_subjects(ctx: Context, mentions: list[Mention]) -> None:
    """Set `subject` on every mention that has none yet (a table cell's is given)."""
    norm = ctx.norm
    blocked = SpanSet(disjoint((mt.start, mt.end) for mt in mentions))
    ph = Phrases(ctx.text, ctx.tokens, blocked)
    given = {id(mt) for mt in mentions if mt.subject is not None}
    weak: dict[int, str] = {}  # a verb standing for the money, used when nothing better comes
    prev: Mention | None = None
    for mt in mentions:
        if mt.kind in NO_SUBJECT:
            continue
        if mt.subject is not None or mt.role in ("to", "high"):
            prev = mt
            continue  # the second end of a change or range takes the first end's subject
        follows = prev is not None and _same_sentence(norm, prev, mt)
        mt.subject = _subject(ph, norm, mt, follows, weak)
        prev = mt
    distribute(ph, norm, [mt for mt in mentions if id(mt) not in given and mt.kind not in NO_SUBJECT])
    # a range whose high end names its noun after 的: 6%到6.5%的目标
    for mt in mentions:
        if mt.role == "high" and mt.kind in ("percent", "change") and id(mt) not in given:
            named = ph.right_of_de(mt.end)
            if named:
                for x in mentions:
                    if x.group == mt.group and id(x) not in given:
                        x.subject = named
    _share_groups(mentions)
    # a change, share or money with no noun in its clause: the fact before it, same sentence
    prev = None
    for mt in mentions:
        if mt.kind in NO_SUBJECT:
            continue
        if mt.subject is None and prev is not None and prev.subject and _same_sentence(norm, prev, mt) \
                and (mt.kind in ("change", "percent", "money") or (
                    mt.kind == prev.kind == "count" and norm[mt.start - 1:mt.start] in ("、", "，", ",")
                    and mt.start - prev.end <= 30 and ({mt.unit, prev.unit} <= PEOPLE_UNITS
                                                       or ph.bare_clause(mt.start, mt.end)))):
            mt.subject = prev.subject
        if mt.subject is None:
            mt.subject = weak.get(id(mt))
        if mt.subject is None and (mt.kind in ("change", "percent", "money") or ph.bare_clause(mt.start, mt.end)):
            mt.subject = _what_changes(ph.sentence_topic(mt.start), mt.kind)
        prev = mt
    _share_groups(mentions)
