"""Integrity of the extra facts-only development set (tests/fixtures/ood/dev_facts_extra.jsonl).

It is tuned on like dev.jsonl, so what matters is that it never leaks the held-out test part:
no People's Daily line, no paragraph and no 20-character run shared with test.jsonl (nor with
dev.jsonl or the seed article), People's Daily paragraphs really are held-out corpus lines, the
JSONL is what the sheet builds, and every fact's fields and offsets are sound.
"""
from __future__ import annotations

import re

import pytest

from tests.conftest import SEED_TEXT, load_ood, require_corpus

KINDS = {"count", "money", "percent", "measure", "year", "date", "duration", "ordinal", "change"}
ISO_DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?|---\d{2})$")
PD_LINE = re.compile(r"data/199801\.txt line (\d+)")
RUN = 20


@pytest.fixture(scope="module")
def extra() -> list[dict]:
    return load_ood("dev_facts_extra")


def _runs(text: str) -> set[str]:
    text = re.sub(r"[\s\u3000]", "", text)
    return {text[i:i + RUN] for i in range(len(text) - RUN + 1)}


def test_facts_only_with_sound_fields(extra):
    assert len(extra) >= 20 and sum(len(d["facts"]) for d in extra) >= 120
    ids = [d["id"] for d in extra]
    assert len(ids) == len(set(ids))
    for d in extra:
        assert d["entities"] == [] and d["source"] and d["ref"], d["id"]
        text, last, groups = d["text"], -1, {}
        for f in d["facts"]:
            where = (d["id"], f["text"])
            assert text[f["start"]:f["end"]] == f["text"] and f["start"] >= last, where
            last = f["end"]
            assert f["kind"] in KINDS and f["approx"] in (None, "over", "under", "about"), where
            if f["kind"] in ("year", "date"):
                assert ISO_DATE.match(f["value"]) and f["unit"] is None and f["subject"] == [], where
            else:
                assert isinstance(f["value"], (int, float)), where
            if f["kind"] in ("duration", "ordinal"):
                assert f["subject"] == [], where
            assert (f["role"] is None) == (f["group"] is None), where
            if f["group"] is not None:
                groups.setdefault(f["group"], set()).add(f["role"])
        assert all(r in ({"from", "to"}, {"low", "high"}) for r in groups.values()), d["id"]


def test_nothing_shared_with_test_dev_or_seed(extra):
    test, dev = load_ood("test"), load_ood("dev")
    lines = {m.group(1) for d in extra for m in [PD_LINE.search(d["ref"])] if m}
    other = {m.group(1) for d in test + dev for m in [PD_LINE.search(d["ref"])] if m}
    assert lines and not lines & other
    guarded = set().union(*(_runs(d["text"]) for d in test + dev))
    guarded |= _runs(SEED_TEXT.read_text(encoding="utf-8"))
    for d in extra:
        shared = _runs(d["text"]) & guarded
        assert not shared, (d["id"], sorted(shared)[:1])


def test_peoples_daily_paragraphs_are_held_out_lines(extra):
    from pipeline.corpus import iter_tagged_lines

    wanted = {int(PD_LINE.search(d["ref"]).group(1)): d for d in extra if d["source"] == "pd1998-heldout"}
    assert wanted
    for index, pairs in enumerate(iter_tagged_lines(require_corpus())):
        if index in wanted:
            assert index % 10 == 9, index
            assert wanted.pop(index)["text"] == "".join(w for w, _ in pairs)
    assert not wanted


def test_jsonl_is_what_the_sheet_builds(extra):
    from scripts.facts_build_extra import build

    require_corpus()
    assert build() == extra
