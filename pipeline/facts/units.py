"""Units and measure words: printed form -> (canonical unit, kind).

Longest match wins (the regex alternation is sorted by length).  Money units
are normalised (块/圆/人民币 -> 元, 美圆 -> 美元); the 万/亿 in 万元/亿元 is a
numeral scale and never part of the unit.
"""
from __future__ import annotations

import re

MONEY = {
    "元人民币": "元", "人民币": "元", "元": "元", "块钱": "元", "块": "元", "圆": "元",
    "美元": "美元", "美圆": "美元", "美金": "美元", "美刀": "美元", "美分": "美分",
    "欧元": "欧元", "日元": "日元", "英镑": "英镑", "港元": "港元", "港币": "港元",
    "新台币": "新台币", "台币": "新台币", "韩元": "韩元", "卢布": "卢布", "瑞士法郎": "瑞士法郎",
    "法郎": "法郎", "澳元": "澳元", "加元": "加元", "奈拉": "奈拉", "比特币": "比特币",
    "角": "角", "毛钱": "毛", "毛": "毛", "日本钱": "日本钱",
}
# sub-units that may follow a money amount: 五元三毛, 两美元又三美分, 10日元5日本钱
MONEY_SUB = {"元": {"角": 0.1, "毛": 0.1, "分": 0.01}, "美元": {"美分": 0.01},
             "日元": {"日本钱": 0.01, "钱": 0.01}}

MEASURE = [
    "平方公里", "平方千米", "平方米", "平方厘米", "平方英尺", "立方米", "公顷", "亩",
    "千米", "公里", "米", "厘米", "毫米", "公分", "英里", "英尺", "英寸", "海里",
    "吨", "公斤", "千克", "克", "毫克", "微克", "斤", "两",
    "升", "毫升", "立方",
    "千瓦时", "兆瓦", "千瓦", "瓦", "千伏安", "千伏", "伏", "万伏", "度电", "兆赫兹", "赫兹", "千卡", "卡路里",
    "兆字节", "千字节", "字节", "比特", "摄氏度", "℃", "°C", "华氏度", "度",
    "km", "cm", "mm", "kg", "m²", "m", "t", "g", "mg", "kw", "kwh",
    "标准箱", "标箱", "吨标准煤", "万千瓦",
]
PER = ["月", "天", "日", "年", "小时", "时", "秒", "分钟", "人", "亩", "吨", "公里", "次"]

DURATION = ["个多月", "个月", "年", "周年", "天", "日", "小时", "个小时", "分钟", "秒钟", "秒",
            "周", "星期", "个星期", "岁", "周岁", "个工作日", "工作日", "个交易日", "交易日", "季度",
            "个季度", "世纪"]

COUNT = [
    "家", "户", "种", "人次", "人", "名", "份", "项", "册", "场次", "场", "次", "大类", "类",
    "个", "位", "批", "件", "台", "套", "辆", "架", "艘", "条", "所", "座", "栋", "幢",
    "间", "张", "本", "部", "篇", "起", "例", "只", "头", "匹", "棵", "株", "对", "双", "打",
    "支", "队", "届", "期", "处", "级", "门", "节", "段", "根", "片", "道", "扇", "把",  # no 分: 十分 = "very"
    "首", "幅", "款", "章", "封", "包", "箱", "袋", "瓶", "杯", "盒", "颗", "粒", "块地",
    "倍", "岗", "村", "镇", "乡", "县", "省", "国", "城", "组", "团", "支队",
    "万人次", "户次", "个城市", "个百分点", "宗", "笔", "单", "轮", "集", "层", "号", "楼",
    "代", "星", "环", "页", "枚", "列", "趟", "副", "台次", "架次", "班次", "车次",
    "金", "银", "铜",  # medal tallies: 14金5银5铜
]
# measure words that take a count; a lone 一 before them is a determiner (一条路径)
DETERMINER_MEASURES = set(COUNT) | {"种", "些"}

# 个 + unit: 20个比特币, 六个百分点, 三个月
PERCENT_WORDS = ["个百分点", "百分点"]

KIND_OF_UNIT: dict[str, str] = {}
CANON: dict[str, str] = {}
for _u, _c in MONEY.items():
    KIND_OF_UNIT[_u] = "money"
    CANON[_u] = _c
for _u in MEASURE:
    KIND_OF_UNIT[_u] = "measure"
for _u in DURATION:
    KIND_OF_UNIT[_u] = "duration"
for _u in COUNT:
    KIND_OF_UNIT.setdefault(_u, "count")
KIND_OF_UNIT["个百分点"] = "percent"
KIND_OF_UNIT["百分点"] = "percent"
CANON["个百分点"] = "百分点"
CANON["摄氏度"] = "℃"
CANON["°C"] = "℃"
CANON["°c"] = "℃"
CANON["个小时"] = "小时"
CANON["个星期"] = "星期"

# single-character units that start common words: only a unit when the
# token containing them ends with them (家 in 家庭, 人 in 人民, 打 in 打造 ...)
_all_units = sorted(KIND_OF_UNIT, key=len, reverse=True)
_unit_alt = "|".join(re.escape(u) for u in _all_units)
_per_alt = "|".join(re.escape(u) for u in sorted(PER, key=len, reverse=True))
UNIT_RE = re.compile(
    rf"(?:个(?=[ ]*(?:{_unit_alt})))?[ ]*(?P<unit>(?:{_unit_alt})(?:/(?:{_per_alt}))?)",
    re.IGNORECASE)


def unit_kind(unit: str) -> str:
    base = unit.split("/")[0]
    return KIND_OF_UNIT.get(base, KIND_OF_UNIT.get(base.lower(), "count"))


def canonical(unit: str) -> str:
    base, sep, per = unit.partition("/")
    b = CANON.get(base, base)
    if b.isascii():
        b = b.lower()
    return b + sep + per
