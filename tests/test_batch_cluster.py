"""`extract --cluster`: the same task on a Dask cluster gives the same bytes as a local run."""
from __future__ import annotations

import json
import shutil

import pytest

from pipeline.cli import main
from tests.batch_pages import dense_document
from tests.conftest import SEED_TEXT

distributed = pytest.importorskip("distributed")


def test_two_worker_local_cluster_gives_the_local_bytes(tmp_path, capsys):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SEED_TEXT, root / "a.txt")
    (root / "sub" / "page.pdf").write_bytes(dense_document(1, seed=11))
    (root / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<<")  # fails on the cluster too
    local, remote = tmp_path / "local", tmp_path / "remote"
    assert main(["extract", str(root), "-o", str(local), "--no-progress", "-j", "1"]) == 1
    local_errors = [l for l in capsys.readouterr().err.splitlines() if l.startswith("error:")]

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert main(["extract", str(root), "-o", str(remote), "--no-progress",
                     "--cluster", cluster.scheduler_address]) == 1
    remote_errors = [l for l in capsys.readouterr().err.splitlines() if l.startswith("error:")]
    assert remote_errors == local_errors and len(remote_errors) == 1

    def documents(out):
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.json")
                if not p.name.startswith(("_", "."))}

    assert documents(remote) == documents(local)
    assert set(documents(local)) == {"a.json", "sub/page.json"}
    report = json.loads((remote / "_run.json").read_text(encoding="utf-8"))
    assert [f["status"] for f in report["files"]] == ["done", "failed", "done"]
