"""Local worker processes that each load the NLP model once and take files one at a time.

Unlike `concurrent.futures` (whose pool breaks when one worker dies), a worker that crashes,
is killed by the OOM killer, or runs past `--max-seconds` (and is then ended) only fails its
own file: it is replaced and the batch goes on. Workers read their tasks from a pipe and die
with the parent (PR_SET_PDEATHSIG), so a killed run leaves no stray processes.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Iterator, Optional

from pipeline.batch.limits import (
    Limits, apply_memory_limit, death_reason, exception_reason, memory_reason, time_reason,
)
from pipeline.batch.task import FileTask, run_task

STARTUP_FAILURES = 3  # workers dying before they are ready, in a row, that end the run


class WorkersCannotStart(Exception):
    """Worker processes die while starting (e.g. a memory limit too low to load the model)."""


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def warm_up() -> None:
    """Load the NLP model and dictionaries once per worker, before any file's clock starts."""
    import jieba

    from pipeline.facts import extract_facts
    from pipeline.nlp import annotate

    jieba.initialize()  # the default dictionary, which facts may consult lazily
    text = "本报北京电 今年全市粮食产量达到120万吨。"
    tokens, _ = annotate(text)
    extract_facts(text, tokens)
    from pipeline.facts.lexicon import tag_of

    tag_of(text[:2])  # jieba's part-of-speech table (half a second), which facts reads lazily
    from pipeline.ingest.pdfium_pages import preload

    preload()  # the PDF libraries, imported here rather than inside the first PDF's clock
    # The dictionaries and weights now loaded live as long as the worker: moved out of the
    # collector's sight, so each full collection no longer walks millions of dictionary
    # entries (a sixth of a dense page's time went to that).
    gc.collect()
    gc.freeze()


CORES_VARIABLE = "PIPELINE_WORKER_CORES"  # read by pipeline.ingest.ocr.cpu_threads


def _worker_main(conn: Connection, limits: Limits, warm: bool, cores: int = 0) -> None:
    _die_with_parent()
    if cores:  # this worker's share of the machine, for libraries that run threads (OCR)
        os.environ[CORES_VARIABLE] = str(cores)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    apply_memory_limit(limits)
    try:
        if warm:
            warm_up()
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which stops
        reason = exception_reason(error, limits)
        if limits.max_memory_mb and isinstance(error, (ImportError, OSError, MemoryError)):
            # libraries that cannot map their memory fail to import rather than raise MemoryError
            reason = f"{memory_reason(limits)} is too low to load the pipeline"
        conn.send(("fatal", reason))
        return
    conn.send(("ready",))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return

        def progress(done: int, total: int, index: int = task.index) -> None:
            conn.send(("page", index, done, total))

        conn.send(("result", run_task(task, progress)))


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    ready: bool = False
    task: Optional[FileTask] = None
    started: float = 0.0


class WorkerPool:
    """`for event in pool.run(tasks)`: ("page", index, done, total) and ("result", dict)."""

    def __init__(self, jobs: int, limits: Limits, warm: bool = True) -> None:
        self.jobs = max(1, jobs)
        self.limits = limits
        self.warm = warm
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._startup_failures = 0
        self.first_ready: Optional[float] = None  # perf_counter when the first worker could work

    def _spawn(self) -> _Worker:
        parent, child = self._context.Pipe()
        cores = max(1, (os.cpu_count() or 1) // self.jobs)
        process = self._context.Process(target=_worker_main,
                                        args=(child, self.limits, self.warm, cores),
                                        daemon=True, name="pipeline-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._workers.append(worker)
        return worker

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        if kill and worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        self._workers.remove(worker)

    def run(self, tasks: list[FileTask]) -> Iterator[tuple]:
        pending = deque(tasks)
        try:
            for _ in range(min(self.jobs, len(pending))):
                self._spawn()
            while pending or any(w.task is not None for w in self._workers):
                for worker in self._workers:
                    if worker.ready and worker.task is None and pending:
                        worker.task = pending.popleft()
                        worker.started = time.monotonic()
                        worker.conn.send(worker.task)
                yield from self._events(pending)
        finally:
            self.close()

    def _deadline(self) -> Optional[float]:
        if not self.limits.max_seconds:
            return None
        busy = [w.started for w in self._workers if w.task is not None]
        if not busy:
            return None
        return max(0.0, min(busy) + self.limits.max_seconds - time.monotonic())

    def _events(self, pending: deque) -> Iterator[tuple]:
        by_conn = {w.conn: w for w in self._workers}
        by_sentinel = {w.process.sentinel: w for w in self._workers}
        ready = wait([*by_conn, *by_sentinel], timeout=self._deadline())
        ended: set[int] = set()
        for handle in ready:
            worker = by_conn.get(handle)  # type: ignore[call-overload]
            if worker is None:
                continue
            try:
                while worker.conn.poll():
                    message = worker.conn.recv()
                    yield from self._message(worker, message)
            except (EOFError, OSError):
                ended.add(id(worker))
        for handle in ready:
            worker = by_sentinel.get(handle)  # type: ignore[call-overload]
            if worker is not None:
                ended.add(id(worker))
        for worker in [w for w in self._workers if id(w) in ended]:
            yield from self._ended(worker, pending)
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.task is not None and self.limits.max_seconds and \
                    now - worker.started > self.limits.max_seconds:
                task = worker.task
                self._retire(worker, kill=True)
                yield ("result", _failed(task, time_reason(self.limits), now - worker.started))
                if pending or any(w.task is not None for w in self._workers):
                    self._spawn()

    def _message(self, worker: _Worker, message: tuple) -> Iterator[tuple]:
        kind = message[0]
        if kind == "ready":
            worker.ready = True
            if self.first_ready is None:
                self.first_ready = time.perf_counter()
            self._startup_failures = 0
        elif kind == "page":
            yield message
        elif kind == "result":
            worker.task = None
            yield message
        elif kind == "fatal":
            raise WorkersCannotStart(message[1])

    def _ended(self, worker: _Worker, pending: deque) -> Iterator[tuple]:
        """A worker process went away: fail its file (if any), start another one."""
        if worker not in self._workers:
            return
        worker.process.join(timeout=5)
        task, code = worker.task, worker.process.exitcode
        elapsed = time.monotonic() - worker.started
        was_ready = worker.ready
        self._retire(worker, kill=True)
        if task is not None:
            yield ("result", _failed(task, death_reason(code, self.limits), elapsed))
        elif not was_ready:
            self._startup_failures += 1
            if self._startup_failures >= STARTUP_FAILURES:
                raise WorkersCannotStart(death_reason(code, self.limits).replace(
                    " while reading it", " while starting"))
        if pending or any(w.task is not None for w in self._workers):
            if len(self._workers) < self.jobs:
                self._spawn()

    def close(self) -> None:
        for worker in list(self._workers):
            try:
                worker.conn.send(None)
            except (OSError, ValueError):
                pass
        for worker in list(self._workers):
            worker.process.join(timeout=2)
            self._retire(worker, kill=True)


def _failed(task: FileTask, reason: str, seconds: float) -> dict:
    return {"index": task.index, "path": task.shown, "output": task.output, "status": "failed",
            "reason": reason, "seconds": round(seconds, 3), "cpu_seconds": None, "pages": None,
            "chars": None, "stages": {}, "peak_rss_mb": None}


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
