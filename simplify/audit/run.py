"""Running an audit: collect the templates, take what the cache has, analyse the rest in
parallel (a local process pool, or a Dask cluster), and keep every result as it arrives so that
an interruption (Ctrl-C) loses nothing already done."""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simplify.audit.cache import ResultCache, engine_fingerprint
from simplify.audit.sources import Skipped, Source, collect
from simplify.audit.work import Task, audit_document, warm_up

# Below this many documents to analyse, starting worker processes (each loads the language
# model) costs more than it saves: they are analysed in this process.
SERIAL_BELOW = 16
_CACHE_EVERY = 2.0  # seconds between two writes of new results to the cache

Progress = Callable[[int, int], None]  # (documents done, documents in all)


@dataclass
class AuditRun:
    """What a run produced: one result per template (in the order the templates were found),
    the files that were skipped, and how the run went."""

    profile: str
    results: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    interrupted: bool = False
    analysed: int = 0  # documents analysed in this run
    cached: int = 0  # documents whose result came from the cache
    seconds: float = 0.0
    jobs: int = 1
    executor: str = "local"


def run_audit(
    paths: Sequence[str],
    *,
    profile: str = "clair",
    jobs: int = 1,
    rule_dirs: Sequence[str] = (),
    cache_path: Path | None = None,
    executor: str = "local",
    scheduler: Any = None,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    serial_below: int = SERIAL_BELOW,
) -> AuditRun:
    """Audit every template under `paths`. `scheduler` is a Dask scheduler address (or a
    `distributed.Client`) when `executor` is "dask". `should_stop` is asked after each
    document: True ends the run as an interruption (like Ctrl-C), keeping what was done.
    Fewer than `serial_below` documents to analyse are analysed in this process (0: always
    use the pool, as a server does to keep the model out of its own process)."""
    started = time.perf_counter()
    run = AuditRun(profile=profile, jobs=jobs, executor=executor)
    tasks: list[Task] = []
    for item in collect(paths):
        if isinstance(item, Source):
            tasks.append(Task(item.name, item.folder, item.data, profile, tuple(rule_dirs)))
        else:
            run.skipped.append(item)
    results: list[dict[str, Any] | None] = [None] * len(tasks)
    cache = ResultCache(cache_path, engine_fingerprint(rule_dirs)) if cache_path else None
    try:
        hashes = [task.sha256 for task in tasks]
        known = cache.get_many((h, profile) for h in hashes) if cache else {}
        todo: list[int] = []
        for index, (task, sha256) in enumerate(zip(tasks, hashes, strict=True)):
            hit = known.get((sha256, profile))
            if hit is None:
                todo.append(index)
            else:  # a copy of a template elsewhere keeps its own name and folder
                results[index] = hit | {"name": task.name, "folder": task.folder}
        run.cached = len(tasks) - len(todo)
        done = run.cached
        if progress:
            progress(done, len(tasks))
        pending: list[tuple[str, str, dict[str, Any]]] = []
        last_write = time.monotonic()
        try:
            if should_stop and should_stop():
                raise KeyboardInterrupt
            for index, result in _execute(
                [tasks[i] for i in todo], jobs, executor, scheduler, rule_dirs, serial_below
            ):
                position = todo[index]
                results[position] = result
                pending.append((hashes[position], profile, result))
                run.analysed += 1
                done += 1
                if progress:
                    progress(done, len(tasks))
                if cache and time.monotonic() - last_write > _CACHE_EVERY:
                    cache.put_many(pending)
                    pending, last_write = [], time.monotonic()
                if should_stop and should_stop():
                    raise KeyboardInterrupt
        except KeyboardInterrupt:
            run.interrupted = True
        if cache:
            cache.put_many(pending)
    finally:
        if cache:
            cache.close()
    run.results = [r for r in results if r is not None]
    run.seconds = time.perf_counter() - started
    return run


def _execute(
    tasks: list[Task],
    jobs: int,
    executor: str,
    scheduler: Any,
    rule_dirs: Sequence[str],
    serial_below: int,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index in tasks, result) pairs, in the order they finish."""
    if not tasks:
        return
    if executor == "dask":
        yield from _on_dask(tasks, scheduler)
    elif jobs <= 1 or len(tasks) < serial_below:
        for index, task in enumerate(tasks):
            yield index, audit_document(task)
    else:
        yield from _on_pool(tasks, jobs, rule_dirs)


def _init_worker(rule_dirs: Sequence[str]) -> None:
    # Ctrl-C reaches the whole process group: the parent decides, workers keep quiet.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up(rule_dirs)


def _on_pool(
    tasks: list[Task], jobs: int, rule_dirs: Sequence[str]
) -> Iterator[tuple[int, dict[str, Any]]]:
    # forkserver: workers do not inherit this process's threads (the progress bar's) or state.
    context = multiprocessing.get_context("forkserver")
    queue = iter(enumerate(tasks))
    while True:  # a new pool when a worker dies (killed for memory...); the others go on
        pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(rule_dirs,)
        )
        running: dict[Future[dict[str, Any]], int] = {}

        def feed(count: int) -> None:
            for index, task in _take(queue, count):
                running[pool.submit(audit_document, task)] = index  # noqa: B023

        try:
            feed(jobs * 4)  # a few documents ahead per worker, not the whole list in memory
            while running:
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    result = future.result()  # raises BrokenProcessPool if a worker died
                    yield running.pop(future), result
                feed(len(finished))
            return
        except BrokenProcessPool:
            # Which document killed its worker is unknown: those in progress are reported.
            for index in running.values():
                yield index, _died(tasks[index])
            running.clear()
        finally:
            for future in running:
                future.cancel()
            pool.shutdown(wait=True, cancel_futures=True)


def _died(task: Task) -> dict[str, Any]:
    return {
        "name": task.name,
        "folder": task.folder,
        "sha256": task.sha256,
        "error": "le processus d'analyse s'est arrêté pendant ce document (mémoire "
        "insuffisante ?) ; analysez-le à part",
    }


def _take(queue: Iterator[tuple[int, Task]], count: int) -> Iterable[tuple[int, Task]]:
    for _ in range(count):
        item = next(queue, None)
        if item is None:
            return
        yield item


def _on_dask(tasks: list[Task], scheduler: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        from distributed import Client, as_completed
    except ImportError as error:
        raise RuntimeError(
            "l'exécution sur Dask demande le paquet « distributed » : installez simplify-fr[dask]"
        ) from error
    try:
        client = scheduler if isinstance(scheduler, Client) else Client(scheduler)  # type: ignore[no-untyped-call]
    except OSError as error:
        raise RuntimeError(
            f"ordonnanceur Dask injoignable à {scheduler} ({error}) ; vérifiez l'adresse et "
            f"que l'ordonnanceur (dask scheduler) tourne"
        ) from error
    try:
        futures = client.map(audit_document, tasks, pure=False)
        positions = {future.key: index for index, future in enumerate(futures)}
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            yield positions[future.key], future.result()
    finally:
        if client is not scheduler:
            client.close()  # type: ignore[no-untyped-call]
