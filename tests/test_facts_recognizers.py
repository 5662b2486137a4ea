"""Recognizers-Text Chinese spec cases (tests/fixtures/recognizers-text, MIT) through extract_facts.

See scripts/facts_recognizers_score.py for the comparison rules.
"""
from __future__ import annotations

import pytest

from scripts.facts_recognizers_score import evaluate

TARGETS = {
    # file: (which rate, minimum)
    "Number/Chinese/NumberModel.json": ("py", 0.98),
    "Number/Chinese/PercentModel.json": ("py", 0.98),
    "NumberWithUnit/Chinese/CurrencyModel.json": ("py", 0.98),
    "NumberWithUnit/Chinese/DimensionModel.json": ("py", 0.98),
    "Number/Chinese/NumberRangeModel.json": ("all", 0.90),
}


@pytest.fixture(scope="module")
def rows():
    return {r["file"]: r for r in evaluate(list(TARGETS), datetime=False)}


@pytest.mark.parametrize("name", list(TARGETS))
def test_pass_rate(rows, name):
    which, minimum = TARGETS[name]
    row = rows[name]
    n, ok = (row["py"], row["py_pass"]) if which == "py" else (row["all"], row["all_pass"])
    assert n > 0
    assert ok / n >= minimum, (f"{ok}/{n}", row["failures"])


def test_python_supported_subset_is_what_their_release_runs(rows):
    # their Python release supports none of the NumberRange cases
    assert rows["Number/Chinese/NumberRangeModel.json"]["py"] == 0
    assert rows["Number/Chinese/NumberModel.json"]["py"] == 359
