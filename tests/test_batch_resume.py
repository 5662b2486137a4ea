"""A run killed with SIGKILL and started again finishes the rest, with the same bytes as a run
never interrupted, and no temporary files left."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.batch import state
from tests.conftest import ROOT, SEED_TEXT

PARAGRAPHS = [
    "今年前三季度，全市规模以上工业增加值同比增长{n}.2%，完成固定资产投资{n}8亿元。",
    "据介绍，该项目总投资约{n}5亿元，建成后年产量可达{n}0万吨，带动就业{n}00余人。",
]


def make_inputs(root: Path, count: int) -> None:
    root.mkdir(parents=True)
    seed = SEED_TEXT.read_text(encoding="utf-8")
    for n in range(count):
        extra = "\n".join(p.format(n=n + 1) for p in PARAGRAPHS)
        (root / f"p{n:02d}.txt").write_text(seed + "\n" + extra + "\n", encoding="utf-8")


def command(root: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "extract", str(root), "-o", str(out),
            "--no-progress", "-j", "1"]


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.glob("*.json") if not p.name.startswith(("_", "."))}


def test_kill_9_then_rerun_gives_the_uninterrupted_bytes(tmp_path):
    root = tmp_path / "in"
    make_inputs(root, 8)
    reference = tmp_path / "reference"
    subprocess.run(command(root, reference), cwd=ROOT, check=True, capture_output=True)
    expected = outputs(reference)
    assert len(expected) == 8

    out = tmp_path / "out"
    run = subprocess.Popen(command(root, out), cwd=ROOT, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(outputs(out) if out.exists() else {}) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    partial = outputs(out)
    assert 2 <= len(partial) < 8, "the run was not interrupted half way"
    # Finished = output and its marker written (a kill between the two leaves a file to redo).
    finished = {name for name in partial if state.read_marker(out / name) is not None}
    (out / ".p07.json.zz9x.tmp").write_text('{"articles": [', encoding="utf-8")  # a write cut off

    subprocess.run(command(root, out), cwd=ROOT, check=True, capture_output=True)
    assert outputs(out) == expected
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))
    report = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    skipped = {f["path"] for f in report["files"] if f["status"] == "skipped"}
    assert {f"p{n:02d}.txt" for n in range(8) if f"p{n:02d}.json" in finished} == skipped
    assert len(skipped) >= 1
    assert report["totals"]["done"] == 8 - len(skipped)
    # No worker outlived the killed run.
    time.sleep(0.2)
    leftover = subprocess.run(["pgrep", "-f", f"multiprocessing.*{os.getpid()}"], capture_output=True)
    assert leftover.returncode != 0 or not leftover.stdout.strip()
