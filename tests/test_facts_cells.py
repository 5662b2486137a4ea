"""Table cells: a number is read from its own cell only and takes the cell's headers."""
from __future__ import annotations

from pipeline.facts import extract_facts
from pipeline.nlp import annotate


def _table(rows: list[list[str]], sep: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Text of a table (cells joined by `sep`, rows by newlines) and its body cells, each
    with subject "row header column header"."""
    header = rows[0]
    lines, cells, pos = [], [], 0
    for r, row in enumerate(rows):
        parts = []
        for c, cell in enumerate(row):
            if r > 0 and c > 0:
                cells.append((pos, pos + len(cell), f"{row[0]} {header[c]}"))
            parts.append(cell)
            pos += len(cell) + (len(sep) if c < len(row) - 1 else 1)
        lines.append(sep.join(parts))
    return "\n".join(lines) + "\n", cells


def test_adjacent_cells_never_merge_and_take_their_headers():
    rows = [["项目", "上年", "本年", "单位"],
            ["营业收入", "十", "五", "万元"],
            ["职工", "120", "135", "人"]]
    for sep in (" ", "\t", "  "):
        text, cells = _table(rows, sep)
        tokens = annotate(text)[0]
        if sep == " ":  # what the cells prevent: read as prose, the two cells are one number
            merged = extract_facts(text, tokens, strict_context=False)
            assert any(f["value"] in (15, 150000) for f in merged), merged
        facts = extract_facts(text, tokens, strict_context=False, cells=cells)
        got = [(f["text"], f["value"], f["unit"], f["subject"]) for f in facts
               if any(s <= f["start"] and f["end"] <= e for s, e, _ in cells)]
        assert got == [("十", 10, None, "营业收入 上年"), ("五", 5, None, "营业收入 本年"),
                       ("120", 120, None, "职工 上年"), ("135", 135, None, "职工 本年")], (sep, got)
        for f in facts:
            assert text[f["start"]:f["end"]] == f["text"]
            inside = [c for c in cells if c[0] < f["end"] and f["start"] < c[1]]
            assert len(inside) <= 1 and all(c[0] <= f["start"] and f["end"] <= c[1] for c in inside)


def test_unit_in_a_cell_and_empty_subject():
    text = "产量 3000吨 2.5万吨"
    cells = [(3, 8, "产量 上年"), (9, 14, "")]
    facts = extract_facts(text, annotate(text)[0], cells=cells)
    assert [(f["text"], f["value"], f["unit"], f["kind"]) for f in facts] == [
        ("3000吨", 3000, "吨", "measure"), ("2.5万吨", 25000, "吨", "measure")]
    assert facts[0]["subject"] == "产量 上年"
    assert facts[1]["subject"] != "产量 上年"  # no headers given: found in the text as usual


def test_groups_stay_unique_across_cells():
    text = "3至5年 10至20人"
    cells = [(0, 4, "甲"), (5, 11, "乙")]
    facts = extract_facts(text, annotate(text)[0], cells=cells)
    groups = [f["group"] for f in facts]
    assert groups[0] == groups[1] and groups[2] == groups[3] and groups[0] != groups[2]
    assert [f["role"] for f in facts] == ["low", "high", "low", "high"]
