"""Rules that reject a read number as not a quantity: numerals inside ordinary
words (一切, 四川, 进一步), names (十九届四中全会, 长征三号), determiners (一条路径),
list markers, ratios and clock times.  See the package docstring for the list."""
from __future__ import annotations

from .lexicon import NON_QUANTITY, is_word
from .mention import Context, Mention
from .numerals import FORMAL
from .spans import SpanSet

GOOD_TOKEN_POS = ("m", "mq", "q", "x", "eng", "t")


def _inside_word(ctx: Context, mt: Mention, strict: bool) -> bool:
    """A Chinese numeral that is part of an ordinary word."""
    norm = ctx.norm
    tok = ctx.token_at(mt.cstart)
    single = len(norm[mt.cstart:mt.cend].strip()) == 1
    if strict and tok and tok[0] == mt.cstart and ctx.text[tok[0]:tok[1]] in NON_QUANTITY:
        return True
    if single and norm[mt.cstart] in "拾佰仟":
        return True  # 拾起, 拾到: a lone formal 十/百/千 is a verb or a name
    if strict and tok and tok[2] in GOOD_TOKEN_POS and tok[1] > mt.end and tok[0] <= mt.cstart \
            and is_word(ctx.text[tok[0]:tok[1]]):
        return True  # 零部件, 一致 (numeral-led words tagged m/mq)
    if tok and tok[0] < mt.cstart and single and norm[mt.cstart] in FORMAL:
        return True  # 祖国大陆对台
    if tok and tok[2] not in GOOD_TOKEN_POS:
        if (tok[0] < mt.cstart or tok[1] > mt.cend) and (
                tok[2] in ("u", "d", "c", "p") or is_word(ctx.text[tok[0]:tok[1]])):
            return True
    if single and norm[mt.cstart] in FORMAL and mt.bare \
            and not (tok and tok[0] == mt.cstart and tok[1] == mt.cend and tok[2] == "m"
                     and norm[mt.cstart] not in "拾佰仟"):
        return True  # 陆地, 伍仁, 拾到
    return False


def _bare_not_quantity(norm: str, mt: Mention) -> bool:
    """A number without a unit that is a code, list marker, ratio or clock time."""
    before = norm[mt.start - 1:mt.start] if mt.start else ""
    after = norm[mt.end:mt.end + 1]
    if before == "+" or after == "+":
        return True  # 1+4+3+X
    if before and after and before in "(（" and after in ")）":
        return True  # (1) list numbering
    if (before and before in ":∶") or (after and after in ":∶") or after in ("时", "点"):
        return True  # 1∶2 ratios, 20:00 / 20时 / 8点 clock times
    if before in ("时", "点") and after == "分":
        return True  # 9时50分
    if after in ("型", "式"):
        return True  # 737-300型: model numbers
    if after and after in ".．、" and (mt.start == 0 or norm[mt.start - 1] == "\n"):
        return True  # "32．根据…": list numbering at a line start
    return False


def keep(ctx: Context, mt: Mention, strict: bool, masked: SpanSet) -> bool:
    """Whether a read number is a fact (strict: news text; else isolated phrases)."""
    if mt.kind == "redup" or mt.cstart in masked:
        return False
    norm = ctx.norm
    if mt.chinese and not mt.pair and _inside_word(ctx, mt, strict):
        return False
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
    if mt.chinese and mt.kind != "money" and len(norm[mt.cstart:mt.cend].strip()) == 1 \
            and norm[mt.cstart] in FORMAL:
        return False  # 陆道培, 伍仁: a lone formal numeral counts money only (大写)
    if mt.unit == "年" and norm.startswith("代", mt.end):
        return False  # ８０年代: a decade
    if mt.unit == "段" and mt.start > 0:
        before = ctx.token_at(mt.start - 1)
        if before is not None and before[2].startswith("nr"):
            return False  # 俞斌九段: a go rank after a name
    if mt.one_cn and not mt.approx and mt.kind in ("count", "duration") \
            and not (mt.unit == "人" and not "\u4e00" <= norm[mt.end:mt.end + 1] <= "\u9fff"):
        # determiner: 一条路径, 一名学徒工, 一个缩影; but 炸死一人。counts a person
        return False  # determiner: 一条路径, 一名学徒工, 一个缩影
    if mt.bare and _bare_not_quantity(norm, mt):
        return False
    return True
