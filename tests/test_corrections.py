"""Reviewers' decisions: stored by apply-review, applied by every later extract, matched again
after harmless changes, and never dropped silently."""
from __future__ import annotations

import json
import shutil

import pytest

from pipeline.cli import main
from pipeline.corrections import (
    FORMAT, Decision, apply_decision, locate, merge, parse_decisions, reviewed_article,
)
from pipeline.errors import InputError
from pipeline.model import ArticleOut
from tests.conftest import SEED_TEXT


def _extract(source, out, corrections) -> dict:
    assert main(["extract", str(source), "-o", str(out), "--no-progress",
                 "--corrections", str(corrections)]) == 0
    return json.loads((out / (source.stem + ".json")).read_text(encoding="utf-8"))


def _decision(article: dict, item: dict, kind: str, verdict: str, fields=None, added=False) -> dict:
    return {"item": kind, "article": {"id": article["id"], "headline": article["headline"]},
            "start": item["start"], "end": item["end"], "text": item["text"], "verdict": verdict,
            "fields": fields or {}, "added": added}


def _file(document: dict, decisions: list[dict]) -> dict:
    return {"format": FORMAT, "version": 1,
            "source": {"path": document["source"]["path"], "sha256": document["source"]["sha256"]},
            "decisions": decisions}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    """The seed article extracted once with no corrections."""
    root = tmp_path_factory.mktemp("corrections")
    source = root / "in" / SEED_TEXT.name
    source.parent.mkdir()
    shutil.copy(SEED_TEXT, source)
    document = _extract(source, root / "out0", root / "none")
    return root, source, document


def _unmarked_span(article: dict) -> tuple[int, int]:
    """Two CJK characters covered by no entity: what a reviewer adds as a missed entity."""
    covered = {i for e in article["entities"] for i in range(e["start"], e["end"])}
    text = article["text"]
    for i in range(len(text) - 1):
        if {i, i + 1}.isdisjoint(covered) and all("\u4e00" <= c <= "\u9fff" for c in text[i:i + 2]):
            return i, i + 2
    raise AssertionError("no unmarked text")


def test_decisions_survive_a_rerun_and_mark_the_items(first_run, tmp_path, capsys):
    root, source, document = first_run
    article = document["articles"][0]
    facts = [f for f in article["facts"] if f["unit"]]
    wrong, edited, kept = facts[0], facts[1], facts[2]
    entity = article["entities"][0]
    start, end = _unmarked_span(article)
    added = {"start": start, "end": end, "text": article["text"][start:end]}
    decisions = [
        _decision(article, wrong, "fact", "rejected"),
        _decision(article, edited, "fact", "corrected",
                  {"value": 12345, "unit": "吨", "subject": "审核后的主语"}),
        _decision(article, kept, "fact", "confirmed",
                  {"value": kept["value"], "unit": kept["unit"], "subject": kept["subject"]}),
        _decision(article, entity, "entity", "corrected", {"label": "LOC"}),
        _decision(article, added, "entity", "corrected", {"label": "ORG"}, added=True),
    ]
    exported = tmp_path / "decisions.json"
    exported.write_text(json.dumps(_file(document, decisions), ensure_ascii=False), encoding="utf-8")
    corrections = tmp_path / "corrections"
    assert main(["apply-review", str(exported), "--corrections", str(corrections)]) == 0
    stored = corrections / f"{document['source']['sha256']}.json"
    assert stored.exists()
    assert len(json.loads(stored.read_text(encoding="utf-8"))["decisions"]) == 5

    again = _extract(source, tmp_path / "out", corrections)
    assert again["warnings"] == document["warnings"]  # every decision found its item
    a = again["articles"][0]
    by_span = {(f["start"], f["end"]): f for f in a["facts"]}
    assert len(a["facts"]) == len(article["facts"])  # a rejected fact stays, marked
    assert by_span[wrong["start"], wrong["end"]]["reviewed"] == "rejected"
    assert by_span[wrong["start"], wrong["end"]]["value"] == wrong["value"]
    fixed = by_span[edited["start"], edited["end"]]
    assert (fixed["value"], fixed["unit"], fixed["subject"], fixed["reviewed"]) == (
        12345, "吨", "审核后的主语", "corrected")
    assert by_span[kept["start"], kept["end"]]["reviewed"] == "confirmed"
    untouched = [f for f in a["facts"] if (f["start"], f["end"]) not in
                 {(x["start"], x["end"]) for x in (wrong, edited, kept)}]
    assert untouched and all(f["reviewed"] is None for f in untouched)
    entities = {(e["start"], e["end"]): e for e in a["entities"]}
    assert len(a["entities"]) == len(article["entities"]) + 1
    assert entities[entity["start"], entity["end"]]["label"] == "LOC"
    assert entities[entity["start"], entity["end"]]["reviewed"] == "corrected"
    new = entities[start, end]
    assert (new["label"], new["reviewed"], new["text"], new["page"]) == ("ORG", "corrected",
                                                                         added["text"], 1)
    assert [e["start"] for e in a["entities"]] == sorted(e["start"] for e in a["entities"])

    # The same input with the same decisions gives the same bytes.
    third = tmp_path / "out3"
    _extract(source, third, corrections)
    assert (third / "000_6bde4154404ab639.json").read_bytes() == (
        tmp_path / "out" / "000_6bde4154404ab639.json").read_bytes()


def test_a_decision_that_finds_nothing_is_named_in_the_warnings(first_run, tmp_path):
    root, source, document = first_run
    article = document["articles"][0]
    fact = article["facts"][0]
    gone_text = {"start": 0, "end": 4, "text": "不存在的"}
    not_a_fact = {"start": fact["end"], "end": fact["end"] + 2,
                  "text": article["text"][fact["end"]:fact["end"] + 2]}
    decisions = [
        _decision(article, gone_text, "fact", "rejected"),
        _decision(article, not_a_fact, "fact", "rejected"),
        _decision({"id": "a9", "headline": "另一篇文章的标题"}, fact, "fact", "rejected"),
        _decision(article, fact, "fact", "rejected"),
    ]
    exported = tmp_path / "d.json"
    exported.write_text(json.dumps(_file(document, decisions), ensure_ascii=False), encoding="utf-8")
    corrections = tmp_path / "corrections"
    assert main(["apply-review", str(exported), "--corrections", str(corrections)]) == 0
    again = _extract(source, tmp_path / "out", corrections)
    new = [w for w in again["warnings"] if w not in document["warnings"]]
    assert len(new) == 3
    assert "'不存在的'" in new[0] and "its text is no longer in the article" in new[0]
    assert repr(not_a_fact["text"]) in new[1] and "no fact is found" in new[1]
    assert "另一篇文章的标题" in new[2] and "its article is not in this output" in new[2]
    assert again["articles"][0]["facts"][0]["reviewed"] == "rejected"


def test_the_last_decision_on_an_item_wins(first_run, tmp_path):
    root, source, document = first_run
    article = document["articles"][0]
    fact = article["facts"][3]
    corrections = tmp_path / "corrections"
    for n, verdict in enumerate(("confirmed", "rejected")):
        exported = tmp_path / f"d{n}.json"
        fields = {"value": fact["value"]} if verdict == "confirmed" else {}
        exported.write_text(json.dumps(_file(document, [_decision(article, fact, "fact", verdict, fields)]),
                                       ensure_ascii=False), encoding="utf-8")
        assert main(["apply-review", str(exported), "--corrections", str(corrections)]) == 0
    stored = json.loads(next(corrections.glob("*.json")).read_text(encoding="utf-8"))
    assert [d["verdict"] for d in stored["decisions"]] == ["rejected"]
    again = _extract(source, tmp_path / "out", corrections)
    assert again["articles"][0]["facts"][3]["reviewed"] == "rejected"


def _seed_article(document: dict) -> ArticleOut:
    return ArticleOut.model_validate(document["articles"][0])


def _from_item(article: ArticleOut, item, kind: str, verdict: str, **changes) -> Decision:
    fields = {"label": item.label} if kind == "entity" and verdict != "rejected" else {}
    base = dict(item=kind, article_id=article.id, headline=article.headline, start=item.start,
                end=item.end, text=item.text, verdict=verdict, fields=fields)
    return Decision(**{**base, **changes})


def test_decisions_follow_renumbered_articles_and_shifted_text(first_run):
    article = _seed_article(first_run[2])
    fact = article.facts[5]
    renumbered = _from_item(article, fact, "fact", "rejected", article_id="a7")
    shifted = _from_item(article, fact, "fact", "rejected", start=fact.start + 3, end=fact.end + 3)
    for decision in (renumbered, shifted):
        changed, problem = apply_decision(article, decision)
        assert problem is None
        assert changed.facts[5].reviewed == "rejected"
        assert [f.reviewed for i, f in enumerate(changed.facts) if i != 5] == [None] * (len(article.facts) - 1)
    # Text inserted before the item (a pipeline change upstream) moves it: found again nearby.
    moved = article.model_copy(update={
        "text": "新增一段。" + article.text,
        "facts": [f.model_copy(update={"start": f.start + 5, "end": f.end + 5}) for f in article.facts]})
    changed, problem = apply_decision(moved, _from_item(article, fact, "fact", "rejected"))
    assert problem is None and changed.facts[5].reviewed == "rejected"


def test_locate_prefers_the_occurrence_nearest_the_old_span():
    decision = Decision("fact", "a1", "", 10, 12, "十年", "rejected")
    text = "十年" + "。" * 12 + "十年" + "。" * 30 + "十年"
    assert locate(decision, text) == (14, 16)
    assert locate(Decision("fact", "a1", "", 0, 2, "百年", "rejected"), text) is None


def test_rejected_items_stay_and_untitled_articles_match_by_id(first_run):
    article = _seed_article(first_run[2]).model_copy(update={"headline": ""})
    entity = article.entities[2]
    decision = _from_item(article, entity, "entity", "rejected", headline="")
    warnings: list[str] = []
    changed = reviewed_article(article, None, "0" * 64, warnings, first=True)
    assert changed is article and warnings == []  # no corrections folder: nothing to do
    changed, problem = apply_decision(article, decision)
    assert problem is None and changed.entities[2].reviewed == "rejected"
    assert len(changed.entities) == len(article.entities)
    other = article.model_copy(update={"id": "a2"})
    from pipeline.corrections import article_matches
    assert article_matches(decision, article) and not article_matches(decision, other)


def test_merge_keeps_the_last_decision_per_item_in_order():
    a = Decision("fact", "a1", "标题", 1, 3, "三吨", "confirmed")
    b = Decision("fact", "a2", " 标 题", 1, 3, "三吨", "rejected")  # same article (whitespace)
    c = Decision("entity", "a1", "标题", 1, 3, "三吨", "rejected")
    assert merge([a, c], [b]) == [c, b]


@pytest.mark.parametrize("change, reason", [
    ({"format": "other"}, "not a review decision file"),
    ({"source": {"sha256": "abc"}}, "64 hex digits"),
    ({"decisions": [{"item": "fact", "article": {"id": "a1"}, "start": 3, "end": 1, "text": "x",
                     "verdict": "rejected"}]}, "0 <= start < end"),
    ({"decisions": [{"item": "fact", "article": {"id": "a1"}, "start": 0, "end": 2, "text": "x",
                     "verdict": "rejected"}]}, "the 2 characters"),
    ({"decisions": [{"item": "fact", "article": {"id": "a1"}, "start": 0, "end": 1, "text": "x",
                     "verdict": "maybe"}]}, "'verdict' must be one of"),
    ({"decisions": [{"item": "fact", "article": {"id": "a1"}, "start": 0, "end": 1, "text": "x",
                     "verdict": "corrected", "fields": {"label": "ORG"}}]}, "may hold only"),
    ({"decisions": [{"item": "entity", "article": {"id": "a1"}, "start": 0, "end": 1, "text": "x",
                     "verdict": "corrected", "fields": {}}]}, "needs a 'label'"),
])
def test_bad_decision_files_are_refused_with_the_reason(change, reason):
    data = {"format": FORMAT, "version": 1, "source": {"path": "p", "sha256": "a" * 64},
            "decisions": [], **change}
    with pytest.raises(InputError, match=reason):
        parse_decisions(data)


def test_apply_review_names_a_bad_file_and_stores_the_others(first_run, tmp_path, capsys):
    document = first_run[2]
    article = document["articles"][0]
    good = tmp_path / "good.json"
    good.write_text(json.dumps(_file(document, [_decision(article, article["facts"][0], "fact",
                                                          "rejected")])), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    corrections = tmp_path / "corrections"
    assert main(["apply-review", str(bad), str(good), "--corrections", str(corrections)]) == 1
    errors = [l for l in capsys.readouterr().err.splitlines() if l.startswith("error:")]
    assert len(errors) == 1 and "bad.json" in errors[0] and "cannot read decisions" in errors[0]
    assert (corrections / f"{document['source']['sha256']}.json").exists()


def test_eval_scores_the_pipeline_against_stored_decisions(first_run, tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    root, source, document = first_run
    article = document["articles"][0]
    f, e = article["facts"], article["entities"]
    start, end = _unmarked_span(article)
    decisions = [
        _decision(article, f[0], "fact", "rejected"),  # still found: false positive
        _decision(article, f[1], "fact", "confirmed", {"value": f[1]["value"], "unit": f[1]["unit"],
                                                       "subject": f[1]["subject"]}),  # true positive
        _decision(article, f[2], "fact", "corrected", {"subject": "另一个主语"}),  # found, wrong
        _decision(article, e[0], "entity", "confirmed", {"label": e[0]["label"]}),  # true positive
        _decision(article, {"start": start, "end": end, "text": article["text"][start:end]},
                  "entity", "corrected", {"label": "ORG"}, added=True),  # missed: false negative
    ]
    exported = tmp_path / "d.json"
    exported.write_text(json.dumps(_file(document, decisions), ensure_ascii=False), encoding="utf-8")
    corrections = tmp_path / "corrections"
    assert main(["apply-review", str(exported), "--corrections", str(corrections)]) == 0
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_corrections.py"),
                             "--corrections", str(corrections), "--sources", str(source.parent)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:]}
    assert rows["facts"] == ["3", "1", "2", "0", "0", "0.333", "1.000"]
    assert rows["entities"] == ["2", "1", "0", "1", "0", "1.000", "0.500"]
