"""The reader process: it never outlives the process that started it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import os, signal, sys
from simplify.formats import safety
from simplify.formats.files import read_letter
read_letter("lettre.docx", open(sys.argv[1], "rb").read())
(worker,) = safety._WORKERS.values()
print(worker.process.pid, flush=True)
os.kill(os.getpid(), signal.SIGKILL)  # no clean-up, like a server killed by the system
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split()[2] != "Z"


def test_the_reader_ends_when_its_parent_is_killed() -> None:
    docx = ROOT / "corpora" / "word" / "01-indu-rsa.docx"
    command = [sys.executable, "-c", SCRIPT, str(docx)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    reader = int(done.stdout.split()[0])
    deadline = time.monotonic() + 10
    while _alive(reader) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(reader)
