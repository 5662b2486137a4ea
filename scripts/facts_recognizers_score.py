"""Run Microsoft Recognizers-Text Chinese spec cases through extract_facts.

Every case's Input goes through `pipeline.nlp.annotate` + `extract_facts(...,
strict_context=False)` (spec inputs are isolated phrases, not news text: a lone
"一" or "第一" is a number there).  An expected result is matched by a fact
whose span overlaps the expected span and whose value equals the expected
value after unit mapping (their "Kilobit" is our 1000 比特, their "50%" our 50 %).
A case passes when every expected result is matched by a distinct fact and no
*relevant* fact is left over (relevant = the model's own category: money
facts for Currency, measure facts for Dimension, % facts for Percent,
bounded/ranged facts for NumberRange; for Number, every fact except money and
percent facts, which their Number model leaves to the other models).

Semantic differences handled here (documented, not hidden):
- Number model: a date fact (1991年1月16日) offers its components 1991, 1, 16;
  a count in 打 offers value x 12 (一打 = 12).
- Cases whose expected results carry no number (Currency "人民币 美元": a bare
  currency name) are excluded: a unit without a number is not a fact for us.
- NumberRange: only interval end points are compared, not open/closed bounds
  ("(20,35]" vs "[20,35]") -- our schema has over/under, not >= vs >.

DateTime files (no target) are scored loosely: every expected result must be
overlapped by one of our year/date/duration facts, with the same value when
its Timex is a plain calendar date (2010-01-29, XXXX-01-29), and no year/date
fact may fall outside the expected results.  Relative dates (明天, 上周一),
weekdays, holidays, times of day and sets are not numeric facts for us.

Rates are reported for all cases and for the cases their Python release
supports (no "python" in NotSupported / NotSupportedByDesign).
"""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC_DIR = ROOT / "tests" / "fixtures" / "recognizers-text"

CURRENCY = {"Chinese yuan": "元", "United States dollar": "美元", "Euro": "欧元",
            "Swiss franc": "瑞士法郎", "Hong Kong dollar": "港元", "New Taiwan dollar": "新台币",
            "Japanese yen": "日元", "Nigerian naira": "奈拉", "Dollar": "美元", "Bitcoin": "比特币",
            "British pound": "英镑", "Euro cent": "欧分"}
# their dimension units -> (dimension, factor to base)
THEIR_DIM = {"Mu": ("mu", 1), "Kilogram": ("g", 1000), "Centimeter": ("m", 0.01), "Ton": ("g", 1e6),
             "Meter": ("m", 1), "Jin": ("g", 500), "Kilometer": ("m", 1000), "Gram": ("g", 1),
             "Kilobit": ("bit", 1000), "Megabyte": ("B", 1e6), "Kilobyte": ("B", 1000),
             "Liang": ("g", 50), "Microgram": ("g", 1e-6), "Megahertz": ("hz", 1e6),
             "Hertz": ("hz", 1), "Kilowatt": ("w", 1000), "Kilocalorie": ("kcal", 1), "Bit": ("bit", 1),
             "Square kilometer": ("m2", 1e6), "Square meter": ("m2", 1), "Millimeter": ("m", 0.001)}
OUR_DIM = {"亩": ("mu", 1), "公斤": ("g", 1000), "千克": ("g", 1000), "kg": ("g", 1000),
           "克": ("g", 1), "g": ("g", 1), "吨": ("g", 1e6), "t": ("g", 1e6), "斤": ("g", 500),
           "两": ("g", 50), "微克": ("g", 1e-6), "毫克": ("g", 1e-3), "mg": ("g", 1e-3),
           "米": ("m", 1), "m": ("m", 1), "千米": ("m", 1000), "公里": ("m", 1000), "km": ("m", 1000),
           "厘米": ("m", 0.01), "公分": ("m", 0.01), "cm": ("m", 0.01), "毫米": ("m", 0.001),
           "mm": ("m", 0.001), "比特": ("bit", 1), "字节": ("B", 1), "兆字节": ("B", 1e6),
           "千字节": ("B", 1000), "赫兹": ("hz", 1), "兆赫兹": ("hz", 1e6), "千瓦": ("w", 1000),
           "瓦": ("w", 1), "kw": ("w", 1000), "千卡": ("kcal", 1), "平方公里": ("m2", 1e6),
           "平方千米": ("m2", 1e6), "平方米": ("m2", 1)}
AGE = {"Year": ("岁", "周岁", "年"), "Month": ("个月",), "Week": ("周", "星期", "个星期"), "Day": ("天", "日")}
TEMP = {"C": ("℃",), "F": ("华氏度", "度"), "Degree": ("度",)}

NUMBER_FILES = ["Number/Chinese/NumberModel.json", "Number/Chinese/PercentModel.json",
                "Number/Chinese/OrdinalModel.json", "Number/Chinese/NumberRangeModel.json",
                "Number/Chinese/NumberRangeModelExperimentalMode.json",
                "NumberWithUnit/Chinese/CurrencyModel.json", "NumberWithUnit/Chinese/DimensionModel.json",
                "NumberWithUnit/Chinese/AgeModel.json", "NumberWithUnit/Chinese/TemperatureModel.json"]


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _num(s):
    if s is None:
        return None
    return float(str(s).rstrip("%"))


def _supported(case) -> bool:
    tags = (case.get("NotSupported", "") + "," + case.get("NotSupportedByDesign", "")).lower()
    return "python" not in [t.strip() for t in tags.split(",")]


def _span(r):
    if "End" in r:
        return r["Start"], r["End"] + 1
    return r["Start"], r["Start"] + r["Length"]


def _overlap(f, s, e):
    return f["start"] < e and s < f["end"]


def _date_parts(v: str):
    return [int(p) for p in re.findall(r"\d+", v)]


def _values(model: str, f: dict) -> list[float]:
    v = f["value"]
    if isinstance(v, str):
        return [float(p) for p in _date_parts(v)] if model == "number" else []
    if model == "number":
        out = [v]
        if f["unit"] == "打":
            out.append(v * 12)
        return out
    if model == "percent":
        if f["unit"] in ("%", "百分点"):
            return [v]
        if f["unit"] == "‰":
            return [v / 10]
        return []
    return [v]


def _relevant(model: str, f: dict) -> bool:
    from pipeline.facts.units import KIND_OF_UNIT
    unit = (f["unit"] or "").split("/")[0]
    if model == "number":
        return f["kind"] not in ("money", "percent") and f["unit"] not in ("%", "‰", "百分点")
    if model == "percent":
        return f["unit"] in ("%", "‰", "百分点")
    if model == "currency":
        return KIND_OF_UNIT.get(unit) == "money" or unit in CURRENCY.values()
    if model == "dimension":
        return unit in OUR_DIM
    if model == "ordinal":
        return f["kind"] == "ordinal"
    if model == "range":
        return f["approx"] in ("over", "under") or f["role"] in ("low", "high")
    if model == "age":
        return unit in ("岁", "周岁", "个月")
    if model == "temperature":
        return unit in ("℃", "华氏度", "度")
    return True


def _match_value(model, f, res) -> bool:
    r = res.get("Resolution") or {}
    if model in ("number", "percent", "ordinal"):
        return any(_close(x, _num(r.get("value"))) for x in _values(model, f))
    if model == "currency":
        return CURRENCY.get(r.get("unit")) == f["unit"] and _close(f["value"], _num(r.get("value")))
    if model == "dimension":
        theirs, ours = THEIR_DIM.get(r.get("unit")), OUR_DIM.get(f["unit"] or "")
        if not theirs or not ours or theirs[0] != ours[0] or isinstance(f["value"], str):
            return False
        return _close(f["value"] * ours[1], _num(r.get("value")) * theirs[1])
    if model == "age":
        return f["unit"] in AGE.get(r.get("unit"), ()) and _close(f["value"], _num(r.get("value")))
    if model == "temperature":
        return f["unit"] in TEMP.get(r.get("unit"), ()) and _close(f["value"], _num(r.get("value")))
    return False


def _range_ok(facts, res, s, e) -> bool:
    val = (res.get("Resolution") or {}).get("value", "")
    m = re.fullmatch(r"[\[(]([^,]*),([^\])]*)[\])]", val)
    if not m:
        return False
    lo = float(m.group(1)) if m.group(1) else None
    hi = float(m.group(2)) if m.group(2) else None
    groups = {}
    for f in facts:
        if f["group"] is not None:
            groups.setdefault(f["group"], []).append(f)
    cands = []
    for members in groups.values():
        low = next((x for x in members if x["role"] in ("low", "from")), None)
        high = next((x for x in members if x["role"] in ("high", "to")), None)
        if low and high:
            cands.append((min(low["start"], high["start"]), max(low["end"], high["end"]),
                          low["value"], high["value"]))
    for f in facts:
        if f["group"] is None and not isinstance(f["value"], str):
            v = f["value"]
            a, b = {"over": (v, None), "under": (None, v)}.get(f["approx"], (v, v))
            cands.append((f["start"], f["end"], a, b))
    return any(a < e and s < b and _close(x, lo) and _close(y, hi) for a, b, x, y in cands)


MODEL_OF = {"NumberModel": "number", "PercentModel": "percent", "OrdinalModel": "ordinal",
            "NumberRangeModel": "range", "NumberRangeModelExperimentalMode": "range",
            "CurrencyModel": "currency", "DimensionModel": "dimension", "AgeModel": "age",
            "TemperatureModel": "temperature"}


def run_case(model: str, case: dict, annotate, extract) -> bool:
    text = case["Input"]
    tokens = annotate(text)[0]
    facts = extract(text, tokens, strict_context=False)
    used = set()
    if model == "range":
        for res in case["Results"]:
            s, e = _span(res)
            if not _range_ok(facts, res, s, e):
                return False
        spans = [_span(r) for r in case["Results"]]
        extra = [f for f in facts if _relevant(model, f)
                 and not any(_overlap(f, s, e) for s, e in spans)]
        return not extra
    for res in case["Results"]:
        s, e = _span(res)
        hit = None
        for i, f in enumerate(facts):
            if (i in used and not isinstance(f["value"], str)) or not _overlap(f, s, e):
                continue
            if _match_value(model, f, res):
                hit = i
                break
        if hit is None:
            return False
        used.add(hit)
    for i, f in enumerate(facts):
        if i in used or not _relevant(model, f):
            continue
        if any(_overlap(f, *_span(r)) for r in case["Results"]):
            continue
        return False
    return True


def _datetime_case(case, annotate, extract) -> bool:
    text = case["Input"]
    facts = extract(text, annotate(text)[0], strict_context=False)
    facts = [f for f in facts if f["kind"] in ("year", "date", "duration")]
    for res in case["Results"]:
        s, e = _span(res)
        cand = [f for f in facts if _overlap(f, s, e)]
        if not cand:
            return False
        timex = (res.get("Value") or {}).get("Timex") if isinstance(res.get("Value"), dict) else None
        if timex and re.fullmatch(r"(\d{4}|XXXX)(-\d{2})?(-\d{2})?", timex):
            want = timex.replace("XXXX-", "--").replace("XXXX", "")
            if not any(f["value"] == want for f in cand):
                return False
    spans = [_span(r) for r in case["Results"]]
    return not any(f["kind"] in ("year", "date") and not any(_overlap(f, s, e) for s, e in spans)
                   for f in facts)


def evaluate(files: list[str] | None = None, datetime: bool = True) -> list[dict]:
    from pipeline.nlp import annotate
    from pipeline.facts import extract_facts

    rows = []
    paths = [SPEC_DIR / f for f in (files or NUMBER_FILES)]
    if datetime and files is None:
        paths += sorted((SPEC_DIR / "DateTime" / "Chinese").glob("*.json"))
    for path in paths:
        cases = json.loads(path.read_text(encoding="utf-8-sig"))
        model = MODEL_OF.get(path.stem)
        row = {"file": str(path.relative_to(SPEC_DIR)), "all": 0, "all_pass": 0, "py": 0,
               "py_pass": 0, "excluded": 0, "failures": []}
        for case in cases:
            if model and any((r.get("Resolution") or {}).get("value") is None for r in case["Results"]):
                row["excluded"] += 1
                continue
            ok = run_case(model, case, annotate, extract_facts) if model else \
                _datetime_case(case, annotate, extract_facts)
            sup = _supported(case)
            row["all"] += 1
            row["all_pass"] += ok
            row["py"] += sup
            row["py_pass"] += ok and sup
            if not ok:
                row["failures"].append(case["Input"])
        rows.append(row)
    return rows


def format_rows(rows) -> str:
    out = [f"{'file':58s} {'python-supported':>18s} {'all cases':>16s}  excl"]
    for r in rows:
        py = f"{r['py_pass']}/{r['py']} {100 * r['py_pass'] / r['py']:5.1f}%" if r["py"] else "-"
        al = f"{r['all_pass']}/{r['all']} {100 * r['all_pass'] / r['all']:5.1f}%" if r["all"] else "-"
        out.append(f"{r['file']:58s} {py:>18s} {al:>16s}  {r['excluded']}")
    return "\n".join(out)
