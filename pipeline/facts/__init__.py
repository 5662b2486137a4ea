"""Numeric facts: every number in a news article, with unit, approximation and subject.

    extract_facts(text, tokens, strict_context=True, cells=()) -> list[dict]

`tokens` are (start, end, POS) from `pipeline.nlp.annotate(text)`.  Numbers are
found with a linear-time pattern on the text (never from token boundaries, so a
segmenter that keeps `42.7万元` whole gives the same facts); tokens and POS are
used for the subject and to tell numerals inside words (一切, 四川) apart.
`cells` are (start, end, subject) table cells: a number in a cell is read from
that cell's characters only and takes the cell's subject when it is non-empty.

Each fact: text, value, unit, approx, kind, subject, start, end, role, group,
note, with text[start:end] == fact["text"]; facts are sorted by (start, end);
the output is deterministic and JSON-serialisable with allow_nan=False.  `note`
is None, or says why `value` is None (a magnitude of 1e30 or more, or a non-zero
one below 1e-15: the text and span are kept).

Modules, in reading order: extractor (entry point and the search loop), cells
(table regions), normalize (length-preserving char map), patterns (the master
pattern), reader (a match -> Mention), numerals (numeral parsing, cn2an first),
unit_scan (%, 成, dates, units after a number), units (unit table), around
(approximation markers and currency symbols around it), approx (marker tables),
dates, filters (what is not a quantity), lexicon (general vocabulary),
changes (change amounts, change and range linking), subject (what is counted, by
kind), phrases (noun and verb phrases around a number, clause topics), respectively
(分别 lists), words (segmentation repairs), magnitude (absurd values), output (fact
dicts), mention, spans.

Decisions
- Values: int when integral else float; 万/亿/兆 applied (42.7万元 -> 427000 元,
  4亿余元 -> 400000000 over).  Years and dates are ISO strings: "1997",
  "2021-10", "2021-10-20", "--10-20" (no year), "---11" (day only: 于十一日).
- Units as printed, except money (块/圆/人民币 -> 元, 美圆 -> 美元; 万元 -> 元 with
  the value scaled) and percent: 83.4% / 百分之四十 -> unit "%"; 千分之2 -> 0.2
  "%"; 三成 / 七五折 -> 30 / 75 "%"; 3个百分点 -> 3 "百分点"; 一半 -> 50 "%"; in
  news a slash fraction is a share: １／４ -> 25 "%".  块 before a noun is a
  measure word (１３块金牌), money otherwise; 7级地震 / 6级大风 are measures;
  14金5银5铜 counts medals.
- Approximations: over (余 多 以上 超过 逾 几十 数百 上千 ...), under (近 不到 不足
  以下 以内 几乎, 一个月内 ...), about (约 大约 左右 上下).  几十家 = 10 over (the
  round lower bound); 逾千人 / 近万名 / 百余人 read a lone 千/万/百; 至少 before a verb
  (至少造成２９１３人死亡) sets over without entering the span.
- Changes and ranges (see changes.py): 从900吨/月增至1500吨/月 -> two facts,
  roles from/to, shared group, each keeps its own kind (measure: they are
  levels).  提高了20% -> one fact of kind "change" (its value is the change);
  a coordinated amount (上涨0.8%和2.8%) is a change too.  Ranges 3至5年,
  10万-20万元, 在20和30之间, 大于10小于20, 1至10月, 2020-2022年 -> roles low/high,
  shared group; an end printed without a unit takes the other end's unit/scale.
  Vague pairs 三四家 / 两三天 / 二三十个 are ranges too: low = the first digit
  ("三", 3 家), high = the rest ("四家").
- Not facts in news mode (strict_context=True):
  * Chinese numerals without a unit or measure word: “两新”, “八大群体”,
    “六帮一体验”, 五一劳动奖章, 十强, 一线, 百年.
  * 一 as a determiner: 一条路径, 一名学徒工, 一个缩影, 一批 (一 counts only with a
    money/physical unit or %: 近一吨); reduplicated measures 一名名, 一个个.
  * Numeral-led words (一度, 四处, 十分, 一块, 零部件) and idioms (十几年如一日).
  * Names: model names with + (“1+4+3+X”), bare numbers inside short quotes,
    Chinese ordinals (第三幼儿园, 第一批, 第一时间; 第3名 with Arabic digits is
    an ordinal fact), 长征三号, 七人制 / 五年制, decades (九十年代, ８０年代), go ranks
    after a name (俞斌九段), a lone formal numeral outside money (陆道培), 亿万.
  * List markers (1), ratios 1:2, clock times 20时 / 8点, Arabic slash
    fractions beyond tenths (10/20), codes glued to Latin letters (A2021..., 5G).
- Subjects: see subject.py (clause topics for changes, the counted noun, what the
  money is, the holder of a share), phrases.py (compound nouns kept whole from POS and
  syntax, never from word lists of a text), respectively.py and words.py.
  “岗前10分钟” is a fact: a quoted phrase keeps numbers that carry a unit.
- strict_context=False (used for the Recognizers-Text spec, whose inputs are
  isolated phrases): keeps bare numerals, 一, ordinals and slash fractions;
  still rejects numerals that are part of ordinary words (一切, 四川) using the
  tokens and the segmenter's lexicon.
"""
from .extractor import extract_facts

__all__ = ["extract_facts"]
