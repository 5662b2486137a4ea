"""The command line: output layout, exit codes, bad files in a batch, atomic and repeatable."""
from __future__ import annotations

import json
import shutil

import pytest

from pipeline.cli import main
from tests.conftest import SEED_TEXT


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpora"
    (root / "2022").mkdir(parents=True)
    shutil.copy(SEED_TEXT, root / "2022" / "p7.txt")
    (root / "gbk.txt").write_bytes(SEED_TEXT.read_text(encoding="utf-8").encode("gb18030"))
    (root / "notes.md").write_text("not an input", encoding="utf-8")
    return root


def test_outputs_mirror_the_input_tree(corpus, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "-o", str(out), "--no-progress"]) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.json")
                     if not p.name.startswith(("_", ".")))
    assert written == ["2022/p7.json", "gbk.json"]
    utf8 = json.loads((out / "2022/p7.json").read_text(encoding="utf-8"))
    gbk = json.loads((out / "gbk.json").read_text(encoding="utf-8"))
    assert utf8["source"]["path"] == "2022/p7.txt"
    assert utf8["articles"] == gbk["articles"]  # the encoding does not change the result


def test_same_input_gives_byte_identical_json(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert main(["extract", str(SEED_TEXT), "-o", str(first), "--no-progress"]) == 0
    assert main(["extract", str(SEED_TEXT), "-o", str(second), "--no-progress"]) == 0
    name = SEED_TEXT.stem + ".json"
    assert (first / name).read_bytes() == (second / name).read_bytes()


def test_a_bad_file_is_named_and_the_batch_goes_on(corpus, tmp_path, capsys):
    (corpus / "broken.txt").write_bytes(b"\x00\xff\x00\x81\x00")
    (corpus / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    out.mkdir()
    (out / "broken.json").write_text("kept from an earlier run", encoding="utf-8")
    assert main(["extract", str(corpus), "-o", str(out), "--no-progress"]) == 1
    errors = [l for l in capsys.readouterr().err.splitlines() if l.startswith("error:")]
    assert len(errors) == 2
    assert any("broken.txt" in e and "not text" in e for e in errors)
    assert any("empty.txt" in e and "empty file" in e for e in errors)
    assert (out / "2022" / "p7.json").exists() and (out / "gbk.json").exists()
    assert (out / "broken.json").read_text(encoding="utf-8") == "kept from an earlier run"
    assert not list(out.rglob("*.tmp"))


def test_colliding_outputs_are_refused_before_any_work(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.txt").write_text("甲", encoding="utf-8")
    (tmp_path / "a" / "p.pdf").write_bytes(b"%PDF-1.4")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "a"), "-o", str(out)]) == 2
    assert "would both write" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("argv", [[], ["extract"], ["extract", "x.txt"], ["frobnicate"]])
def test_bad_usage_exits_2(argv, capsys):
    assert main(argv) == 2


def test_missing_path_exits_2(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.pdf"), "-o", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err


def test_review_page_shows_every_fact_and_entity(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SEED_TEXT), "-o", str(out), "--no-progress"]) == 0
    assert main(["review", str(out)]) == 0
    page = (out / (SEED_TEXT.stem + ".html")).read_text(encoding="utf-8")
    document = json.loads((out / (SEED_TEXT.stem + ".json")).read_text(encoding="utf-8"))
    article = document["articles"][0]
    assert page.count('data-item="fact"') == len(article["facts"])  # a table row each
    assert page.count('data-item="entity"') == len(article["entities"])
    assert "打好产改之路组合拳" in page


def test_shards_split_the_inputs_without_overlap(corpus, tmp_path):
    for n in range(3):
        (corpus / f"extra{n}.txt").write_bytes(SEED_TEXT.read_bytes())
    outs = [tmp_path / f"shard{i}" for i in (1, 2)]
    for i, out in enumerate(outs, start=1):
        assert main(["extract", str(corpus), "-o", str(out), "--shard", f"{i}/2", "--no-progress"]) == 0
    names = [sorted(p.relative_to(o).as_posix() for p in o.rglob("*.json") if not p.name.startswith("_"))
             for o in outs]
    assert not set(names[0]) & set(names[1])
    assert len(names[0]) + len(names[1]) == 5
    assert main(["extract", str(corpus), "-o", str(tmp_path / "x"), "--shard", "3/2"]) == 2
