"""Benchmark of `simplify audit` against bare spaCy on the same texts, in one run.

    python -m benchmarks.bench_audit [--count N] [--jobs N] [--keep DIR]

Generates N templates (1,000 by default; mixed .docx and .txt, 150 to 600 words, see
benchmarks/make_templates.py) in a temporary folder, reads their texts once, then measures
side by side:
1. bare `nlp.pipe(texts, n_process=JOBS)` over those texts (model loaded beforehand, as a
   long-running process would have it), before and after the audits (the mean is used);
2. the command as a user runs it, `simplify audit FOLDER --jobs JOBS --out OUT` in a new
   process: from the files on disk to the HTML report, Python start-up and each worker's model
   load included. The generated templates reuse the corpus letters' paragraphs, so each worker's
   sentence cache sees many sentences again (template libraries do share paragraphs); the same
   command with that cache off (SIMPLIFY_PARSE_CACHE_SENTENCES=0) shows the cost when no sentence
   repeats;
3. a rerun of the command after changing 1 % of the templates (same cache): only those are
   analysed; and the same rerun inside a process that has the model loaded already (what the
   web service's audit jobs do: `run_audit` then the report);
While the first audit runs, the RSS of each pool worker (and of the file-reader process below it)
is sampled. Targets: audit / bare >= 0.8; rerun <= 5 % of the first run; <= 500 MB per worker.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psutil

from benchmarks.make_templates import change, generate
from simplify.audit.aggregate import summarise
from simplify.audit.render import write_report
from simplify.audit.run import AuditRun, run_audit
from simplify.formats.files import read_letter
from simplify.nlp import load_pipeline

MB = 1024 * 1024
THROUGHPUT_TARGET = 0.8
RERUN_TARGET = 0.05
MEMORY_TARGET_MB = 500


class MemorySampler:
    """Max RSS per process below this one, sampled every 0.2 s, by role: the forkserver
    (its command line says so, its parent's does not), a pool worker (a child of the
    forkserver) or a file reader (a child of a worker, forked to parse .docx files)."""

    def __init__(self) -> None:
        self.peak: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            with contextlib.suppress(psutil.Error):
                self._sample(me.children(recursive=True))

    def _sample(self, family: list[psutil.Process]) -> None:
        commands, parents = {}, {}
        for process in family:
            with contextlib.suppress(psutil.Error):
                commands[process.pid] = " ".join(process.cmdline())
                parents[process.pid] = process.ppid()
        servers = {
            pid
            for pid, command in commands.items()
            if "forkserver" in command and "forkserver" not in commands.get(parents[pid], "")
        }
        workers = {pid for pid, parent in parents.items() if parent in servers}
        for process in family:
            pid = process.pid
            role = "worker" if pid in workers else "reader" if parents.get(pid) in workers else ""
            if role:
                with contextlib.suppress(psutil.Error):
                    rss = process.memory_info().rss
                    self.peak[pid] = (role, max(rss, self.peak.get(pid, (role, 0))[1]))

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def largest(self, role: str) -> float:
        return max((rss for r, rss in self.peak.values() if r == role), default=0) / MB

    def count(self, role: str) -> int:
        return sum(1 for r, _ in self.peak.values() if r == role)


def texts_of(paths: Sequence[Path]) -> list[str]:
    return [read_letter(path.name, path.read_bytes()).text for path in paths]


def bare_rate(nlp: Any, texts: Sequence[str], jobs: int) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=jobs, batch_size=8):
        pass
    return len(texts) / (time.perf_counter() - started)


def command(
    folder: Path, out: Path, jobs: int, *extra: str, env: dict[str, str] | None = None
) -> float:
    """Seconds of `simplify audit` run as a user runs it, in a new process."""
    started = time.perf_counter()
    arguments = [str(folder), "--out", str(out), "--jobs", str(jobs), *extra]
    subprocess.run(
        [sys.executable, "-m", "simplify.cli", "audit", *arguments],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    return time.perf_counter() - started


def in_process(folder: Path, out: Path, jobs: int) -> tuple[float, AuditRun]:
    """What a web-service audit job does, model already loaded: run, summarise, write."""
    started = time.perf_counter()
    run = run_audit([str(folder)], jobs=jobs, cache_path=out / ".cache" / "resultats.sqlite")
    summary = summarise(run)
    annotated = {r["name"]: r["annotated"] for r in run.results if "annotated" in r}
    write_report(summary, out, "html", annotated)
    return time.perf_counter() - started, run


def analysed(out: Path) -> tuple[int, int, int]:
    """(templates in the report, analysed in the run, taken from the cache)."""
    summary = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    run = summary["run"]
    return summary["totals"]["templates"], run["analysed"], run["cached"]


@contextlib.contextmanager
def workspace(keep: str | None) -> Iterator[Path]:
    if keep:
        path = Path(keep)
        path.mkdir(parents=True, exist_ok=True)
        yield path
    else:
        with tempfile.TemporaryDirectory(prefix="bench-audit-") as folder:
            yield Path(folder)


def verdict(reached: bool) -> str:
    return "reached" if reached else "NOT reached"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="templates to generate")
    parser.add_argument("--jobs", type=int, default=2, help="workers on each side")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep it")
    options = parser.parse_args()
    jobs = options.jobs
    with workspace(options.keep) as work:
        folder, out, bare_out = work / "modeles", work / "rapport", work / "sans-cache"
        started = time.perf_counter()
        paths = generate(folder, count=options.count, seed=0)
        print(f"{len(paths)} templates generated in {time.perf_counter() - started:.1f} s")
        texts = texts_of(paths)
        words = [len(t.split()) for t in texts]
        print(
            f"texts: {sum(words):,} words, {min(words)}–{max(words)} per template "
            f"(median {statistics.median(words):.0f}); "
            f"{sum(p.suffix == '.docx' for p in paths)} .docx"
        )
        nlp = load_pipeline()
        bare_before = bare_rate(nlp, texts, jobs)
        print(f"bare nlp.pipe (n_process={jobs})          {bare_before:7.1f} templates/s")
        with MemorySampler() as memory:
            first = command(folder, out, jobs)
        done, fresh, _ = analysed(out)
        print(
            f"simplify audit --jobs {jobs}               {done / first:7.1f} templates/s  "
            f"({first:.1f} s, {fresh} analysed, {done} in the report)"
        )
        no_reuse = command(
            folder, bare_out, jobs, "--no-cache", env={"SIMPLIFY_PARSE_CACHE_SENTENCES": "0"}
        )
        print(
            f"  same, sentence cache off            {done / no_reuse:7.1f} templates/s  "
            f"({no_reuse:.1f} s)"
        )
        bare_after = bare_rate(nlp, texts, jobs)
        print(f"bare nlp.pipe again                   {bare_after:7.1f} templates/s")
        changed = change(paths, share=0.01, seed=1)
        rerun = command(folder, out, jobs)
        _, fresh, cached = analysed(out)
        print(
            f"rerun with {len(changed)} changed, new process    {rerun:7.2f} s  "
            f"({fresh} analysed, {cached} from the cache)"
        )
        change(paths, share=0.01, seed=2)
        warm, run = in_process(folder, out, jobs)
        print(
            f"rerun with {len(changed)} changed, model loaded   {warm:7.2f} s  "
            f"({run.analysed} analysed, {run.cached} from the cache)"
        )
    bare = (bare_before + bare_after) / 2
    ratio, ratio_no_reuse = done / first / bare, done / no_reuse / bare
    worker_mb, reader_mb = memory.largest("worker"), memory.largest("reader")
    print()
    print("summary")
    print(
        f"  throughput: audit / bare nlp.pipe           {ratio:6.2f}  "
        f"(target >= {THROUGHPUT_TARGET}: {verdict(ratio >= THROUGHPUT_TARGET)}; "
        f"sentence cache off: {ratio_no_reuse:.2f})"
    )
    for label, seconds in (("new process", rerun), ("model loaded", warm)):
        share = seconds / first
        print(
            f"  rerun with 1 % changed / first run ({label}) {share:6.1%} "
            f"(target <= {RERUN_TARGET:.0%}: {verdict(share <= RERUN_TARGET)})"
        )
    print(
        f"  max RSS of a worker ({memory.count('worker')} seen)             {worker_mb:6.0f} MB "
        f"(its file reader: {reader_mb:.0f} MB; target <= {MEMORY_TARGET_MB} MB: "
        f"{verdict(0 < worker_mb <= MEMORY_TARGET_MB)})"
    )


if __name__ == "__main__":
    main()
