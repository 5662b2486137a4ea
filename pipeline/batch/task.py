"""One input file, start to finish, in whatever process runs it (a local worker or a Dask
worker): every stage through `process_to_file`, the incremental marker, and a result record
with the time per stage. Never raises for a bad input: failures come back as a reason.
"""
from __future__ import annotations

import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from pipeline.batch import state, timing
from pipeline.batch.limits import Limits, exception_reason
from pipeline.stages import Options


@dataclass(frozen=True)
class FileTask:
    index: int  # position in the run's plan
    source: str
    target: str
    shown: str
    output: str  # target relative to the output folder, for the report
    key: dict = field(default_factory=dict)  # incremental key (see state.input_key)
    options: Options = Options()
    limits: Limits = Limits()


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_task(task: FileTask, progress: Optional[Callable[[int, int], None]] = None) -> dict:
    from pipeline.stages import process_to_file

    timing.install(progress)
    timing.reset()
    target = Path(task.target)
    start, start_cpu = time.perf_counter(), time.process_time()
    status, reason = "done", None
    try:
        state.remove_marker(target)  # a stale marker must never vouch for a new output
        process_to_file(Path(task.source), task.shown, target, task.options)
        state.write_marker(target, task.key, timing.counts["pages"], timing.counts["chars"])
    except (Exception, MemoryError, RecursionError) as error:  # the batch goes on
        status, reason = "failed", exception_reason(error, task.limits)
    elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    stages = _stage_times(timing.seconds, elapsed)
    stages_cpu = _stage_times(timing.cpu, elapsed_cpu)
    return {"index": task.index, "path": task.shown, "output": task.output, "status": status,
            "reason": reason, "seconds": round(elapsed, 3), "cpu_seconds": round(elapsed_cpu, 3),
            "pages": timing.counts["pages"] if status == "done" else None,
            "chars": timing.counts["chars"] if status == "done" else None,
            "stages": stages, "stages_cpu": stages_cpu, "peak_rss_mb": round(peak_rss_mb(), 1)}


def _stage_times(measured, total: float) -> dict[str, float]:
    """Seconds per stage; `export` also takes what no wrapped stage measured (writing the JSON)."""
    stages = {name: round(measured[name], 6) for name in timing.STAGES if name in measured}
    stages["export"] = round(max(0.0, total - sum(v for k, v in stages.items() if k != "export")), 6)
    return stages
