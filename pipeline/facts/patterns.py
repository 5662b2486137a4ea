"""The master pattern that finds number candidates, written to run in linear time.

Every numeral run is an atomic group with possessive quantifiers: once a run is
read it is never re-split (the old pattern tried every split of a digit run when
a later part failed, which took seconds for 20 digits).  A run holds at most
MAX_COMPONENTS components, so re-reading what follows a rejected run stays
bounded, and the rules that end a run (a space or 点 or a Chinese digit after an
Arabic digit: "20 30", "20点30", "17—3两个") are part of the pattern rather than
cuts made afterwards.
"""
from __future__ import annotations

import regex

CD = "零〇○一二三四五六七八九两俩幺壹贰叁肆伍陆柒捌玖"
CD_AFTER_ARABIC = "零〇○幺壹贰叁肆伍陆柒捌玖"  # 一..九/两/俩 after an Arabic digit start a new number
CU = "十拾百佰千仟"
CN_NUM_CHARS = frozenset(CD + CU + "万亿兆")
MAX_COMPONENTS = 32

# an Arabic number: 1,234,567 / 1234 / 12.5 / .5
ARN = r"(?>(?:\d{1,3}(?:,\d{3})+(?!\d)|\d++)(?:\.\d++(?![\d.]))?+|(?<![\d.])\.\d++)"
_NOT_AFTER_ARABIC = (rf"(?:{ARN}|[一二三四五六七八九两俩])")
_ANY = (rf"(?:[{CD_AFTER_ARABIC}{CU}]|兆(?![ ]*+(?:字节|赫|瓦|比特|帕))|[万亿]"
        rf"|(?:(?<=[{CD}{CU}万亿])|(?<=[{CD}{CU}万亿] ))点(?=[ ]*+[0-9零〇○一二三四五六七八九壹贰叁肆伍陆柒捌玖])"
        rf"|[几余多](?=[ ]*+[{CU}万亿兆]))")
_COMP = rf"(?:(?<![0-9])[ ]*+{_NOT_AFTER_ARABIC}|[ ]*+{_ANY})"
RUN = (rf"(?>(?:[几数上](?=[十百千万]))?(?:{ARN}|[{CD}{CU}万亿])"
       rf"{_COMP}{{0,{MAX_COMPONENTS}}}+)")
SRUN = rf"(?>(?:负[ ]*+)?{RUN})"

MASTER = regex.compile(
    rf"(?P<pct>(?<![0-9{CD}{CU}万亿])[百佰][ ]*+分[ ]*+之[ ]*+(?P<pnum>{SRUN}))"
    rf"|(?P<frac>(?:(?P<whole>{SRUN})[ ]*+又[ ]*+)?(?P<fden>{SRUN})[ ]*+分[ ]*+之[ ]*+(?P<fnum>{SRUN}))"
    rf"|(?P<slash>(?<![\d/.])(?:(?P<sw>\d++)[ ]++)?(?P<sn>-?\d++)[ ]*+/[ ]*+(?P<sd>\d++)(?![\d/]))"
    rf"|(?P<isodate>(?<![\d.\-/])(?P<iy>\d{{4}})(?P<isep>[-./])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})(?![\d.\-/]))"
    rf"|(?P<special>(?<=打)对折|半折|半成|半百|半打|(?<![{CD}{CU}])一半(?![年天月日]))"
    rf"|(?P<zhe>(?P<z1>[0-9一二三四五六七八九])[ ]++(?P<z2>[0-9一二三四五六七八九])[ ]*+折)"
    rf"|(?P<sci>-?(?>\d++(?:\.\d++)?+|\.\d++)(?:[eE][-+]?+\d++|\^[-+]*+\d++)(?![A-Za-z0-9]))"
    rf"|(?P<num>(?:(?P<sign>负|-)[ ]*+)?(?P<core>{RUN}))"
)
