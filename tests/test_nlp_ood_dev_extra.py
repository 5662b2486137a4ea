"""Integrity of the second hand-annotated development set (tests/fixtures/ood/dev_extra.jsonl).

It tunes the entity rules next to `dev`, so it must never share text with `test`: no People's
Daily line of `test` (nor one of its neighbouring held-out lines), no paragraph, no 40-character
run.  Offsets, labels and shapes are checked as for dev/test, and the JSONL must be what
tools/build.py makes of the annotation sheet.
"""
from __future__ import annotations

import re
from collections import Counter

from tests.conftest import OOD, load_ood, require_corpus

LABELS = {"PERSON", "GPE", "LOC", "ORG"}
SPACE_OR_LIST_MARK = re.compile(r"[\s\u3000、]")
PD_LINE = re.compile(r"data/199801\.txt line (\d+)")
RUN = 40


def test_offsets_labels_and_shapes():
    docs = load_ood("dev_extra")
    assert len({d["id"] for d in docs}) == len(docs)
    for d in docs:
        text = d["text"]
        assert d["source"] and d["ref"] and text == text.strip(), d["id"]
        spans = []
        for start, end, label, string in d["entities"]:
            assert text[start:end] == string, (d["id"], string)
            assert label in LABELS and not SPACE_OR_LIST_MARK.search(string), (d["id"], string)
            spans.append((start, end))
        spans.sort()
        assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:])), d["id"]


def test_size_and_organisation_share():
    labels = Counter(e[2] for d in load_ood("dev_extra") for e in d["entities"])
    assert sum(labels.values()) >= 150
    assert labels["ORG"] >= 0.35 * sum(labels.values())


def test_no_text_shared_with_test():
    test = load_ood("test")
    runs = set()
    for d in test:
        t = d["text"].replace("\u3000", "")
        runs.update(t[i:i + RUN] for i in range(len(t) - RUN + 1))
    test_lines = {int(m.group(1)) for d in test for m in [PD_LINE.search(d["ref"])] if m}
    for d in load_ood("dev_extra"):
        t = d["text"].replace("\u3000", "")
        assert not any(t[i:i + RUN] in runs for i in range(len(t) - RUN + 1)), d["id"]
        m = PD_LINE.search(d["ref"])
        if m:
            line = int(m.group(1))
            assert line % 10 == 9, f"{d['id']}: line {line} is in the training split"
            assert all(abs(line - u) > 20 for u in test_lines), d["id"]


def test_jsonl_is_what_the_annotation_sheet_builds():
    import importlib.util

    require_corpus()
    spec = importlib.util.spec_from_file_location("ood_build", OOD / "tools" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    sheet = OOD / "sheets" / "dev_extra.txt"
    assert [build.build_doc(d, str(sheet)) for d in build.parse_sheet(sheet)] == load_ood("dev_extra")
