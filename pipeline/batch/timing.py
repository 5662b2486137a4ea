"""Seconds spent in each stage, measured by wrapping the stage functions once per process.

The stages module stays free of timing code: `install()` replaces the names `pipeline.stages`
calls (ingest and its page stream, lines, repair, layout, the linker, assemble, annotate,
extract_facts, article_out/page_out) with wrappers that add to a per-process `Counter`. Time
not spent in a wrapped call (writing the JSON, bookkeeping) is reported as `export` together
with article_out/page_out by the runner.
"""
from __future__ import annotations

import functools
import time
from collections import Counter
from typing import Callable, Iterator

STAGES = ("ingest", "lines", "repair", "layout", "link", "assemble", "nlp", "facts", "export")

seconds: Counter = Counter()  # wall-clock seconds per stage
cpu: Counter = Counter()  # this process's CPU seconds per stage (steadier on a shared machine)
counts: Counter = Counter()  # "pages", "chars" of the current file
_installed = False
_progress: list[Callable[[int, int], None]] = []  # called after each page: (done, total)


def _timed(stage: str, function: Callable) -> Callable:
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[stage] += time.perf_counter() - start
            cpu[stage] += time.process_time() - start_cpu

    wrapper.__wrapped_stage__ = stage  # type: ignore[attr-defined]
    return wrapper


def _timed_pages(pages, total) -> Iterator:
    """The page stream of a document: time spent producing each page is ingest time."""
    iterator = iter(pages)
    done = 0
    while True:
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            page = next(iterator)
        except StopIteration:
            return
        finally:
            seconds["ingest"] += time.perf_counter() - start
            cpu["ingest"] += time.process_time() - start_cpu
        done += 1
        counts["pages"] += 1
        for report in _progress:
            report(done, total or 0)
        yield page


def install(progress: Callable[[int, int], None] | None = None) -> None:
    """Wrap the stage functions (idempotent); `progress` is told of every page read."""
    global _installed
    _progress[:] = [progress] if progress else []
    if _installed:
        return
    import pipeline.facts
    import pipeline.nlp
    from pipeline import stages

    ingest = stages.ingest

    def timed_ingest(path, options):
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            raw = ingest(path, options)
        finally:
            seconds["ingest"] += time.perf_counter() - start
            cpu["ingest"] += time.process_time() - start_cpu
        pages = raw.pages
        total = raw.page_count if raw.page_count is not None else (
            len(pages) if isinstance(pages, list) else None)
        raw.pages = _timed_pages(pages, total)
        return raw

    stages.ingest = timed_ingest
    for name in ("lines", "repair", "layout", "assemble"):
        setattr(stages, name, _timed(name, getattr(stages, name)))
    stages.article_out = _timed("export", stages.article_out)
    stages.page_out = _timed("export", stages.page_out)
    annotate = pipeline.nlp.annotate

    def counted_annotate(text, *args, **kwargs):
        counts["chars"] += len(text)
        return annotate(text, *args, **kwargs)

    pipeline.nlp.annotate = _timed("nlp", counted_annotate)
    pipeline.facts.extract_facts = _timed("facts", pipeline.facts.extract_facts)
    linker = stages.ArticleLinker

    class TimedLinker(linker):  # type: ignore[misc, valid-type]
        feed = _timed("link", linker.feed)
        finish = _timed("link", linker.finish)

    stages.ArticleLinker = TimedLinker
    _installed = True


def reset() -> None:
    seconds.clear()
    cpu.clear()
    counts.clear()
