"""A fast slice of `make fuzz`: ~20 hostile inputs through every stage, in-process.

The inputs come from scripts/fuzz_inputs.py (fixed seed, big ones scaled down) and stress the
parts this suite guards: text decoding (broken UTF-16, NULs, control characters, random bytes),
glyph de-duplication (a row of identical characters, a page of tiny dots, a headline drawn 12
times) and repair (long runs of one character, phrases printed 2-12 times). Each case runs in a
forked process under a generous time limit, so a hang fails the case instead of the suite; the
only exception allowed out of `process` is InputError.
"""
from __future__ import annotations

import multiprocessing
import sys
import traceback
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from fuzz_inputs import generate  # noqa: E402

TIME_LIMIT = 120.0  # seconds per case: a hang guard, not a speed target (that is `make bench`)
KINDS = ["random-bytes", "utf16-odd-length", "utf16-lone-surrogate", "nul", "control-chars", "utf-32",
         "empty", "long-run", "long-run-in-article", "repeated-phrase", "repeated-phrase-spaced",
         "repeated-per-char", "unicode-odd", "pdf-row-of-identical-chars", "pdf-tiny-dots",
         "pdf-fake-bold", "pdf-truncated", "pdf-flipped", "not-a-pdf", "pdf-image-only"]


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("fuzz")
    picked: dict[str, Path] = {}
    for item in generate(folder, seed=7, scale=0.1):
        if item.kind in KINDS and item.kind not in picked:
            picked[item.kind] = folder / item.name
    return picked


def _run(path: Path, send) -> None:
    from pipeline.errors import InputError
    from pipeline.stages import process

    try:
        document = process(path, path.name)
        send.send(("ok", f"{len(document.articles)} article(s)"))
    except InputError as error:
        send.send(("input-error", str(error)))
    except BaseException:  # noqa: B036 - the test reports whatever escaped
        send.send(("exception", traceback.format_exc()))


def run_limited(path: Path) -> tuple[str, str]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(path, send))
    child.start()
    send.close()
    if not receive.poll(TIME_LIMIT):
        child.kill()
        child.join()
        return "timeout", f"over {TIME_LIMIT:.0f} s"
    try:
        outcome = receive.recv()
    except EOFError:
        outcome = ("died", f"exit code {child.exitcode}")
    child.join()
    return outcome


@pytest.mark.parametrize("kind", KINDS)
def test_hostile_input_gives_a_document_or_an_input_error(cases, seed_document, kind):
    # seed_document loads the models once before the forks, so each case only does its own work.
    assert kind in cases, f"the generator made no {kind} input"
    status, detail = run_limited(cases[kind])
    assert status in ("ok", "input-error"), f"{cases[kind].name}: {status}: {detail}"
    if status == "input-error":
        assert "\n" not in detail and not detail.split(" ")[0].endswith(("Error", "Error:")), detail
