"""A web server under load, for benchmarks: start it as a user would, send requests from
threads (http.client, light on CPU) and sample the CPU and memory of its processes."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import psutil

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
ANALYSE_PATH = "/api/v1/analyse"
READY_PATH = "/api/v1/rules"
WORKERS = 2
READY_TIMEOUT = 120.0
REQUEST_TIMEOUT = 120.0
MB = 1024 * 1024


# --- the server ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(
    port: int, data_dir: Path, log: IO[bytes], workers: int = WORKERS
) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory"]
    command += ["--host", HOST, "--port", str(port), "--workers", str(workers)]
    command += ["--log-level", "warning"]
    env = {**os.environ, "SIMPLIFY_DATA_DIR": str(data_dir)}
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def answers_ready(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            connection.request("GET", READY_PATH)
            return connection.getresponse().status == 200
        finally:
            connection.close()
    except (OSError, http.client.HTTPException):
        return False


def wait_ready(port: int, server: subprocess.Popen[bytes]) -> float:
    """Seconds until GET READY_PATH answers 200; raises if the server dies or times out."""
    start = time.perf_counter()
    while time.perf_counter() - start < READY_TIMEOUT:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with code {server.returncode}")
        if answers_ready(port):
            return time.perf_counter() - start
        time.sleep(0.25)
    raise RuntimeError(f"the server did not answer within {READY_TIMEOUT:.0f} s")


def alive(process: psutil.Process) -> bool:
    try:
        return bool(process.status() != psutil.STATUS_ZOMBIE)
    except psutil.Error:
        return False


def server_processes(server: subprocess.Popen[bytes]) -> list[psutil.Process]:
    """The uvicorn parent and all its living descendants (the workers)."""
    try:
        parent = psutil.Process(server.pid)
        family = [parent, *parent.children(recursive=True)]
    except psutil.Error:
        return []
    return [process for process in family if alive(process)]


def worker_rss(server: subprocess.Popen[bytes]) -> dict[int, int]:
    """RSS of each living worker, by pid."""
    sizes: dict[int, int] = {}
    for process in server_processes(server):
        if role(process, server.pid) == "worker":
            with contextlib.suppress(psutil.Error):
                sizes[process.pid] = process.memory_info().rss
    return sizes


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Terminate the parent (it stops its workers), then kill any of its children left."""
    family = server_processes(server)
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
    for process in family[1:]:
        with contextlib.suppress(psutil.Error):
            process.kill()


def role(process: psutil.Process, parent_pid: int) -> str:
    """What a server process is: the uvicorn parent, its workers (its children), or below a
    worker the engine's file reader process (forked at start-up, not a worker)."""
    if process.pid == parent_pid:
        return "uvicorn parent"
    try:
        command = " ".join(process.cmdline())
        parent = process.ppid()
    except psutil.Error:
        return "gone"
    if "resource_tracker" in command:
        return "resource tracker"
    return "worker" if parent == parent_pid else "file reader"


# --- load generator --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answer:
    index: int  # position of the request in the phase
    seconds: float
    error: str | None  # None when the answer is a 200 with a report


def check(status: int, body: bytes) -> str | None:
    """Why an answer is not a report, or None when it is one."""
    if status != 200:
        return f"HTTP {status}: {body[:160]!r}"
    try:
        report = json.loads(body)
    except ValueError as error:
        return f"invalid JSON ({error})"
    if not isinstance(report, dict) or "findings" not in report:
        return "JSON without findings"
    return None


def post(port: int, index: int, body: bytes) -> Answer:
    """One POST of a letter on a new connection, timed until the whole answer is read."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
    try:
        headers = {"Content-Type": "application/json", "Connection": "close"}
        connection.request("POST", ANALYSE_PATH, body=body, headers=headers)
        response = connection.getresponse()
        status, data = response.status, response.read()
    except (OSError, http.client.HTTPException) as error:
        return Answer(index, time.perf_counter() - start, f"{type(error).__name__}: {error}")
    finally:
        connection.close()
    return Answer(index, time.perf_counter() - start, check(status, data))


def bodies(letters: Sequence[str], count: int) -> list[bytes]:
    """`count` request bodies going round the letters in order."""
    encoded = [json.dumps({"text": letter}).encode() for letter in letters]
    return [encoded[index % len(encoded)] for index in range(count)]


def run_load(port: int, requests: Sequence[bytes], clients: int) -> tuple[list[Answer], float]:
    """Closed loop: each client sends its next request when its answer arrives.
    Returns the answers and the wall time."""
    queue, answers, lock = deque(enumerate(requests)), list[Answer](), threading.Lock()

    def client() -> None:
        while True:
            with lock:
                if not queue:
                    return
                index, body = queue.popleft()
            answer = post(port, index, body)
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, time.perf_counter() - start


def seconds_of(answers: Sequence[Answer]) -> list[float]:
    """Sorted times of the answers that are reports."""
    return sorted(answer.seconds for answer in answers if answer.error is None)


def p95(times: Sequence[float]) -> float:
    if len(times) < 2:
        return times[-1]
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


# --- monitors --------------------------------------------------------------------------


@dataclass
class Usage:
    """Max RSS seen for each server process, and what each process is."""

    max_rss: dict[int, int] = field(default_factory=dict)
    warm_rss: dict[int, int] = field(default_factory=dict)  # just after the warm-up
    roles: dict[int, str] = field(default_factory=dict)
    server_name: str = "server"


def sample(server: subprocess.Popen[bytes], usage: Usage) -> None:
    for process in server_processes(server):
        try:
            rss = process.memory_info().rss
        except psutil.Error:
            continue
        usage.max_rss[process.pid] = max(rss, usage.max_rss.get(process.pid, 0))
        if process.pid not in usage.roles:
            usage.roles[process.pid] = f"{usage.server_name}, {role(process, server.pid)}"


@contextmanager
def sampling(server: subprocess.Popen[bytes], usage: Usage, every: float = 0.1) -> Iterator[None]:
    """Sample the RSS of the server processes in a thread while the block runs."""
    done = threading.Event()

    def loop() -> None:
        while not done.is_set():
            sample(server, usage)
            done.wait(every)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def cpu_seconds(server: subprocess.Popen[bytes]) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each server process; key 0 is this
    process, the load generator."""
    seconds = {0: sum(psutil.Process().cpu_times()[:2])}
    for process in server_processes(server):
        with contextlib.suppress(psutil.Error):
            seconds[process.pid] = sum(process.cpu_times()[:2])
    return seconds


def cpu_line(before: dict[int, float], after: dict[int, float], usage: Usage) -> str:
    """CPU seconds spent during a phase by each worker and by the load generator."""
    parts = [
        f"pid {pid} {after[pid] - before.get(pid, 0.0):.1f}"
        for pid in sorted(after)
        if pid and usage.roles.get(pid, "").endswith("worker")
    ]
    parts.append(f"load generator {after[0] - before[0]:.1f}")
    return "    CPU s: workers " + ", ".join(parts)
