"""The same per-file task on a Dask distributed cluster (`extract --cluster ADDRESS`).

Every worker must see the inputs and the output folder at the same paths (a shared file
system, or an object store mounted as one): workers write each JSON themselves, atomically,
exactly as a local worker does, so the outputs are the same bytes. Paths are made absolute
before tasks leave this machine. Dask's nanny restarts a worker that dies; a file whose
workers keep dying is reported failed. Pages and glyph limits apply as locally; time and
memory limits are the cluster's own (`distributed` worker memory limits), not enforced per file.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterator

from pipeline.batch.task import FileTask, run_task


def _absolute(task: FileTask) -> FileTask:
    options = task.options
    if options.corrections:
        options = dataclasses.replace(options, corrections=str(Path(options.corrections).resolve()))
    return dataclasses.replace(task, source=str(Path(task.source).resolve()),
                               target=str(Path(task.target).resolve()), options=options)


def run_on_cluster(address: str, tasks: list[FileTask]) -> Iterator[tuple]:
    """Yields ("result", dict) per file as the cluster finishes them."""
    from distributed import Client, as_completed

    with Client(address) as client:
        futures = {client.submit(run_task, _absolute(t), pure=False,
                                 key=f"pipeline-extract-{t.index}-{t.key.get('sha256', '')[:12]}"): t
                   for t in tasks}
        for future in as_completed(futures):
            task = futures[future]
            try:
                result = future.result()
            except Exception as error:  # the task's worker died repeatedly (KilledWorker), ...
                result = {"index": task.index, "path": task.shown, "output": task.output,
                          "status": "failed", "seconds": 0.0, "pages": None, "chars": None,
                          "stages": {}, "peak_rss_mb": None,
                          "reason": f"cluster worker died while reading it "
                                    f"[{type(error).__name__}]"}
            future.release()
            yield ("result", result)
