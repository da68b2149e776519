"""Load benchmark of the web service: two uvicorn workers against bare spaCy on the same cores.

    python -m benchmarks.bench_api [--quick] [--clients N] [--requests N] [--port P]

Builds 40 distinct letters of 350 words (+/- 30) from corpora/letters (consecutive
paragraphs, each used once), measures in this process the median time of one `analyse` of a
letter (model and tables warm, sentence cache cold: a new BlockParser per letter), then starts
the server as a user would (`uvicorn api.app:create_app --factory --workers 2`) and loads it
from this process with http.client in threads (light on CPU). Prints:
1. throughput: letters/s of the server at 4 clients against bare `nlp.pipe(n_process=2)`
   over the same letters, measured just before and just after (their mean is used).
   Each worker caches parsed sentences, so only the first pass (every letter new to the
   server, like the bare side) makes the target; later passes, repeats, are printed apart.
   Target: server first pass / bare nlp.pipe >= 0.7;
2. latency at 10 clients in a closed loop (each sends its next letter when its answer
   arrives), on a restarted server so that the first pass is new to it again: p50, p95 and
   max, for the requests whose letter was new and for all of them (the repeats hit the cache).
   Target: p95 of new letters < 3 x the single-letter analysis time; printed next to the
   bound of Little's law for a closed loop (mean latency >= clients / workers x service time)
   so a reader sees whether the target can be reached at all;
3. memory: the max RSS of each server process (parent, workers) sampled during the load.
   Target: < 600 MB per process.
Each server is warmed with letters outside the list until both workers hold the model.
Every answer is checked (status 200, JSON with "findings"); failures are counted and shown
and a failed answer never counts as a letter. Worker crashes found in the server log are
counted too. A summary gives each target "reached" or "NOT reached". The sides run one
after the other, close in time, so noise hits both alike.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import signal
import statistics
import subprocess
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from benchmarks.server_load import (
    MB,
    WORKERS,
    Answer,
    Usage,
    bodies,
    cpu_line,
    cpu_seconds,
    free_port,
    p95,
    run_load,
    sampling,
    seconds_of,
    server_processes,
    start_server,
    stop_server,
    wait_ready,
    worker_rss,
)
from simplify.analysis import analyse
from simplify.nlp import BlockParser, load_pipeline
from simplify.readability.vocabulary import warm_up
from simplify.rules.registry import RuleSet, load_builtin

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "letters"
LOW_WORDS, HIGH_WORDS = 320, 380  # 350 words, give or take 30
THROUGHPUT_TARGET = 0.7  # server first pass / bare nlp.pipe: at least
LATENCY_TARGET = 3.0  # p95 of new letters / single-letter analysis: below
RSS_TARGET_MB = 600.0  # each server process: below
# Where a paragraph may be cut: after . ! ? or … followed by spaces, or at a line break.
_PIECE_BREAK = re.compile(r"((?<=[.!?…])[ \t]+|\n)")
# What multiprocessing prints when a worker process dies of an exception.
_WORKER_CRASH = re.compile(r"Process SpawnProcess-\d+:$")


# --- letters ---------------------------------------------------------------------------


def words(text: str) -> int:
    return len(text.split())


def corpus_paragraphs() -> list[str]:
    """Every paragraph of the corpus, letter after letter, in order."""
    paragraphs: list[str] = []
    for path in sorted(CORPUS.glob("*/original.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs.extend(p.strip() for p in text.split("\n\n") if p.strip())
    return paragraphs


def cut(paragraph: str, room: int, least: int) -> tuple[str, str]:
    """A head of at most `room` words and the rest: whole sentences or lines if they give at
    least `least` words, else whole words."""
    parts = _PIECE_BREAK.split(paragraph)  # piece, separator, piece, separator...
    count, end = 0, 0
    for index in range(0, len(parts), 2):
        size = words(parts[index])
        if count + size > room:
            break
        count, end = count + size, index + 1
    if count >= least:
        return "".join(parts[:end]).strip(), "".join(parts[end + 1 :]).strip()
    tokens = paragraph.split()
    return " ".join(tokens[:room]), " ".join(tokens[room:])


def build_letters(paragraphs: Sequence[str]) -> list[str]:
    """Letters of LOW_WORDS to HIGH_WORDS words from consecutive paragraphs, each used once."""
    letters: list[str] = []
    queue, current, count = deque(paragraphs), list[str](), 0
    while queue:
        paragraph = queue.popleft()
        size = words(paragraph)
        if count + size <= HIGH_WORDS:
            current.append(paragraph)
            count += size
            continue
        if count < LOW_WORDS:
            head, paragraph = cut(paragraph, HIGH_WORDS - count, LOW_WORDS - count)
            current.append(head)
        if paragraph:
            queue.appendleft(paragraph)
        letters.append("\n\n".join(current))
        current, count = [], 0
    return letters


# --- in-process side -------------------------------------------------------------------


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def single_letter_times(nlp: Any, rules: RuleSet, letters: Sequence[str]) -> tuple[float, float]:
    """Median time of one analysis with a cold sentence cache (a new parser per letter), and
    of the same letter again with that parser's cache warm."""
    cold, warm = [], []
    for letter in letters:
        fresh = BlockParser(nlp)
        cold.append(timed(lambda: analyse(letter, rules=rules, parser=fresh)))  # noqa: B023
        warm.append(timed(lambda: analyse(letter, rules=rules, parser=fresh)))  # noqa: B023
    return statistics.median(cold), statistics.median(warm)


def bare_pipe_rate(nlp: Any, letters: Sequence[str], passes: int, batch_size: int) -> float:
    """Letters per second of bare spaCy on WORKERS processes over `passes` copies of the list."""
    texts = list(letters) * passes
    elapsed = timed(lambda: list(nlp.pipe(texts, n_process=WORKERS, batch_size=batch_size)))
    return len(texts) / elapsed


# --- the run ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Plan:
    letters: int
    passes: int
    throughput_clients: int
    clients: int
    requests: int
    warmup: int
    batch_size: int


@dataclass
class Figures:
    single_cold: float = 0.0
    single_warm: float = 0.0
    bare_rates: list[float] = field(default_factory=list)
    first_pass_rate: float = 0.0
    p95_new: float | None = None
    p95_all: float | None = None
    failures: list[str] = field(default_factory=list)
    crashes: int = 0  # worker processes that died with a traceback (uvicorn starts another)
    usage: Usage = field(default_factory=Usage)


@dataclass
class Run:
    """What every phase needs: the plan, the letters, the model and the current server."""

    plan: Plan
    letters: list[str]
    spare: list[str]  # letters outside the measured list, for the warm-up
    nlp: Any
    rules: RuleSet
    port: int
    figures: Figures = field(default_factory=Figures)
    server: subprocess.Popen[bytes] | None = None

    @property
    def process(self) -> subprocess.Popen[bytes]:
        assert self.server is not None, "the server is not started"
        return self.server


@dataclass(frozen=True, slots=True)
class Measured:
    answers: list[Answer]
    wall: float
    notes: list[str]  # CPU per worker and failures, to print under the phase's headline

    def show(self) -> None:
        for note in self.notes:
            print(note)


def load(run: Run, requests: Sequence[bytes], clients: int) -> Measured:
    """Run a load while sampling memory; note per-worker CPU and the failures (counted)."""
    before = cpu_seconds(run.process)
    with sampling(run.process, run.figures.usage):
        answers, wall = run_load(run.port, requests, clients)
    notes = [cpu_line(before, cpu_seconds(run.process), run.figures.usage)]
    failures = [answer.error for answer in answers if answer.error is not None]
    run.figures.failures += failures
    if failures:
        notes.append(f"    FAILED answers {len(failures)} of {len(answers)}:")
        notes += [f"      {failures.count(m)} x {m}" for m in sorted(set(failures))[:5]]
    return Measured(answers, wall, notes)


@contextmanager
def serving(run: Run, name: str) -> Iterator[None]:
    """A server, started and warmed, for the block's duration; stopped on the way out
    (errors and Ctrl-C included). Anything it logged (warnings and above) is shown."""
    with tempfile.TemporaryDirectory(prefix="bench-api-") as folder:
        log_path = Path(folder) / "server.log"
        try:
            with log_path.open("wb") as log:
                run.server = start_server(run.port, Path(folder) / "data", log)
                run.figures.usage.server_name = name
                warm_phase(run, name)
                yield
        finally:
            if run.server is not None:
                stop_server(run.server)
                run.server = None
            run.figures.crashes += print_log(log_path)


def print_log(path: Path, most: int = 12) -> int:
    """Print the server's messages (warnings and above) without the inner lines of
    tracebacks; return how many worker processes crashed."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    messages = [line for line in lines if line.strip() and not line[0].isspace()]
    crashes = sum(1 for line in messages if _WORKER_CRASH.match(line))
    if messages:
        print(f"  server log: {len(lines)} lines (worker crashes: {crashes}); messages:")
        print("\n".join(f"    {line}" for line in messages[:most]))
    return crashes


# --- phases ----------------------------------------------------------------------------


def single_letter_phase(run: Run) -> None:
    analyse(run.spare[0], rules=run.rules, parser=BlockParser(run.nlp))  # warm lazy tables
    cold, warm = single_letter_times(run.nlp, run.rules, run.letters)
    run.figures.single_cold, run.figures.single_warm = cold, warm
    print(f"\nsingle letter: in-process analyse, median over {len(run.letters)} letters")
    print(f"  cold sentence cache {1000 * cold:7.0f} ms   (a new parser per letter)")
    print(f"  warm sentence cache {1000 * warm:7.0f} ms   (the same letter again)")


def warm_phase(run: Run, name: str) -> None:
    """Wait for the server, then send letters outside the measured list (the workers load
    the model and their tables without learning the measured letters' sentences) until
    every worker holds a loaded model: a worker started again is warmed too."""
    ready = wait_ready(run.port, run.process)
    print(f"\n{name}: {WORKERS} uvicorn workers on port {run.port}, ready in {ready:.1f} s")
    for _ in range(3):
        warm_round(run)
        sizes = worker_rss(run.process)
        if len(sizes) == WORKERS and min(sizes.values()) > max(sizes.values()) / 2:
            break
        print(f"  a worker is still cold (RSS {sorted(v // MB for v in sizes.values())} MB)")
    for process in server_processes(run.process):
        with contextlib.suppress(psutil.Error):
            run.figures.usage.warm_rss[process.pid] = process.memory_info().rss


def warm_round(run: Run) -> None:
    warm = load(run, bodies(run.spare, run.plan.warmup), WORKERS * 2)
    slowest = max(answer.seconds for answer in warm.answers)
    print(
        f"  warm-up             {len(warm.answers)} requests in {warm.wall:.1f} s, slowest "
        f"{slowest:.1f} s (the first request of a worker loads the model)"
    )
    warm.show()


def bare_phase(run: Run) -> None:
    plan = run.plan
    letters_per_second = bare_pipe_rate(run.nlp, run.letters, plan.passes, plan.batch_size)
    run.figures.bare_rates.append(letters_per_second)
    print(
        f"  bare nlp.pipe       {letters_per_second:7.1f} letters/s   (n_process={WORKERS}, "
        f"{len(run.letters)} letters x {plan.passes}, batch_size={plan.batch_size})"
    )


def server_rate(run: Run, requests: Sequence[bytes], label: str) -> float:
    measured = load(run, requests, run.plan.throughput_clients)
    letters_per_second = len(seconds_of(measured.answers)) / measured.wall
    print(
        f"  server, {label:<11} {letters_per_second:7.1f} letters/s   "
        f"({len(measured.answers)} requests)"
    )
    measured.show()
    return letters_per_second


def throughput_phase(run: Run) -> None:
    plan, figures, count = run.plan, run.figures, len(run.letters)
    print(f"\nthroughput: {plan.throughput_clients} clients, {count} letters x {plan.passes}")
    bare_phase(run)
    figures.first_pass_rate = server_rate(run, bodies(run.letters, count), "first pass")
    if plan.passes > 1:
        server_rate(run, bodies(run.letters, count * (plan.passes - 1)), "repeats")
    bare_phase(run)
    bare, ideal = statistics.fmean(figures.bare_rates), WORKERS / figures.single_cold
    ratio = figures.first_pass_rate / bare
    print(f"  first pass / bare   {ratio:7.2f}   (target >= {THROUGHPUT_TARGET})")
    print(
        f"  first pass / ideal  {figures.first_pass_rate / ideal:7.2f}   (ideal: {WORKERS} "
        f"workers / single-letter time = {ideal:.1f} letters/s)"
    )
    print(f"  ideal / bare        {ideal / bare:7.2f}   (the ratio of a server without overhead)")


def latency_phase(run: Run) -> None:
    plan, count = run.plan, len(run.letters)
    print(f"\nlatency: {plan.clients} clients in a closed loop, {plan.requests} requests")
    measured = load(run, bodies(run.letters, plan.requests), plan.clients)
    new = seconds_of([answer for answer in measured.answers if answer.index < count])
    every = seconds_of(measured.answers)
    print(f"  rate                {len(every) / measured.wall:7.1f} letters/s")
    measured.show()
    if new:
        run.figures.p95_new = p95(new)
        print_latency(run, f"first {len(new)} (new)", new)
    if every:
        run.figures.p95_all = p95(every)
        print_latency(run, f"all {len(every)}", every)
    print_little_bound(run)


def print_latency(run: Run, label: str, times: Sequence[float]) -> None:
    single = run.figures.single_cold
    print(
        f"  {label:<18}  p50 {1000 * statistics.median(times):.0f} ms, "
        f"p95 {1000 * p95(times):.0f} ms, max {1000 * times[-1]:.0f} ms, "
        f"mean {1000 * statistics.fmean(times):.0f} ms; p95 / single letter "
        f"{p95(times) / single:.2f} (target < {LATENCY_TARGET:g})"
    )


def print_little_bound(run: Run) -> None:
    """Closed loop without think time: mean latency = clients / throughput, and throughput is
    at most workers / service time, so mean latency >= clients / workers x service time."""
    factor = run.plan.clients / WORKERS
    cold, warm = run.figures.single_cold, run.figures.single_warm
    print(
        f"  Little's law        mean latency >= {run.plan.clients} clients / {WORKERS} workers "
        f"x service time = {factor:g} x {1000 * cold:.0f} ms = {1000 * factor * cold:.0f} ms "
        f"for new letters ({factor:g} x the single-letter time, against a target of "
        f"{LATENCY_TARGET:g} x); {factor:g} x {1000 * warm:.0f} ms = "
        f"{1000 * factor * warm:.0f} ms when the sentence cache knows the letter"
    )


def memory_phase(run: Run) -> float:
    usage = run.figures.usage
    print(f"\nmemory: max RSS during the load (target < {RSS_TARGET_MB:.0f} MB per process)")
    for pid in sorted(usage.max_rss):
        warm = f"{usage.warm_rss[pid] / MB:.0f} MB" if pid in usage.warm_rss else "-"
        print(
            f"  {usage.roles[pid]:<30} {usage.max_rss[pid] / MB:7.0f} MB   "
            f"(after the warm-up {warm}; pid {pid})"
        )
    return max(usage.max_rss.values(), default=0) / MB


def verdict(reached: bool) -> str:
    return "reached" if reached else "NOT reached"


def summary(run: Run, max_rss: float) -> None:
    figures, factor = run.figures, run.plan.clients / WORKERS
    ratio = figures.first_pass_rate / statistics.fmean(figures.bare_rates)
    new = (figures.p95_new or float("inf")) / figures.single_cold
    every = (figures.p95_all or float("inf")) / figures.single_cold
    rows = [
        ("throughput: server first pass / bare nlp.pipe", f"{ratio:.2f}",
         f">= {THROUGHPUT_TARGET}", ratio >= THROUGHPUT_TARGET),
        ("latency: p95 of new letters / single letter", f"{new:.2f}",
         f"< {LATENCY_TARGET:g} (Little: >= ~{factor:g})", new < LATENCY_TARGET),
        ("memory: max RSS of one server process", f"{max_rss:.0f} MB",
         f"< {RSS_TARGET_MB:.0f} MB", max_rss < RSS_TARGET_MB),
        ("failed answers", str(len(figures.failures)), "0", not figures.failures),
        ("worker crashes (server log)", str(figures.crashes), "0", not figures.crashes),
    ]  # fmt: skip
    print("\nsummary")
    for name, value, target, reached in rows:
        print(f"  {name:<46} {value:>7}   target {target:<24} {verdict(reached)}")
    print(f"  (p95 of all latency requests, mostly repeats the cache knows: {every:.2f} x)")
    if figures.failures:
        print("  some answers failed: the figures count only the answers that are reports")


# --- main ------------------------------------------------------------------------------


def parse_plan() -> tuple[Plan, int]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smoke run, under a minute")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--clients", type=int, default=10, help="clients of the latency phase")
    parser.add_argument("--requests", type=int, help="requests of the latency phase (200)")
    parser.add_argument("--letters", type=int, help="distinct letters measured (40)")
    parser.add_argument("--passes", type=int, help="passes over the letters for throughput (3)")
    parser.add_argument("--throughput-clients", type=int, default=4)
    parser.add_argument("--warmup", type=int, help="warm-up requests per server start (20)")
    parser.add_argument("--batch-size", type=int, default=4, help="nlp.pipe batch size")
    args = parser.parse_args()
    quick = args.quick
    plan = Plan(
        letters=args.letters or (12 if quick else 40),
        passes=args.passes or (2 if quick else 3),
        throughput_clients=args.throughput_clients,
        clients=args.clients,
        requests=args.requests or (40 if quick else 200),
        warmup=args.warmup or (8 if quick else 20),
        batch_size=args.batch_size,
    )
    return plan, args.port or free_port()


def prepare(plan: Plan, port: int) -> Run:
    built = build_letters(corpus_paragraphs())
    if len(built) <= plan.letters:
        raise SystemExit(f"the corpus gives {len(built)} letters: ask for fewer with --letters")
    letters, spare = built[: plan.letters], built[plan.letters :]
    sizes = [words(letter) for letter in letters]
    print(
        f"letters: {len(letters)} distinct, {min(sizes)}-{max(sizes)} words "
        f"(mean {statistics.fmean(sizes):.0f}), from {CORPUS.relative_to(ROOT)}; "
        f"{len(spare)} others for the warm-up"
    )
    nlp = load_pipeline()
    warm_up()
    return Run(plan, letters, spare, nlp, load_builtin(), port)


def exit_on_terminate() -> None:
    """SIGTERM unwinds like Ctrl-C, so the server is stopped on the way out."""

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


def main() -> None:
    exit_on_terminate()
    plan, port = parse_plan()
    run = prepare(plan, port)
    single_letter_phase(run)
    with serving(run, "server 1"):
        throughput_phase(run)
    # A new server, so that the first pass of the latency phase is new to it.
    with serving(run, "server 2"):
        latency_phase(run)
    summary(run, memory_phase(run))


if __name__ == "__main__":
    main()
