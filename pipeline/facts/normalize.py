"""Length-preserving character normalisation for number matching.

Every character maps to exactly one character, so offsets in the normalised
string are offsets in the original text.  Full-width ASCII becomes ASCII,
traditional numeral characters become simplified ones.
"""
from __future__ import annotations

import re

_MAP: dict[int, str] = {}
for _cp in range(0xFF01, 0xFF5F):  # full-width ASCII block
    _MAP[_cp] = chr(_cp - 0xFEE0)
_MAP[0x3000] = " "  # ideographic space
_MAP[0xFF0C] = "，"  # full-width comma stays (see normalize)
for _src, _dst in {
    "萬": "万", "億": "亿", "兩": "两", "倆": "俩", "點": "点", "負": "负",
    "幾": "几", "個": "个", "貳": "贰", "參": "叁", "陸": "陆", "對": "对",
    "雙": "双", "餘": "余", "−": "-", "–": "-", "—": "-", "～": "~",
    "％": "%", "﹪": "%", "￥": "¥", "塊": "块", "圓": "圆", "錢": "钱",
    "銭": "钱", "萊": "莱", "與": "与", "間": "间", "約": "约", "開": "开",
    "億": "亿", "佰": "佰", "個": "个",
}.items():
    _MAP[ord(_src)] = _dst


_FW_COMMA = re.compile(r"(?<=[０-９])，(?=[０-９])")
_MID_DOT = re.compile(r"(?<=[0-9０-９])·(?=[0-9０-９])")


def normalize(text: str) -> str:
    """Return `text` with the same length, numerals and symbols normalised.

    A full-width comma is a thousands separator only between full-width digits
    (４，５６５); elsewhere it is the Chinese clause comma."""
    if "，" in text:
        text = _FW_COMMA.sub(",", text)
    if "·" in text:  # 68·88 (middle dot as decimal point, People's Daily 1998)
        text = _MID_DOT.sub(".", text)
    out = text.translate(_MAP)
    assert len(out) == len(text)
    return out
