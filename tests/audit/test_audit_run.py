"""Running an audit: cache, process pool, Dask, and what survives an interruption."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from audit_fixtures import corpus_text, make_templates

from simplify.audit.cache import ResultCache
from simplify.audit.run import AuditRun, run_audit


def _by_name(run: AuditRun) -> dict[str, dict[str, Any]]:
    # Everything but the timing, which differs from run to run.
    return {r["name"]: {k: v for k, v in r.items() if k != "seconds"} for r in run.results}


def test_every_template_gets_a_result_and_unreadable_ones_a_reason(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    run = run_audit([str(root)], jobs=1)
    results = _by_name(run)
    assert len(results) == 5
    assert "abîmé" in results["modeles/finances/abime.docx"]["error"]
    scored = [r for r in results.values() if "error" not in r]
    assert len(scored) == 4 and all(r["score"] is not None for r in scored)
    assert run.analysed == 5 and run.cached == 0 and not run.interrupted


def test_a_rerun_analyses_only_what_changed(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    cache = tmp_path / "cache.sqlite"
    first = run_audit([str(root)], cache_path=cache)
    assert first.analysed == 5
    again = run_audit([str(root)], cache_path=cache)
    # The unreadable file is tried again (its refusal may have been passing); the rest is kept.
    assert (again.analysed, again.cached) == (1, 4)
    assert _by_name(again) == _by_name(first)
    changed = root / "finances" / "relance.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nMerci.\n", encoding="utf-8")
    third = run_audit([str(root)], cache_path=cache)
    assert (third.analysed, third.cached) == (2, 3)
    # Another profile is another result.
    falc = run_audit([str(root)], cache_path=cache, profile="falc")
    assert falc.cached == 0


def test_the_process_pool_gives_the_results_of_one_process(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    serial = run_audit([str(root)], jobs=1)
    pooled = run_audit([str(root)], jobs=2, serial_below=0)  # the pool even for 5 files
    assert _by_name(pooled) == _by_name(serial)
    assert [r["name"] for r in pooled.results] == [r["name"] for r in serial.results]


def test_dask_gives_the_results_of_the_local_pool(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    root = make_templates(tmp_path)
    local = run_audit([str(root)], jobs=1)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        remote = run_audit([str(root)], executor="dask", scheduler=cluster.scheduler_address)
    assert _by_name(remote) == _by_name(local)
    assert remote.executor == "dask"


def test_an_interruption_keeps_the_results_so_far(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    cache = tmp_path / "cache.sqlite"
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 2:
            raise KeyboardInterrupt  # what Ctrl-C raises in the main thread

    run = run_audit([str(root)], cache_path=cache, progress=progress)
    assert run.interrupted
    assert len(run.results) == 2
    resumed = run_audit([str(root)], cache_path=cache)
    assert not resumed.interrupted and len(resumed.results) == 5
    assert resumed.cached == sum(1 for r in run.results if "error" not in r)


def test_should_stop_ends_a_run_like_ctrl_c(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    asked: list[int] = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) > 3  # before the run, then after each of the first 2 documents

    run = run_audit([str(root)], should_stop=should_stop, cache_path=tmp_path / "c.sqlite")
    assert run.interrupted and len(run.results) == 3
    assert run_audit([str(root)], should_stop=lambda: True).results == []


def test_forgetting_documents_removes_their_cached_results(tmp_path: Path) -> None:
    root = make_templates(tmp_path)
    path = tmp_path / "c.sqlite"
    first = run_audit([str(root)], cache_path=path)
    gone = next(r for r in first.results if r["name"].endswith("relance.txt"))
    cache = ResultCache(path, engine="")
    assert cache.forget([gone["sha256"], "absent"]) == 1
    cache.close()
    again = run_audit([str(root)], cache_path=path)
    assert again.cached == 3  # the forgotten one and the unreadable one are analysed again


def test_a_worker_killed_mid_run_costs_only_its_documents(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    folder = tmp_path / "modeles"
    folder.mkdir()
    for index in range(60):
        (folder / f"modele-{index:02d}.txt").write_text(
            corpus_text("04-decision-pch") + f"\nRéférence {index}.\n", encoding="utf-8"
        )
    killed: list[int] = []

    def progress(done: int, total: int) -> None:
        if done == 5 and not killed:  # the pool is running: kill one of its workers
            workers = [
                p
                for p in psutil.Process().children(recursive=True)
                if p.parent() and "forkserver" in " ".join(p.parent().cmdline())
            ]
            killed.append(workers[0].pid)
            workers[0].kill()

    run = run_audit([str(folder)], jobs=2, progress=progress)
    assert killed and not run.interrupted
    assert len(run.results) == 60
    died = [r for r in run.results if "s'est arrêté" in r.get("error", "")]
    assert 1 <= len(died) <= 2 * 4  # at most the documents the pool had in hand
    assert sum(r.get("score") is not None for r in run.results) == 60 - len(died)


def test_an_unreachable_dask_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    dask = pytest.importorskip("dask")
    root = make_templates(tmp_path)
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(RuntimeError, match="ordonnanceur Dask injoignable"),
    ):
        run_audit([str(root)], executor="dask", scheduler="tcp://127.0.0.1:1")
