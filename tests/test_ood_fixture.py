"""Integrity of the hand-annotated out-of-domain set (tests/fixtures/ood/{dev,test}.jsonl).

Checks what a scorer relies on: offsets that index the text and match the quoted strings, the
label and fact vocabularies, entity spans that never overlap nor hold whitespace or 、, paired
change/range ends, no paragraph shared between dev and test or with the seed article, People's
Daily paragraphs that really are held-out lines of the corpus, and the minimum sizes of the
test part.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import OOD, SEED_TEXT, load_ood, require_corpus

LABELS = {"PERSON", "GPE", "LOC", "ORG"}
KINDS = {"count", "money", "percent", "measure", "year", "date", "duration", "ordinal", "change"}
APPROX = {None, "over", "under", "about"}
ROLE_PAIRS = ({"from", "to"}, {"low", "high"})
ISO_DATE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?|---\d{2})$")
SPACE_OR_LIST_MARK = re.compile(r"[\s\u3000、]")
PD_LINE = re.compile(r"data/199801\.txt line (\d+)")


@pytest.fixture(scope="module", params=["dev", "test"])
def part(request):
    return request.param, load_ood(request.param)


def test_documents_have_identity_and_provenance(part):
    name, docs = part
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids"
    for d in docs:
        assert d["source"] and d["ref"], d["id"]
        assert isinstance(d["text"], str) and d["text"].strip(), d["id"]
        assert d["text"] == d["text"].strip(), f"{d['id']}: text has outer whitespace"


def test_entity_offsets_labels_and_shapes(part):
    _, docs = part
    for d in docs:
        text = d["text"]
        spans = []
        for start, end, label, string in d["entities"]:
            assert 0 <= start < end <= len(text), (d["id"], string)
            assert text[start:end] == string, (d["id"], start, string, text[start:end])
            assert label in LABELS, (d["id"], label)
            assert not SPACE_OR_LIST_MARK.search(string), (d["id"], string)
            spans.append((start, end, string))
        spans.sort()
        for (s1, e1, a), (s2, e2, b) in zip(spans, spans[1:]):
            assert e1 <= s2, f"{d['id']}: entities overlap: {a!r} and {b!r}"


def test_fact_fields_and_offsets(part):
    _, docs = part
    for d in docs:
        text = d["text"]
        groups: dict[int, list[str]] = {}
        last = -1
        for f in d["facts"]:
            where = (d["id"], f.get("text"))
            assert set(f) == {"start", "end", "text", "value", "unit", "approx", "kind",
                              "subject", "role", "group"}, where
            assert 0 <= f["start"] < f["end"] <= len(text), where
            assert text[f["start"]:f["end"]] == f["text"], where
            assert f["text"] == f["text"].strip(), where
            assert f["start"] >= last, f"{where}: facts not in reading order"
            last = f["start"]
            assert f["kind"] in KINDS, where
            assert f["approx"] in APPROX, where
            if f["kind"] in ("year", "date"):
                assert isinstance(f["value"], str) and ISO_DATE.match(f["value"]), where
                assert f["unit"] is None, where
            else:
                assert isinstance(f["value"], (int, float)) and not isinstance(f["value"], bool), where
                assert f["unit"] is None or (isinstance(f["unit"], str) and f["unit"]), where
            if f["kind"] in ("money", "percent"):
                assert f["unit"], where
            if f["kind"] == "percent" or (f["kind"] == "change" and "%" in f["text"]):
                assert f["unit"] in ("%", "百分点"), where
            assert isinstance(f["subject"], list), where
            assert all(isinstance(s, str) and s for s in f["subject"]), where
            assert (f["role"] is None) == (f["group"] is None), where
            if f["group"] is not None:
                groups.setdefault(f["group"], []).append(f["role"])
        for group, roles in groups.items():
            assert len(roles) == 2 and set(roles) in ROLE_PAIRS, (d["id"], group, roles)


def test_facts_do_not_overlap(part):
    _, docs = part
    for d in docs:
        spans = sorted((f["start"], f["end"], f["text"]) for f in d["facts"])
        for (s1, e1, a), (s2, e2, b) in zip(spans, spans[1:]):
            assert e1 <= s2, f"{d['id']}: facts overlap: {a!r} and {b!r}"


def paragraphs(doc: dict) -> set[str]:
    return {p.replace("\u3000", "").strip() for p in doc["text"].split("\n") if len(p.strip()) >= 12}


def test_no_paragraph_in_both_parts():
    dev, test = load_ood("dev"), load_ood("test")
    shared = set().union(*map(paragraphs, dev)) & set().union(*map(paragraphs, test))
    assert not shared, shared
    dev_lines = {m.group(1) for d in dev for m in [PD_LINE.search(d["ref"])] if m}
    test_lines = {m.group(1) for d in test for m in [PD_LINE.search(d["ref"])] if m}
    assert not dev_lines & test_lines


def test_no_text_from_the_seed_article():
    seed = SEED_TEXT.read_text(encoding="utf-8")
    seed_chunks = {seed[i:i + 20] for i in range(0, max(0, len(seed) - 20))
                   if not SPACE_OR_LIST_MARK.search(seed[i:i + 20])}
    for part in ("dev", "test"):
        for d in load_ood(part):
            text = d["text"]
            hits = [text[i:i + 20] for i in range(len(text) - 19) if text[i:i + 20] in seed_chunks]
            assert not hits, (d["id"], hits[:1])


def test_peoples_daily_paragraphs_are_held_out_corpus_lines():
    from pipeline.corpus import iter_tagged_lines

    path = require_corpus()
    wanted = {}
    for part in ("dev", "test"):
        for d in load_ood(part):
            if d["source"] == "pd1998-heldout":
                m = PD_LINE.search(d["ref"])
                assert m, d["id"]
                wanted[int(m.group(1))] = d
    assert wanted
    for index, pairs in enumerate(iter_tagged_lines(path)):
        if index in wanted:
            doc = wanted.pop(index)
            assert index % 10 == 9, f"{doc['id']}: line {index} is in the training split"
            line = "".join(word for word, _ in pairs)
            # the tagged corpus drops the spaces printed between names; the fixture restores them
            assert doc["text"].replace("\u3000", "") == line, doc["id"]
    assert not wanted, f"lines not found: {sorted(wanted)}"


def test_sizes():
    test, dev = load_ood("test"), load_ood("dev")
    labels = Counter(e[2] for d in test for e in d["entities"])
    n_ent = sum(labels.values())
    n_facts = sum(len(d["facts"]) for d in test)
    assert n_ent >= 320 and labels["ORG"] >= 60 and labels["PERSON"] >= 60
    assert labels["GPE"] + labels["LOC"] >= 60
    assert n_facts >= 170
    assert len({d["source"] for d in test}) >= 3
    dev_ent = sum(len(d["entities"]) for d in dev)
    dev_facts = sum(len(d["facts"]) for d in dev)
    assert 0.35 * n_ent <= dev_ent <= 0.75 * n_ent
    assert 0.35 * n_facts <= dev_facts <= 0.75 * n_facts


def test_jsonl_is_what_the_annotation_sheets_build():
    """The committed JSONL is the output of tools/build.py on the sheets (no hand edits)."""
    import importlib.util

    require_corpus()
    spec = importlib.util.spec_from_file_location("ood_build", OOD / "tools" / "build.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for part in ("dev", "test"):
        sheet = OOD / "sheets" / f"{part}.txt"
        rebuilt = [build.build_doc(d, str(sheet)) for d in build.parse_sheet(sheet)]
        assert rebuilt == load_ood(part), part
