"""Fuzz the command line with 500+ hostile and broken inputs (fixed seeds), as a user runs it.

1. Writes the inputs of scripts/fuzz_inputs.py into a folder.
2. Runs `python -m pipeline extract FOLDER -o OUT --no-progress` once over the whole batch.
   A file making no progress for `--stall` seconds is recorded as over the time limit; the
   batch is stopped and started again on the files after it (the batch must finish).
   The CLI's own per-file limits (`--max-seconds` ...) are passed only when its --help lists them.
3. Runs the same command on each file of a sample alone, and compares the JSON byte for byte.
4. Prints the counts: inputs, tracebacks on stderr, error lines whose reason is a raw exception
   name, files over the time limit, lost files (no JSON and no `error: FILE: reason` line),
   good files that differ between the single and the batch run. Then every failure grouped by
   cause with the pipeline module where it happens (each failing input re-run in-process, with
   a traceback dumped at the time limit), so each group can go to the module's owner.
Exits 1 when any count is not zero.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_inputs import FuzzInput, generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ERROR_LINE = re.compile(r"^error: (.+?): (.*)$")
# A reason that starts with an exception's class name: what a reader should never see.
RAW_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Iteration)\b")
TRACEBACK = "Traceback (most recent call last)"
# How the CLI's own per-file limit names a file it stopped (wording not fixed yet).
OVER_TIME_REASON = re.compile(r"time limit|timed? ?out|took longer|over \d+(?:\.\d+)? ?s(?:econds)?\b", re.I)


@dataclass
class Run:
    """What one or more CLI runs left behind."""

    errors: dict[str, str] = field(default_factory=dict)  # input name -> reason
    stderr: list[str] = field(default_factory=list)
    over_time: list[str] = field(default_factory=list)
    crashed: list[str] = field(default_factory=list)  # the CLI itself died on these
    restarts: int = 0
    seconds: float = 0.0


def cli_limits(limit: float) -> list[str]:
    """The CLI's own per-file time limit, when its --help offers one."""
    shown = subprocess.run([sys.executable, "-m", "pipeline", "extract", "--help"], cwd=ROOT,
                           capture_output=True, text=True).stdout
    return ["--max-seconds", f"{limit:g}"] if "--max-seconds" in shown else []


def _limit_memory(gigabytes: float):
    def apply() -> None:
        size = int(gigabytes * 2 ** 30)
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    return apply


def run_cli(paths: list[str], out: Path, extra: list[str], names: list[str], stall: float,
            memory: float, run: Run) -> list[str]:
    """Run the CLI once; returns the names still unfinished when it stopped (stalled or died)."""
    command = [sys.executable, "-m", "pipeline", "extract", *paths, "-o", str(out), "--no-progress", *extra]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, errors="replace", start_new_session=True,
                               preexec_fn=_limit_memory(memory))
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True)  # type: ignore[arg-type]
    reader.start()

    def finished() -> set[str]:
        done = {name for name in names if (out / Path(name).with_suffix(".json").name).exists()}
        for line in list(lines):
            match = ERROR_LINE.match(line.rstrip("\n"))
            if match:
                done.add(Path(match.group(1)).name)
        return done

    seen, last_progress = 0, time.monotonic()
    stalled = False
    while process.poll() is None:
        time.sleep(0.5)
        count = len(finished())
        if count != seen:
            seen, last_progress = count, time.monotonic()
        elif time.monotonic() - last_progress > stall:
            os.killpg(process.pid, signal.SIGKILL)
            stalled = True
            break
    process.wait()
    reader.join(timeout=10)
    run.stderr.extend(lines)
    for line in lines:
        match = ERROR_LINE.match(line.rstrip("\n"))
        if match:
            run.errors[Path(match.group(1)).name] = match.group(2)
    left = [name for name in names if name not in finished()]
    if not left:
        return []
    # The CLI takes files in name order: the first unfinished one is the culprit.
    if stalled:
        run.over_time.append(left[0])
    else:
        run.crashed.append(f"{left[0]} (CLI exit status {process.returncode})")
    return left[1:]


def run_batch(folder: Path, inputs: list[FuzzInput], out: Path, extra: list[str], stall: float,
              memory: float) -> Run:
    run = Run()
    names = [item.name for item in inputs]
    started = time.monotonic()
    left = run_cli([str(folder)], out, extra, names, stall, memory, run)
    while left:  # stalled or died: go on with the files after the culprit
        run.restarts += 1
        left = run_cli([str(folder / name) for name in left], out, extra, left, stall, memory, run)
    run.seconds = time.monotonic() - started
    return run


def run_singles(folder: Path, sample: list[FuzzInput], out: Path, extra: list[str], stall: float,
                memory: float) -> Run:
    run = Run()
    started = time.monotonic()
    for item in sample:
        run_cli([str(folder / item.name)], out, extra, [item.name], stall, memory, run)
    run.seconds = time.monotonic() - started
    return run


DIAGNOSE = r"""
import faulthandler, sys
from pathlib import Path
faulthandler.dump_traceback_later(float(sys.argv[2]), exit=True)
from pipeline.errors import InputError
from pipeline.export import to_json
from pipeline.stages import process
path = Path(sys.argv[1])
try:
    to_json(process(path, path.name))
except InputError:
    pass
"""


def diagnose(path: Path, limit: float, memory: float) -> str:
    """Where an input fails: `Exception at pipeline/module.py:function`, or where it hangs."""
    try:
        result = subprocess.run([sys.executable, "-c", DIAGNOSE, str(path), f"{limit:g}"], cwd=ROOT,
                                capture_output=True, text=True, errors="replace", timeout=limit + 120,
                                preexec_fn=_limit_memory(memory))
    except subprocess.TimeoutExpired:
        return "hangs (no traceback dumped)"
    err = result.stderr
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', err)
    if "Timeout (" in err:
        # faulthandler prints the innermost frame first.
        frames = re.findall(r'File "([^"]+)", line (\d+) in (\S+)', err)
        where = _owner(frames, innermost_first=True)
        return f"over the time limit in {where}"
    if result.returncode == 0:
        return f"finishes in-process within {limit:g} s (slow, near the limit; or fails only through the CLI)"
    exception = err.strip().splitlines()[-1].split(":")[0] if err.strip() else f"exit {result.returncode}"
    return f"{exception} at {_owner(frames, innermost_first=False)}"


def _owner(frames: list[tuple[str, str, str]], innermost_first: bool) -> str:
    ordered = frames if innermost_first else list(reversed(frames))
    for file, _, function in ordered:
        if "/pipeline/" in file and "site-packages" not in file:
            return f"{file[file.rindex('/pipeline/') + 1:]}:{function}"
    if ordered:
        file, _, function = ordered[0]
        return f"{Path(file).name}:{function} (outside pipeline/)"
    return "unknown place"


def pick_sample(inputs: list[FuzzInput], size: int, skip: set[str], seed: int) -> list[FuzzInput]:
    """One input of each kind (then more at random), leaving out the ones that hung."""
    rng = random.Random(seed)
    by_kind: dict[str, list[FuzzInput]] = defaultdict(list)
    for item in inputs:
        if item.name not in skip:
            by_kind[item.kind].append(item)
    sample = [rng.choice(items) for _, items in sorted(by_kind.items())]
    rest = [item for items in by_kind.values() for item in items if item not in sample]
    rng.shuffle(rest)
    return sorted((sample + rest)[:max(size, 0)], key=lambda item: item.name)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1998)
    parser.add_argument("--stall", type=float, default=120.0,
                        help="seconds per file: passed as --max-seconds when the CLI offers it; else the "
                             "seconds without any file finishing before the running file counts as over the limit")
    parser.add_argument("--sample", type=int, default=45, help="files also run alone (one CLI run each)")
    parser.add_argument("--memory", type=float, default=8.0, help="address-space limit per CLI run, GiB")
    parser.add_argument("--diagnose", type=int, default=3, help="failing inputs re-run per kind and symptom")
    parser.add_argument("--keep", type=Path, help="write inputs and outputs here instead of a temp folder")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="fuzz-") as temp:
        work = args.keep or Path(temp)
        folder, out, single = work / "inputs", work / "out-batch", work / "out-single"
        for path in (out, single):
            path.mkdir(parents=True, exist_ok=True)
            for old in path.glob("*.json"):
                old.unlink()
        inputs = generate(folder, seed=args.seed)
        kinds = {item.name: item.kind for item in inputs}
        extra = cli_limits(args.stall)
        if extra:  # the CLI stops a slow file itself: the external limit only catches a hang
            args.stall = 2 * args.stall + 30
        texts = sum(item.name.endswith(".txt") for item in inputs)
        print(f"== fuzz: {len(inputs)} inputs ({texts} .txt, {len(inputs) - texts} .pdf), seed {args.seed} ==")
        print(f"CLI limits passed: {' '.join(extra) or 'none (extract --help lists no --max-seconds)'}; "
              f"external limit: {args.stall:g} s without progress, {args.memory:g} GiB address space")
        sys.stdout.flush()

        batch = run_batch(folder, inputs, out, extra, args.stall, args.memory)
        written = {item.name for item in inputs if (out / Path(item.name).with_suffix(".json").name).exists()}
        print(f"batch: {len(written)} written, {len(batch.errors)} error lines, "
              f"{batch.restarts} restart(s) after a stall or a crash, {batch.seconds:.0f} s")
        sys.stdout.flush()

        sample = pick_sample(inputs, args.sample, set(batch.over_time), args.seed)
        singles = run_singles(folder, sample, single, extra, args.stall, args.memory)
        compared = differ = 0
        different: list[str] = []
        for item in sample:
            name = Path(item.name).with_suffix(".json").name
            if (out / name).exists() and (single / name).exists():
                compared += 1
                if (out / name).read_bytes() != (single / name).read_bytes():
                    differ += 1
                    different.append(item.name)

        tracebacks = sum(line.count(TRACEBACK) for line in batch.stderr + singles.stderr)
        errors = {**singles.errors, **batch.errors}
        raw = sorted(name for name, reason in errors.items() if RAW_EXCEPTION.match(reason))
        stopped = {name for name, reason in errors.items() if OVER_TIME_REASON.search(reason)}  # by the CLI
        over_time = sorted(set(batch.over_time) | set(singles.over_time) | stopped)
        lost = sorted(item.name for item in inputs if item.name not in written and item.name not in batch.errors)
        single_lost = sorted(item.name for item in sample
                             if not (single / Path(item.name).with_suffix(".json").name).exists()
                             and item.name not in singles.errors)
        print(f"single runs: {len(sample)} files alone, {singles.seconds:.0f} s")
        for crash in batch.crashed + singles.crashed:
            print(f"the CLI itself died on {crash}")
        print()
        print(f"inputs:                                  {len(inputs)}")
        print(f"tracebacks seen on stderr:               {tracebacks}")
        print(f"error lines with a raw exception name:   {len(raw)}")
        print(f"files over the time limit:               {len(over_time)}")
        print(f"lost files (no JSON, no error line):     {len(lost)} in the batch"
              f" (over-limit ones included), {len(single_lost)} in single runs")
        print(f"good files differing single vs batch:    {differ} of {compared} compared")

        failing: dict[str, str] = {}
        for name in over_time:
            failing[name] = "over the time limit"
        for name in raw:
            failing.setdefault(name, f"raw reason: {errors[name].split(':')[0]}")
        for name in lost + single_lost:
            failing.setdefault(name, "lost")
        for name in different:
            failing.setdefault(name, "single and batch JSON differ")
        if failing:
            print()
            print("-- failures by cause (owner = innermost pipeline/ frame, from an in-process re-run) --")
            groups: dict[tuple[str, str], list[str]] = defaultdict(list)
            diagnosed: dict[tuple[str, str], int] = defaultdict(int)
            for name, symptom in sorted(failing.items()):
                key = (kinds[name], symptom)
                if diagnosed[key] < args.diagnose and symptom != "single and batch JSON differ":
                    diagnosed[key] += 1
                    cause = diagnose(folder / name, args.stall, args.memory)
                else:
                    cause = "(not re-run: same kind and symptom as above)" if symptom != "single and batch JSON differ" \
                        else "nondeterministic output"
                groups[(symptom, cause)].append(name)
            # Files not re-run join the group of their kind and symptom.
            merged: dict[tuple[str, str], list[str]] = defaultdict(list)
            first_cause: dict[tuple[str, str], str] = {}
            for (symptom, cause), names in groups.items():
                for name in names:
                    if not cause.startswith("(not re-run"):
                        first_cause.setdefault((kinds[name], symptom), cause)
            for (symptom, cause), names in groups.items():
                for name in names:
                    if cause.startswith("(not re-run"):
                        cause = first_cause.get((kinds[name], symptom), cause)
                    merged[(symptom, cause)].append(name)
            for (symptom, cause), names in sorted(merged.items(), key=lambda kv: -len(kv[1])):
                reason = errors.get(names[0], "")
                print(f"[{symptom}] {cause}: {len(names)} input(s)")
                if reason:
                    print(f"    reason printed: {reason[:120]}")
                print(f"    {', '.join(sorted(names)[:12])}{' ...' if len(names) > 12 else ''}")

        reasons: dict[str, int] = defaultdict(int)
        for reason in batch.errors.values():
            reasons[re.split(r"[(:]", reason)[0].strip()] += 1
        print()
        print("-- error reasons in the batch (first words) --")
        for reason, count in sorted(reasons.items(), key=lambda kv: -kv[1]):
            print(f"{count:5d}  {reason}")
        bad = tracebacks + len(raw) + len(over_time) + len(lost) + len(single_lost) + differ
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
