"""Incremental runs: unchanged inputs are skipped, changed ones redone; the run report."""
from __future__ import annotations

import json
import shutil

import pytest

from pipeline.batch import version
from pipeline.cli import main
from tests.conftest import ROOT, SEED_TEXT


def run_report(out) -> dict:
    return json.loads((out / "_run.json").read_text(encoding="utf-8"))


def statuses(out) -> dict:
    return {f["path"]: f["status"] for f in run_report(out)["files"]}


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SEED_TEXT, root / "a.txt")
    (root / "b.txt").write_text("本报讯 今年全市粮食产量达到120万吨，比上年增长3%。\n", encoding="utf-8")
    return root


def extract(corpus, out, *extra) -> int:
    return main(["extract", str(corpus), "-o", str(out), "--no-progress", "-j", "1", *extra])


def test_unchanged_inputs_are_skipped_and_changed_ones_redone(corpus, tmp_path):
    out = tmp_path / "out"
    corrections = tmp_path / "corrections"
    assert extract(corpus, out, "--corrections", str(corrections)) == 0
    first = {p.name: p.read_bytes() for p in out.glob("*.json") if not p.name.startswith("_")}
    assert statuses(out) == {"a.txt": "done", "b.txt": "done"}
    report = run_report(out)
    assert report["pipeline_version"] == version.pipeline_version()
    assert report["totals"]["done"] == 2 and report["totals"]["chars"] > 3000
    assert {"ingest", "layout", "nlp", "facts", "export"} <= set(report["stages"])

    assert extract(corpus, out, "--corrections", str(corrections)) == 0
    assert statuses(out) == {"a.txt": "skipped", "b.txt": "skipped"}
    assert run_report(out)["files"][0]["pages"] == 1  # figures kept from the run that made it
    assert {p.name: p.read_bytes() for p in out.glob("*.json") if not p.name.startswith("_")} == first

    (corpus / "b.txt").write_text("本报讯 今年全市粮食产量达到130万吨。\n", encoding="utf-8")
    assert extract(corpus, out, "--corrections", str(corrections)) == 0
    assert statuses(out) == {"a.txt": "skipped", "b.txt": "done"}
    assert "130" in (out / "b.json").read_text(encoding="utf-8")

    # A reviewer's corrections file for an input makes that input stale.
    sha = json.loads((out / "a.json").read_text(encoding="utf-8"))["source"]["sha256"]
    corrections.mkdir()
    (corrections / f"{sha}.json").write_text(json.dumps(
        {"format": "newspaper-review-decisions", "version": 1,
         "source": {"path": "a.txt", "sha256": sha}, "decisions": []}), encoding="utf-8")
    assert extract(corpus, out, "--corrections", str(corrections)) == 0
    assert statuses(out) == {"a.txt": "done", "b.txt": "skipped"}

    # Other options, a deleted output, --force: redone.
    (out / "b.json").unlink()
    assert extract(corpus, out, "--corrections", str(corrections)) == 0
    assert statuses(out) == {"a.txt": "skipped", "b.txt": "done"}
    assert extract(corpus, out, "--corrections", str(corrections),
                   "--pdf-engine", "pdfplumber") == 0
    assert statuses(out) == {"a.txt": "done", "b.txt": "done"}
    assert extract(corpus, out, "--corrections", str(corrections), "--pdf-engine", "pdfplumber",
                   "--force") == 0
    assert statuses(out) == {"a.txt": "done", "b.txt": "done"}


def test_leftover_temporary_files_are_removed(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    stale = [out / ".a.json.k3j2h1.tmp", out / ".b.json.x9y8z7.tmp"]
    for path in stale:
        path.write_text('{"half": ', encoding="utf-8")
    unrelated = out / ".notes.txt.abc.tmp"  # not an output of this run: left alone
    unrelated.write_text("", encoding="utf-8")
    assert extract(corpus, out) == 0
    assert not any(p.exists() for p in stale)
    assert unrelated.exists()


def test_a_code_change_changes_the_pipeline_version(tmp_path):
    copy = tmp_path / "pipeline"
    shutil.copytree(ROOT / "pipeline", copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = version.tree_hash(copy)
    assert before == version.tree_hash(ROOT / "pipeline")
    (copy / "facts" / "units.py").write_text((copy / "facts" / "units.py").read_text() + "\n# x\n")
    assert version.tree_hash(copy) != before
