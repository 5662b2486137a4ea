"""A batch run: plan inputs, clear what a killed run left, skip current outputs, process the
rest on local workers (or a cluster), print one line per failure, write the run report.

    extract(inputs, out_dir, settings) -> 0 (all done or skipped) | 1 (some failed)
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Sequence

from pipeline.batch import report, state
from pipeline.batch.inputs import PlannedFile, plan
from pipeline.batch.limits import Limits, exception_reason
from pipeline.batch.pool import WorkerPool, WorkersCannotStart, default_jobs
from pipeline.batch.task import FileTask
from pipeline.batch.version import pipeline_version
from pipeline.stages import Options


@dataclass(frozen=True)
class RunSettings:
    jobs: int = 0  # 0 = one worker per core
    progress: Optional[bool] = None  # None = when stderr is a terminal
    shard: tuple[int, int] = (1, 1)
    options: Options = field(default_factory=Options)
    limits: Limits = field(default_factory=Limits)
    cluster: Optional[str] = None  # Dask scheduler address
    incremental: bool = True


class _Progress:
    """One bar: files done; the page count of the file being read shows beside it."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.bar = None
        if enabled and total:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True)
        self.pages: dict[int, tuple[int, int]] = {}

    def page(self, index: int, done: int, total: int) -> None:
        self.pages[index] = (done, total)
        if self.bar is not None and total > 1:
            done, total = max(self.pages.values(), key=lambda p: p[1])
            self.bar.set_postfix_str(f"page {done}/{total}", refresh=False)
            self.bar.refresh()

    def file(self, index: int) -> None:
        self.pages.pop(index, None)
        if self.bar is not None:
            if not self.pages:
                self.bar.set_postfix_str("", refresh=False)
            self.bar.update(1)

    def line(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            print(text, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _record(item: PlannedFile, out_dir: Path, status: str, reason: Optional[str] = None,
            pages: Optional[int] = None, chars: Optional[int] = None, index: int = 0) -> dict:
    return {"index": index, "path": item.shown, "output": item.target.relative_to(out_dir).as_posix(),
            "status": status, "reason": reason, "seconds": 0.0, "pages": pages, "chars": chars,
            "stages": {}, "peak_rss_mb": None}


def extract(inputs: Sequence[str], out_dir: Path, settings: RunSettings = RunSettings()) -> int:
    started = time.perf_counter()
    version = pipeline_version()
    planned, problems = plan(inputs, out_dir)
    index, count = settings.shard
    planned = planned[index - 1 :: count]
    progress = _Progress(len(planned), sys.stderr.isatty() if settings.progress is None
                         else settings.progress)
    for problem in problems:
        progress.line(f"error: {problem.path}: {problem.reason}")

    results: list[Optional[dict]] = [None] * len(planned)
    tasks: list[FileTask] = []
    for i, item in enumerate(planned):
        state.remove_stale_temporaries(item.target)
        try:
            key = state.input_key(item.source, settings.options, version)
        except OSError as error:
            reason = exception_reason(error, settings.limits)
            results[i] = _record(item, out_dir, "failed", reason, index=i)
            progress.line(f"error: {item.source}: {reason}")
            progress.file(i)
            continue
        marker = state.is_current(item.target, key) if settings.incremental else None
        if marker is not None:
            results[i] = _record(item, out_dir, "skipped", pages=marker.get("pages"),
                                 chars=marker.get("chars"), index=i)
            progress.file(i)
            continue
        tasks.append(FileTask(index=i, source=str(item.source), target=str(item.target),
                              shown=item.shown, output=item.target.relative_to(out_dir).as_posix(),
                              key=key, options=settings.options, limits=settings.limits))

    jobs = settings.jobs or default_jobs()
    pool = WorkerPool(min(jobs, len(tasks)), settings.limits) if tasks and not settings.cluster else None
    first_work = time.perf_counter()
    try:
        for event in _events(tasks, pool, settings):
            if event[0] == "page":
                progress.page(*event[1:])
                continue
            result = event[1]
            i = result["index"]
            results[i] = result
            if result["status"] == "failed":
                state.remove_stale_temporaries(planned[i].target)
                progress.line(f"error: {planned[i].source}: {result['reason']}")
            progress.file(i)
    except WorkersCannotStart as error:
        for task in tasks:
            if results[task.index] is None:
                results[task.index] = _record(planned[task.index], out_dir, "failed",
                                              f"not processed: worker processes cannot start "
                                              f"({error})", index=task.index)
        progress.line(f"error: worker processes cannot start: {error}")
    finally:
        progress.close()

    done_results = [r for r in results if r is not None]
    finished = time.perf_counter()
    if pool is not None and pool.first_ready is not None:
        first_work = pool.first_ready
    run = report.build(version, done_results, [{"path": p.path, "reason": p.reason} for p in problems],
                       finished - started, pool.jobs if pool is not None else 0,
                       working=finished - first_work if tasks else 0.0)
    out_dir.mkdir(parents=True, exist_ok=True)
    report.write(report.report_path(out_dir, settings.shard), run)
    totals = run["totals"]
    print(f"{totals['done']} of {len(planned)} file(s) written to {out_dir}"
          f" ({totals['skipped']} unchanged, skipped; {totals['failed']} failed)", file=sys.stderr)
    return 1 if totals["failed"] or problems else 0


def _events(tasks: list[FileTask], pool: Optional[WorkerPool], settings: RunSettings) -> Iterator[tuple]:
    if not tasks:
        return iter(())
    if pool is None:
        from pipeline.batch.cluster import run_on_cluster

        return run_on_cluster(settings.cluster or "", tasks)
    return pool.run(tasks)
