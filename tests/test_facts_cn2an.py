"""cn2an's own test tables (tests/fixtures/cn2an, MIT) through our numeral parser.

Applicable tables: cn2an direction, strict/normal/smart data (Chinese or mixed
numerals -> value).  Their "direct" table returns digit strings with leading
zeros ("003"), which are codes, not quantities; we check the numeric value.
The error tables list strings cn2an rejects in a given mode; our parser is
lenient by design (it reads 一一 as 11 like cn2an's normal mode), so only the
strings that are not numbers in any mode must be rejected.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.facts.numerals import NumeralError, parse_value

DATA = json.loads((Path(__file__).parent / "fixtures" / "cn2an" / "cn2an_test_cases.json")
                  .read_text(encoding="utf-8"))


def _cases(*names):
    out = []
    for name in names:
        out += list(DATA[name].items())
    return out


@pytest.mark.parametrize("text,value", _cases("cn2an_test.strict_data_dict",
                                              "cn2an_test.normal_data_dict",
                                              "cn2an_test.smart_data_dict"))
def test_cn2an_tables(text, value):
    assert parse_value(text) == pytest.approx(value)


@pytest.mark.parametrize("text,value", _cases("cn2an_test.direct_data_dict"))
def test_direct_table_numeric_value(text, value):
    assert parse_value(text) == pytest.approx(float(value))


@pytest.mark.parametrize("text", ["", "元整", "圆", "负", "零点", "点零", "零点点", "零点零大",
                                  "10..1万", "点一", "十一十二", "十七十八"])
def test_not_numbers(text):
    with pytest.raises(NumeralError):
        parse_value(text)


@pytest.mark.parametrize("text,value", list(DATA["an2cn_test.input_data"].items()))
def test_an2cn_table_read_back(text, value):
    # an2cn's table: number -> [low, up, rmb, direct]; we read the lower/upper forms back
    low, up = value[0], value[1]
    assert parse_value(low) == pytest.approx(float(text))
    assert parse_value(up) == pytest.approx(float(text))
