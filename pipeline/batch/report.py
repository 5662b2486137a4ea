"""The run report `<output dir>/_run.json`, written after every run.

    {"pipeline_version": "0.2.0+1a2b3c4d5e6f7a8b",
     "files": [{"path": "2022/p7.pdf", "output": "2022/p7.json", "status": "done",
                "reason": null, "seconds": 1.234, "cpu_seconds": 1.2, "pages": 4,
                "chars": 12345}, ...],
     "problems": [{"path": "corpora/loop", "reason": "folder skipped: symlink loop ..."}],
     "totals": {"files": 3, "done": 1, "skipped": 1, "failed": 1, "problems": 0,
                "seconds": 2.5, "working_seconds": 1.6, "cpu_seconds": 1.2, "pages": 4, "chars": 12345, "pages_per_s": 1.6,
                "chars_per_s": 4938.0, "workers": 2, "peak_worker_rss_mb": 812.3},
     "stages": {"ingest": {"seconds": 0.4, "cpu_seconds": 0.38, "pages_per_s": 10.0,
                           "chars_per_s": 30862.5}, ...}}

`files` is in plan order; `seconds` there is the file's own processing time (0 when skipped).
Totals: `seconds` is the run's wall time; `working_seconds` the part after the first worker was
ready (model loaded) until the last file finished, over which `pages_per_s`/`chars_per_s` of
the files processed in this run are taken (local workers; on a cluster, from the first task).
Stage seconds are wall-clock seconds summed over workers, so their rates are per worker;
`cpu_seconds` (per file, per stage, in total) count the worker's own CPU time, which other
processes on a shared machine disturb far less.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from pipeline.batch.timing import STAGES
from pipeline.export import write_atomic

FILE_KEYS = ("path", "output", "status", "reason", "seconds", "cpu_seconds", "pages", "chars")


def _rate(amount: float, seconds: float) -> Optional[float]:
    return round(amount / seconds, 1) if seconds > 0 else None


def build(version: str, results: list[dict], problems: list[dict], wall: float,
          workers: int, working: float = 0.0) -> dict:
    processed = [r for r in results if r["status"] == "done"]
    pages = sum(r["pages"] or 0 for r in processed)
    chars = sum(r["chars"] or 0 for r in processed)
    stage_seconds = {name: sum(r.get("stages", {}).get(name, 0.0) for r in results) for name in STAGES}
    stage_cpu = {name: sum(r.get("stages_cpu", {}).get(name, 0.0) for r in results) for name in STAGES}
    rss = [r["peak_rss_mb"] for r in results if r.get("peak_rss_mb")]
    totals = {
        "files": len(results),
        "done": len(processed),
        "skipped": sum(r["status"] == "skipped" for r in results),
        "failed": sum(r["status"] == "failed" for r in results),
        "problems": len(problems),
        "seconds": round(wall, 3),
        "working_seconds": round(working, 3),
        "cpu_seconds": round(sum(r.get("cpu_seconds") or 0.0 for r in results), 3),
        "pages": pages,
        "chars": chars,
        "pages_per_s": _rate(pages, working),
        "chars_per_s": _rate(chars, working),
        "workers": workers,
        "peak_worker_rss_mb": max(rss) if rss else None,
    }
    stages = {name: {"seconds": round(s, 3), "cpu_seconds": round(stage_cpu[name], 3),
                     "pages_per_s": _rate(pages, s), "chars_per_s": _rate(chars, s)}
              for name, s in stage_seconds.items() if s > 0}
    return {"pipeline_version": version,
            "files": [{k: r.get(k) for k in FILE_KEYS} for r in results],
            "problems": problems, "totals": totals, "stages": stages}


def report_path(out_dir: Path, shard: tuple[int, int]) -> Path:
    """`_run.json`; a share of a sharded run writes `_run.shard-I-of-N.json` (shares may write
    into one shared folder at once)."""
    index, count = shard
    return out_dir / ("_run.json" if count == 1 else f"_run.shard-{index}-of-{count}.json")


def write(path: Path, report: dict) -> None:
    write_atomic(path, json.dumps(report, ensure_ascii=False, indent=1) + "\n")
