"""Child processes measured from a small parent, and the SMTP relay they deliver to.

Each measured command runs as a child of this process and is reaped with os.wait4, whose
rusage is the child's own (and that of any child it reaped in turn, such as a server's worker):
wall time from the parent's clock, peak RSS from ru_maxrss (KiB on Linux). Nothing of the
parent's memory — the relay, the HTTP client, the bench code — is counted.
"""

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TRACKER = str(Path(sys.executable).with_name("tracker"))
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
#: Postfix's default message_size_limit; the 1M digests must fit under it.
RELAY_SIZE_LIMIT = 10 * 1024 * 1024


@dataclass
class Measured:
    seconds: float
    peak_rss_mb: float
    output: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_measured(args: list[str], env: dict, timeout: float = 3600) -> Measured:
    """Run a command to completion; its wall time and peak RSS from wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(args, env=env, stdout=out, stderr=err, cwd=ROOT)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if process.returncode:
            raise RuntimeError(f"{args} exited {process.returncode}: {err.read().decode()[-3000:]}")
        return Measured(round(wall, 3), round(usage.ru_maxrss / 1024, 1), out.read().decode())


def median_of_runs(args: list[str], env: dict, runs: int = 5) -> Measured:
    """The run with the median wall time of `runs` (for short commands such as --help)."""
    results = sorted((run_measured(args, env) for _ in range(runs)), key=lambda m: m.seconds)
    middle = results[len(results) // 2]
    middle.seconds = round(statistics.median(r.seconds for r in results), 3)
    return middle


@contextmanager
def served(args: list[str], env: dict, port: int, ready_seconds: float = 120):
    """Start a server child, wait until `port` accepts, yield a dict that gets the server's
    peak RSS (wait4 after SIGTERM) when the block ends."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(args, env=env, stdout=log, stderr=log, cwd=ROOT)
        stats: dict = {}
        try:
            _wait_until_listening(process, port, log, ready_seconds)
            yield stats
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                _pid, _status, usage = os.wait4(process.pid, 0)
                process.returncode = 0
                stats["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)


def _wait_until_listening(process, port: int, log, ready_seconds: float) -> None:
    deadline = time.monotonic() + ready_seconds
    while True:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"server exited: {log.read().decode()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@dataclass
class RelayCounts:
    messages: int = 0
    recipients: set[str] = field(default_factory=set)
    largest_bytes: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self) -> None:
        with self.lock:
            self.messages, self.recipients, self.largest_bytes = 0, set(), 0


@contextmanager
def smtp_relay(size_limit: int = RELAY_SIZE_LIMIT):
    """A local relay announcing SIZE `size_limit` and refusing larger mail (552), as Postfix
    does by default; it keeps counts, not messages."""
    from aiosmtpd.controller import Controller

    counts = RelayCounts()

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            with counts.lock:
                counts.messages += 1
                counts.recipients.update(envelope.rcpt_tos)
                counts.largest_bytes = max(counts.largest_bytes, len(envelope.original_content))
            return "250 OK"

    controller = Controller(
        Handler(), hostname="127.0.0.1", port=free_port(), data_size_limit=size_limit
    )
    controller.start()
    try:
        yield controller.port, counts
    finally:
        controller.stop()
