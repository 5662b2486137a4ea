"""Hostile input trees and inputs over the limits: one line each, and the batch goes on."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from pipeline.batch.inputs import plan
from pipeline.batch.limits import Limits, exception_reason
from pipeline.cli import main
from tests.batch_pages import dense_document
from tests.conftest import ROOT, SEED_TEXT


def errors(capsys) -> list[str]:
    return [l for l in capsys.readouterr().err.splitlines() if l.startswith("error:")]


@pytest.fixture(scope="module")
def slow_pdf(tmp_path_factory) -> Path:
    """Twelve dense pages: many seconds of work with the pdfplumber engine."""
    path = tmp_path_factory.mktemp("slow") / "a_slow.pdf"
    path.write_bytes(dense_document(12))
    return path


def test_symlink_loop_is_reported_and_skipped(tmp_path, capsys):
    root = tmp_path / "in"
    (root / "2022").mkdir(parents=True)
    shutil.copy(SEED_TEXT, root / "2022" / "p1.txt")
    os.symlink("..", root / "2022" / "back")  # 2022/back/2022/back/... forever
    out = tmp_path / "out"
    assert main(["extract", str(root), "-o", str(out), "--no-progress", "-j", "1"]) == 1
    lines = errors(capsys)
    assert len(lines) == 1 and "symlink loop" in lines[0] and "back" in lines[0]
    assert (out / "2022" / "p1.json").exists()
    report = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    assert report["totals"]["done"] == 1 and len(report["problems"]) == 1


def _plan_as_nobody(root: Path, conn) -> None:
    os.setgid(65534)
    os.setuid(65534)
    planned, problems = plan([str(root)], root / "out")
    conn.send(([p.shown for p in planned], [(p.path, p.reason) for p in problems]))


def test_unreadable_folder_is_reported_and_skipped():
    import multiprocessing

    base = Path(tempfile.mkdtemp(prefix="unreadable-"))
    try:
        os.chmod(base, 0o755)
        (base / "open").mkdir()
        (base / "open" / "p.txt").write_text("甲", encoding="utf-8")
        (base / "closed").mkdir()
        (base / "closed" / "q.txt").write_text("乙", encoding="utf-8")
        os.chmod(base / "open", 0o755)
        os.chmod(base / "open" / "p.txt", 0o644)
        os.chmod(base / "closed", 0o000)
        if os.geteuid() == 0:  # root reads anything: list the tree as an unprivileged user
            context = multiprocessing.get_context("fork")
            parent, child = context.Pipe()
            process = context.Process(target=_plan_as_nobody, args=(base, child))
            process.start()
            shown, problems = parent.recv()
            process.join()
        else:
            planned, found = plan([str(base)], base / "out")
            shown, problems = [p.shown for p in planned], [(p.path, p.reason) for p in found]
        assert shown == ["open/p.txt"]
        assert len(problems) == 1
        assert problems[0][0].endswith("closed") and "permission denied" in problems[0][1]
    finally:
        os.chmod(base / "closed", 0o755)
        shutil.rmtree(base)


def test_page_and_glyph_limits_name_the_limit(tmp_path, capsys):
    root = tmp_path / "in"
    root.mkdir()
    (root / "two.pdf").write_bytes(dense_document(2, seed=3))
    shutil.copy(SEED_TEXT, root / "z.txt")
    out = tmp_path / "out"
    assert main(["extract", str(root), "-o", str(out), "--no-progress", "-j", "1",
                 "--max-pages", "1", "--pdf-engine", "pdfium"]) == 1
    [line] = errors(capsys)
    assert line == f"error: {root / 'two.pdf'}: over the page limit of 1 pages (--max-pages): it has 2"
    assert (out / "z.json").exists() and not (out / "two.json").exists()
    assert main(["extract", str(root), "-o", str(out), "--no-progress", "-j", "1",
                 "--max-glyphs", "500", "--pdf-engine", "pdfium"]) == 1
    [line] = errors(capsys)
    assert "over the glyph limit of 500 per page (--max-glyphs): page 1 has" in line
    assert not list(out.rglob("*.tmp"))


def test_a_text_file_over_the_character_limit_names_the_limit(tmp_path, capsys):
    root = tmp_path / "in"
    root.mkdir()
    text = SEED_TEXT.read_text(encoding="utf-8")
    (root / "long.txt").write_text(text * 3, encoding="utf-8")
    (root / "short.txt").write_text(text[:200], encoding="utf-8")
    out = tmp_path / "out"
    limit = len(text)  # more than the short file, less than the three copies
    assert main(["extract", str(root), "-o", str(out), "--no-progress", "-j", "1",
                 "--max-chars", str(limit)]) == 1
    [line] = errors(capsys)
    prefix = f"error: {root / 'long.txt'}: over the character limit of {limit} per text file (--max-chars): it has "
    assert line.startswith(prefix) and 2 * limit < int(line[len(prefix):]) <= 3 * limit
    assert (out / "short.json").exists() and not (out / "long.json").exists()
    assert main(["extract", str(root), "-o", str(out), "--no-progress", "-j", "1",
                 "--max-chars", str(3 * limit)]) == 0
    assert (out / "long.json").exists()


def test_a_file_over_the_time_limit_is_ended_and_the_batch_goes_on(slow_pdf, tmp_path, capsys):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(slow_pdf, root / slow_pdf.name)
    (root / "b.txt").write_text("本报讯 今年全市粮食产量达到120万吨，比上年增长3%。\n", encoding="utf-8")
    out = tmp_path / "out"
    started = time.monotonic()
    # the pdfplumber engine: the twelve pages take several seconds (pdfium reads them in
    # about as long as the limit)
    assert main(["extract", str(root), "-o", str(out), "--no-progress", "-j", "1",
                 "--max-seconds", "1.5", "--pdf-engine", "pdfplumber"]) == 1
    assert time.monotonic() - started < 60
    [line] = errors(capsys)
    assert line == f"error: {root / slow_pdf.name}: over the time limit of 1.5 s (--max-seconds)"
    assert (out / "b.json").exists()
    report = json.loads((out / "_run.json").read_text(encoding="utf-8"))
    failed = [f for f in report["files"] if f["status"] == "failed"]
    assert [f["path"] for f in failed] == [slow_pdf.name]
    assert not list(out.rglob("*.tmp"))


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _has_open(pid: int, name: str) -> bool:
    try:
        return any(os.readlink(fd).endswith(name) for fd in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_worker_that_dies_fails_only_its_file(slow_pdf, tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(slow_pdf, root / slow_pdf.name)
    shutil.copy(SEED_TEXT, root / "b.txt")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "extract", str(root), "-o", str(out),
               "--no-progress", "-j", "1", "--pdf-engine", "pdfplumber"]  # seconds on the PDF
    run = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    killed = False
    while not killed and time.monotonic() < deadline and run.poll() is None:
        for child in _children(run.pid):
            if _has_open(child, slow_pdf.name):  # the worker is reading the slow PDF
                os.kill(child, signal.SIGKILL)  # as the OOM killer would
                killed = True
        time.sleep(0.05)
    _, err = run.communicate(timeout=180)
    assert killed and run.returncode == 1
    lines = [l for l in err.splitlines() if l.startswith("error:")]
    assert lines == [f"error: {root / slow_pdf.name}: worker process was killed (SIGKILL; out of "
                     f"memory?) while reading it"]
    assert (out / "b.json").exists()


def test_workers_that_cannot_start_under_the_memory_limit(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["extract", str(SEED_TEXT), "-o", str(out), "--no-progress", "-j", "1",
                 "--max-memory", "64"]) == 1
    lines = errors(capsys)
    assert any("memory limit of 64 MB (--max-memory)" in l for l in lines)
    assert not (out / (SEED_TEXT.stem + ".json")).exists()


def test_unexpected_errors_read_as_reasons_not_exception_names():
    limits = Limits(max_memory_mb=512)
    assert exception_reason(MemoryError(), limits) == "over the memory limit of 512 MB (--max-memory)"
    assert exception_reason(RecursionError("maximum recursion depth"), limits).startswith(
        "input nested too deeply")
    reason = exception_reason(KeyError("Widths"), limits)
    assert reason.startswith("internal error while processing it") and reason.endswith("[KeyError]")
    reason = exception_reason(PermissionError(13, "Permission denied", "/x/y.pdf"), limits)
    assert reason == "could not read or write a file /x/y.pdf: permission denied"
