"""Batch processing of many inputs: plan the inputs, skip those already done, run the rest on
local worker processes (or a Dask cluster) under per-file limits, and write `_run.json`.

    runner.extract(inputs, out_dir, settings) -> exit status     (the `extract` command)
    task.run_task(FileTask) -> dict                                 (one file, in any worker)
"""
